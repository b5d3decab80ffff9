// A value's text and SQL's LIKE; see dynamosql/value.h and dynamosql/text.h.
#include <algorithm>

#include "dynamosql/json.h"
#include "dynamosql/text.h"
#include "dynamosql/value.h"
#include "value/base64.h"

namespace dynamosql {

void append_value_text(std::string& out, const Value& v) {
  switch (v.type()) {
    case ValueType::Missing:
    case ValueType::Null: break;
    case ValueType::String: out += v.text(); break;
    case ValueType::Number: append_canonical_number(out, v.text()); break;
    case ValueType::Bool: out += v.as_bool() ? "true" : "false"; break;
    case ValueType::Binary: out += base64_encode(v.text()); break;
    default: out += plain_json(v);
  }
}

std::string value_to_text(const Value& v) {
  if (v.type() == ValueType::String) return v.text();
  std::string text;
  append_value_text(text, v);
  return text;
}

bool like_match(const std::string& text, const std::string& pattern, int escape) {
  // Iterative matcher with backtracking to the last '%'; works on bytes, with '_' matching one
  // UTF-8 character.
  size_t t = 0, p = 0, star_p = std::string::npos, star_t = 0;
  auto char_len = [&](size_t i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    return std::min(n, text.size() - i);
  };
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (escape >= 0 && pc == static_cast<char>(escape) && p + 1 < pattern.size()) {
        if (text[t] == pattern[p + 1]) {
          t++;
          p += 2;
          continue;
        }
      } else if (pc == '%') {
        star_p = p++;
        star_t = t;
        continue;
      } else if (pc == '_') {
        t += char_len(t);
        p++;
        continue;
      } else if (pc == text[t]) {
        t++;
        p++;
        continue;
      }
    }
    if (star_p == std::string::npos) return false;
    p = star_p + 1;
    t = star_t += char_len(star_t);
  }
  while (p < pattern.size() && pattern[p] == '%') p++;
  return p == pattern.size();
}

}  // namespace dynamosql
