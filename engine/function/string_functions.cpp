// String functions: UPPER, LOWER, LENGTH (CHAR_LENGTH), SUBSTR, LEFT, RIGHT, TRIM, LTRIM, RTRIM (of spaces or
// of given characters), REPLACE, CONCAT, POSITION, LOCATE, LPAD, RPAD, SPLIT_PART, with PostgreSQL's rules.
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

// The characters (code points) of `s`, each as its UTF-8 bytes.
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    decode_utf8(s, i);
    if (i == start) ++i;
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

// TRIM(s[, characters]): drops the given characters (spaces by default) from the chosen ends.
Value strip(ArgList args, bool leading, bool trailing) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  std::string set = args.size() > 1 ? value_to_text(args[1]) : " ";
  auto removable = characters(set);
  auto chars = characters(s);
  auto drop = [&](std::string_view c) { return std::find(removable.begin(), removable.end(), c) != removable.end(); };
  size_t first = 0, last = chars.size();
  while (leading && first < last && drop(chars[first])) ++first;
  while (trailing && last > first && drop(chars[last - 1])) --last;
  std::string out;
  for (size_t i = first; i < last; ++i) out += chars[i];
  return Value::string(out);
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

// POSITION(needle IN haystack) and LOCATE(needle, haystack[, start]): the 1-based character position of
// the first occurrence (at or after `start`), 0 when there is none.
Value find_in(const std::string& needle, const std::string& haystack, int64_t start) {
  if (start < 1) return Value::number(Number(0));
  size_t from = utf8_offset(haystack, static_cast<size_t>(start - 1));
  size_t hit = haystack.find(needle, from);
  if (from > haystack.size() || hit == std::string::npos) return Value::number(Number(0));
  return Value::number(Number(static_cast<int64_t>(utf8_length(std::string_view(haystack).substr(0, hit)) + 1)));
}

Value position(ArgList args, const CallSite&) {
  if (args.any_null()) return Value::null();
  return find_in(value_to_text(args[0]), value_to_text(args[1]), 1);
}

Value locate(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  int64_t start = args.size() == 3 ? site.number(args[2]).to_int64().value_or(0) : 1;
  return find_in(value_to_text(args[0]), value_to_text(args[1]), start);
}

// LPAD/RPAD(s, length[, fill]): fill (a space by default) repeated on one side up to `length` characters;
// a longer s is cut to its first `length` characters (PostgreSQL).
Value pad(ArgList args, const CallSite& site, bool on_left) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]);
  auto chars = characters(s);
  auto n = site.number(args[1]).to_int64();
  if (!n || *n > 10 * 1024 * 1024) site.fail(sqlstate::kInvalidParameter, "the length of LPAD/RPAD is out of range");
  size_t length = static_cast<size_t>(std::max<int64_t>(*n, 0));
  std::string fill_text = args.size() == 3 ? value_to_text(args[2]) : " ";
  auto fill = characters(fill_text);
  std::string text, padding;
  for (size_t i = 0; i < std::min(length, chars.size()); ++i) text += chars[i];
  for (size_t i = chars.size(); i < length && !fill.empty(); ++i) padding += fill[(i - chars.size()) % fill.size()];
  return Value::string(on_left ? padding + text : text + padding);
}

Value lpad(ArgList args, const CallSite& site) { return pad(args, site, true); }
Value rpad(ArgList args, const CallSite& site) { return pad(args, site, false); }

// SPLIT_PART(s, delimiter, n): the n-th field (from the end when n < 0); '' past the last; n = 0 is 22023.
Value split_part(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  std::string s = value_to_text(args[0]), delimiter = value_to_text(args[1]);
  auto n = site.number(args[2]).to_int64();
  if (!n || *n == 0) site.fail(sqlstate::kInvalidParameter, "field position must not be zero");
  std::vector<std::string> fields;
  if (delimiter.empty()) {
    fields.push_back(s);
  } else {
    size_t pos = 0, hit;
    while ((hit = s.find(delimiter, pos)) != std::string::npos) {
      fields.push_back(s.substr(pos, hit - pos));
      pos = hit + delimiter.size();
    }
    fields.push_back(s.substr(pos));
  }
  int64_t count = static_cast<int64_t>(fields.size());
  int64_t index = *n > 0 ? *n - 1 : count + *n;
  if (index < 0 || index >= count) return Value::string("");
  return Value::string(fields[static_cast<size_t>(index)]);
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
      scalar_function("trim", {"btrim"}, 1, 2, {A::Text}, SqlType::Varchar, trim),
      scalar_function("ltrim", {}, 1, 2, {A::Text}, SqlType::Varchar, ltrim),
      scalar_function("rtrim", {}, 1, 2, {A::Text}, SqlType::Varchar, rtrim),
      scalar_function("replace", {}, 3, 3, {A::Text}, SqlType::Varchar, replace),
      scalar_function("concat", {}, 0, -1, {A::Text}, SqlType::Varchar, concat),
      scalar_function("position", {}, 2, 2, {A::Text}, SqlType::Bigint, position),
      scalar_function("locate", {}, 2, 3, {A::Text, A::Text, A::Number}, SqlType::Bigint, locate),
      scalar_function("lpad", {}, 2, 3, {A::Text, A::Number, A::Text}, SqlType::Varchar, lpad),
      scalar_function("rpad", {}, 2, 3, {A::Text, A::Number, A::Text}, SqlType::Varchar, rpad),
      scalar_function("split_part", {}, 3, 3, {A::Text, A::Text, A::Number}, SqlType::Varchar, split_part),
  };
}

}  // namespace dynamosql
