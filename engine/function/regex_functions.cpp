// Regular expressions: REGEXP_LIKE(s, pattern[, flags]) and the operators `~`, `~*`, `!~`, `!~*` (the
// parser makes them REGEXP_LIKE calls, `*` adding the flag 'i'). Patterns are PCRE2's (Debian's
// libpcre2: Perl syntax, a superset of PostgreSQL's everyday regex), matched anywhere in the text over
// UTF-8 characters. PCRE2 rather than std::regex because it bounds the work of one match: a pattern that
// backtracks catastrophically ('(a+)+$' on a long text) fails with 2201B after a fixed budget instead
// of hanging the query, and its matcher does not recurse on the machine stack, so a long text cannot
// crash the process. Flags: i (ignore case), c (case-sensitive), s or n (. matches a newline),
// m (^ and $ at line ends), x (extended: spaces and # comments ignored). A bad pattern is 2201B.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "dynamosql/error.h"
#include "function/function.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

constexpr const char* kInvalidRegex = "2201B";
constexpr uint32_t kMatchLimit = 10'000'000;   // backtracking steps of one match
constexpr uint32_t kHeapLimitKib = 64 * 1024;  // the matcher's memory, 64 MiB
constexpr size_t kCachedPatterns = 64;

using Code = std::shared_ptr<pcre2_code>;

uint32_t options_of(const std::string& flags, const CallSite& site) {
  uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  for (char f : flags) {
    switch (f) {
      case 'i': options |= PCRE2_CASELESS; break;
      case 'c': options &= ~PCRE2_CASELESS; break;
      case 's': case 'n': options |= PCRE2_DOTALL; break;
      case 'm': options |= PCRE2_MULTILINE; break;
      case 'x': options |= PCRE2_EXTENDED; break;
      default: site.fail(sqlstate::kInvalidParameter, std::string("invalid regular expression flag: ") + f);
    }
  }
  return options;
}

// The compiled pattern; each thread keeps the last patterns it compiled, so a pattern compiles once per
// query rather than once per row.
Code compiled(const std::string& pattern, uint32_t options, const CallSite& site) {
  thread_local std::unordered_map<std::string, Code> cache;
  std::string key = std::to_string(options) + '/' + pattern;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset, nullptr);
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    site.fail(kInvalidRegex, "invalid regular expression '" + pattern + "': " + reinterpret_cast<char*>(message) +
                                 " at offset " + std::to_string(offset));
  }
  if (cache.size() >= kCachedPatterns) cache.clear();
  return cache[key] = Code(code, pcre2_code_free);
}

bool matches(const std::string& text, const pcre2_code* code, const CallSite& site) {
  thread_local std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context*)> context = [] {
    std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context*)> c(pcre2_match_context_create(nullptr),
                                                                           pcre2_match_context_free);
    pcre2_set_match_limit(c.get(), kMatchLimit);
    pcre2_set_heap_limit(c.get(), kHeapLimitKib);
    return c;
  }();
  std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> data(pcre2_match_data_create_from_pattern(code, nullptr),
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

Value regexp_like(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  std::string flags = args.size() == 3 ? value_to_text(args[2]) : "";
  Code code = compiled(value_to_text(args[1]), options_of(flags, site), site);
  return Value::boolean(matches(value_to_text(args[0]), code.get(), site));
}

}  // namespace

std::vector<FunctionEntry> regex_functions() {
  return {
      scalar_function("regexp_like", {}, 2, 3, {A::Text}, SqlType::Boolean, regexp_like),
  };
}

}  // namespace dynamosql
