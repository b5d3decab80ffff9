// Regular expressions: REGEXP_LIKE(s, pattern[, flags]) and the operators `~`, `~*`, `!~`, `!~*` (the
// parser makes them REGEXP_LIKE calls, `*` adding the flag 'i'), and SIMILAR TO (translated to one). Patterns are PCRE2's (Debian's
// libpcre2: Perl syntax, a superset of PostgreSQL's everyday regex), matched anywhere in the text over
// UTF-8 characters. PCRE2 rather than std::regex because it bounds the work of one match: a pattern that
// backtracks catastrophically ('(a+)+$' on a long text) fails with 2201B after a fixed budget instead
// of hanging the query, and its matcher does not recurse on the machine stack, so a long text cannot
// crash the process.
//
// Newlines and flags follow PostgreSQL's: by default a text is one line (`.` and `[^...]` match a
// newline, `^` and `$` only at its very ends, `$` not before a final newline as in Perl); 'n' (or its old
// name 'm') is newline-sensitive (`.` stops at a newline, `^`/`$` at every line); 'p' only the first of
// those, 'w' only the second; 's' and 't' are the defaults; 'i'/'c' ignore or respect case; 'x' ignores
// spaces and # comments; 'q' takes the pattern as literal text. One difference stays: with 'n' or 'p', a
// negated class `[^a]` still matches a newline (PCRE2 has no option for that). BRE/ERE ('b', 'e') are
// 0A000; other letters 22023.
//
// A pattern compiles once per thread: the last few used are found by comparing their text (a constant
// pattern: no key built, nothing hashed per row), others in a cache of recent patterns; each thread
// keeps one match block, so a row costs no allocation.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "function/function.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

constexpr const char* kInvalidRegex = "2201B";
constexpr uint32_t kMatchLimit = 10'000'000;   // backtracking steps of one match
constexpr uint32_t kHeapLimitKib = 64 * 1024;  // the matcher's memory, 64 MiB
constexpr size_t kCachedPatterns = 64;
constexpr size_t kRecentPatterns = 4;  // the calls of one statement, told apart without a key

using Code = std::shared_ptr<pcre2_code>;

uint32_t options_of(const std::string& flags, const CallSite& site) {
  const uint32_t one_line = PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY, per_line = PCRE2_MULTILINE;
  uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | one_line;
  auto lines = [&](uint32_t set) { options = (options & ~(one_line | per_line)) | set; };
  for (char f : flags) {
    switch (f) {
      case 'i': options |= PCRE2_CASELESS; break;
      case 'c': options &= ~PCRE2_CASELESS; break;
      case 's': lines(one_line); break;
      case 'n': case 'm': lines(per_line); break;
      case 'p': lines(PCRE2_DOLLAR_ENDONLY); break;
      case 'w': lines(PCRE2_DOTALL | per_line); break;
      case 'x': options |= PCRE2_EXTENDED; break;
      case 'q': options |= PCRE2_LITERAL; break;
      case 't': options &= ~PCRE2_EXTENDED; break;  // tight syntax: the last of x and t wins
      case 'b': case 'e': site.fail(sqlstate::kFeatureNotSupported, "basic and extended regular expressions (flags b and e) are not supported");
      default: site.fail(sqlstate::kInvalidParameter, std::string("invalid regular expression flag: ") + f);
    }
  }
  // PCRE2_LITERAL allows only some options beside it; extended syntax means nothing for literal text.
  if (options & PCRE2_LITERAL) options &= ~(PCRE2_EXTENDED | PCRE2_MULTILINE | PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY);
  return options;
}

Code compile(const std::string& pattern, uint32_t options, const CallSite& site) {
  thread_local std::unique_ptr<pcre2_compile_context, void (*)(pcre2_compile_context*)> context = [] {
    std::unique_ptr<pcre2_compile_context, void (*)(pcre2_compile_context*)> c(pcre2_compile_context_create(nullptr),
                                                                               pcre2_compile_context_free);
    pcre2_set_newline(c.get(), PCRE2_NEWLINE_LF);  // a line ends at \n, as in PostgreSQL
    return c;
  }();
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset, context.get());
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    site.fail(kInvalidRegex, "invalid regular expression '" + pattern + "': " + reinterpret_cast<char*>(message) +
                                 " at offset " + std::to_string(offset));
  }
  return Code(code, pcre2_code_free);
}

// The compiled pattern: one of the thread's last few when the pattern and options are the same (no key
// built, nothing allocated), else from the thread's cache of recent patterns, compiled on a miss.
const pcre2_code* compiled(const std::string& pattern, uint32_t options, const CallSite& site) {
  struct Recent {
    std::string pattern;
    uint32_t options = 0;
    Code code;
  };
  thread_local std::array<Recent, kRecentPatterns> recent;
  thread_local size_t next_slot = 0;
  for (const auto& r : recent)
    if (r.code && r.options == options && r.pattern == pattern) return r.code.get();
  thread_local std::unordered_map<std::string, Code> cache;
  std::string key = std::to_string(options) + '/' + pattern;
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= kCachedPatterns) cache.clear();
    it = cache.emplace(std::move(key), compile(pattern, options, site)).first;
  }
  Recent& slot = recent[next_slot++ % kRecentPatterns];
  slot = Recent{pattern, options, it->second};
  return slot.code.get();
}

