// UTF-8, strictly: one decoder for everything that must tell valid text from bytes (the parser's
// input check, the ODBC driver's UTF-16 conversion).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dynamosql {

// The code point starting at s[i], advancing i past it; nullopt for a byte that does not start a valid
// sequence (truncated, overlong, a surrogate, beyond U+10FFFF), advancing i by one byte.
std::optional<char32_t> decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t code_point);

}  // namespace dynamosql
