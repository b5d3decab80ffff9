// String functions: UPPER, LOWER, LENGTH, SUBSTR, LEFT, RIGHT, TRIM, LTRIM, RTRIM, REPLACE, CONCAT.
// Lengths and positions count characters (UTF-8 code points), not bytes; case mapping is ASCII-only.
// A NULL argument gives NULL, except for CONCAT, which skips NULLs.
#include <algorithm>
#include <cctype>
#include <climits>

#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "function/function.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

Value change_case(ArgList args, bool upper) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  for (auto& c : s)
    if (static_cast<unsigned char>(c) < 128) c = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
  return Value::string(s);
}

Value upper(ArgList args, const CallSite&) { return change_case(args, true); }
Value lower(ArgList args, const CallSite&) { return change_case(args, false); }

Value length(ArgList args, const CallSite&) {
  if (args.any_null()) return Value::null();
  return Value::number(Number(static_cast<int64_t>(utf8_length(value_to_text(args[0])))));
}

// SUBSTR(s, start[, length]): 1-based, as SQL; a start before 1 shortens the result.
Value substr(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  int64_t start = site.number(args[1]).round_scale(0).to_int64().value_or(1);
  int64_t len = args.size() == 3 ? site.number(args[2]).round_scale(0).to_int64().value_or(0) : INT32_MAX;
  if (len < 0) site.fail(sqlstate::kInvalidParameter, "negative substring length");
  int64_t first = std::max<int64_t>(start, 1), last = start + len;  // exclusive, 1-based
  if (last <= first) return Value::string("");
  size_t b = utf8_offset(s, static_cast<size_t>(first - 1));
  size_t end = utf8_offset(s, static_cast<size_t>(std::min<int64_t>(last - 1, INT32_MAX)));
  return Value::string(s.substr(b, end - b));
}

Value take(ArgList args, const CallSite& site, bool from_left) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  int64_t n = std::max<int64_t>(0, site.number(args[1]).to_int64().value_or(0));
  size_t chars = utf8_length(s);
  if (static_cast<size_t>(n) >= chars) return Value::string(s);
  if (from_left) return Value::string(s.substr(0, utf8_offset(s, static_cast<size_t>(n))));
  return Value::string(s.substr(utf8_offset(s, chars - static_cast<size_t>(n))));
}

Value left(ArgList args, const CallSite& site) { return take(args, site, true); }
Value right(ArgList args, const CallSite& site) { return take(args, site, false); }

Value strip(ArgList args, bool leading, bool trailing) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  if (leading) s.erase(0, s.find_first_not_of(' '));
  if (trailing) {
    auto last = s.find_last_not_of(' ');
    s.erase(last == std::string::npos ? 0 : last + 1);
  }
  return Value::string(s);
}

Value trim(ArgList args, const CallSite&) { return strip(args, true, true); }
Value ltrim(ArgList args, const CallSite&) { return strip(args, true, false); }
Value rtrim(ArgList args, const CallSite&) { return strip(args, false, true); }

Value replace(ArgList args, const CallSite&) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]), from = value_to_text(args[1]), to = value_to_text(args[2]);
  if (from.empty()) return Value::string(s);
  std::string out;
  size_t pos = 0, hit;
  while ((hit = s.find(from, pos)) != std::string::npos) {
    out += s.substr(pos, hit - pos) + to;
    pos = hit + from.size();
  }
  return Value::string(out + s.substr(pos));
}

Value concat(ArgList args, const CallSite&) {
  std::string out;
  for (const auto& a : args)
    if (!a.is_null_or_missing()) out += value_to_text(a);
  return Value::string(out);
}

}  // namespace

std::vector<FunctionEntry> string_functions() {
  return {
      scalar_function("upper", {"ucase"}, 1, 1, {A::Text}, SqlType::Varchar, upper),
      scalar_function("lower", {"lcase"}, 1, 1, {A::Text}, SqlType::Varchar, lower),
      scalar_function("length", {"char_length", "character_length", "len"}, 1, 1, {A::Text}, SqlType::Bigint, length),
      scalar_function("substr", {"substring"}, 2, 3, {A::Text, A::Number}, SqlType::Varchar, substr),
      scalar_function("left", {}, 2, 2, {A::Text, A::Number}, SqlType::Varchar, left),
      scalar_function("right", {}, 2, 2, {A::Text, A::Number}, SqlType::Varchar, right),
      scalar_function("trim", {}, 1, 1, {A::Text}, SqlType::Varchar, trim),
      scalar_function("ltrim", {}, 1, 1, {A::Text}, SqlType::Varchar, ltrim),
      scalar_function("rtrim", {}, 1, 1, {A::Text}, SqlType::Varchar, rtrim),
      scalar_function("replace", {}, 3, 3, {A::Text}, SqlType::Varchar, replace),
      scalar_function("concat", {}, 0, -1, {A::Text}, SqlType::Varchar, concat),
  };
}

}  // namespace dynamosql