bool matches(const std::string& text, const pcre2_code* code, const CallSite& site) {
  thread_local std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context*)> context = [] {
    std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context*)> c(pcre2_match_context_create(nullptr),
                                                                           pcre2_match_context_free);
    pcre2_set_match_limit(c.get(), kMatchLimit);
    pcre2_set_heap_limit(c.get(), kHeapLimitKib);
    return c;
  }();
  // Only whether it matches is asked: one pair of offsets is enough for any pattern (rc 0 says the
  // match had more groups than that, and is a match).
  thread_local std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> data(pcre2_match_data_create(1, nullptr),
                                                                                   pcre2_match_data_free);
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data.get(), context.get());
  if (rc >= 0) return true;
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
    site.fail(kInvalidRegex, "regular expression too complex: the match gave up after its step limit (simplify nested "
                             "repetition such as (a+)+)");
  PCRE2_UCHAR message[256];
  pcre2_get_error_message(rc, message, sizeof message);
  site.fail(kInvalidRegex, std::string("regular expression match failed: ") + reinterpret_cast<char*>(message));
}

// A value's text without a copy when it is a string (every row's usual case).
const std::string& text_of(const Value& v, std::string& scratch) {
  if (v.type() == ValueType::String) return v.text();
  return scratch = value_to_text(v);
}

Value regexp_like(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  std::string text, pattern, flags;
  uint32_t options = options_of(args.size() == 3 ? text_of(args[2], flags) : flags, site);
  const pcre2_code* code = compiled(text_of(args[1], pattern), options, site);
  return Value::boolean(matches(text_of(args[0], text), code, site));
}

// SIMILAR TO's pattern as a regular expression, as PostgreSQL translates it: it matches the whole text;
// `%` is any text and `_` any one character; `|`, `*`, `+`, `?`, `{m,n}`, `( )` (not capturing) and
// bracket expressions `[...]` keep their regular expression meaning; any other character means itself,
// as does a character after the escape character (`\` unless ESCAPE says another, none for ESCAPE '').
std::string similar_to_regex(const std::string& pattern, const std::string& escape, const CallSite& site) {
  if (utf8_length(escape) > 1) site.fail("22025", "invalid escape string: ESCAPE must be empty or one character");
  auto next_character = [&](size_t& i) {
    size_t start = i;
    decode_utf8(pattern, i);
    return std::string_view(pattern.data() + start, i - start);
  };
  std::string out = "^(?:";
  bool in_brackets = false;
  size_t bracket_start = 0;  // where the open bracket's content starts in `out`
  for (size_t i = 0; i < pattern.size();) {
    std::string_view c = next_character(i);
    if (!escape.empty() && c == escape) {
      if (i == pattern.size()) site.fail("2201B", "invalid SIMILAR TO pattern '" + pattern + "': it ends with the escape character");
      std::string_view literal = next_character(i);
      if (literal.size() == 1 && !isalnum(static_cast<unsigned char>(literal[0]))) out += '\\';
      out += literal;
      continue;
    }
    if (in_brackets) {
      // A `]` first in the bracket (after a leading `^`) is itself; any later one closes it.
      size_t first = bracket_start + (out.size() > bracket_start && out[bracket_start] == '^' ? 1 : 0);
      in_brackets = c != "]" || out.size() == first;
      out += c == "\\" ? "\\\\" : std::string(c);
    } else if (c == "%") {
      out += ".*";
    } else if (c == "_") {
      out += ".";
    } else if (c == "(") {
      out += "(?:";
    } else if (c == "[") {
      in_brackets = true;
      out += "[";
      bracket_start = out.size();
    } else if (c.size() == 1 && std::string_view("|*+?{}),").find(c[0]) != std::string_view::npos) {
      out += c;
    } else if (c.size() == 1 && std::string_view("\\.^$").find(c[0]) != std::string_view::npos) {
      out += "\\" + std::string(c);
    } else {
      out += c;
    }
  }
  return out + ")\\z";
}

// similar_to(x, pattern[, escape]): x SIMILAR TO pattern [ESCAPE escape].
Value similar_to(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  std::string text, pattern, escape = "\\";
  if (args.size() == 3) escape = text_of(args[2], escape);
  // The pattern is nearly always the same on every row: translate it once, not per row.
  thread_local struct {
    std::string pattern, escape, regex;
  } last;
  const std::string& text_pattern = text_of(args[1], pattern);
  if (last.regex.empty() || last.pattern != text_pattern || last.escape != escape) {
    last.regex = similar_to_regex(text_pattern, escape, site);  // may throw: then nothing is remembered
    last.pattern = text_pattern;
    last.escape = escape;
  }
  const pcre2_code* code = compiled(last.regex, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOTALL, site);
  return Value::boolean(matches(text_of(args[0], text), code, site));
}

}  // namespace

std::vector<FunctionEntry> regex_functions() {
  return {
      scalar_function("regexp_like", {}, 2, 3, {A::Text}, SqlType::Boolean, regexp_like),
      scalar_function("similar_to", {}, 2, 3, {A::Text}, SqlType::Boolean, similar_to),
  };
}

}  // namespace dynamosql
