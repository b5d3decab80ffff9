// Text helpers the engine and its clients share: SQL's LIKE, UTF-8 (a strict decoder for everything
// that must tell valid text from bytes: the parser's input check, the ODBC driver's UTF-16 conversion;
// and character counts of text already valid: LENGTH, the console's column widths), and RFC 4180 CSV
// fields (COPY TO and the console's csv output). A value's own text is value_to_text (dynamosql/value.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dynamosql {

// SQL LIKE with % and _ (one UTF-8 character) and an optional escape character (-1: none).
bool like_match(const std::string& text, const std::string& pattern, int escape = -1);

// The code point starting at s[i], advancing i past it; nullopt for a byte that does not start a valid
// sequence (truncated, overlong, a surrogate, beyond U+10FFFF), advancing i by one byte.
std::optional<char32_t> decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t code_point);
// Characters (code points) in valid UTF-8 text.
size_t utf8_length(std::string_view s);
// The byte offset of character n (from 0) of valid UTF-8 text, or s.size() past its end.
size_t utf8_offset(std::string_view s, size_t n);

// Appends `field` as a CSV field, quoted if it must be (it holds the delimiter, a quote or a line
// break) or if `force_quote`.
void append_csv_field(std::string& out, std::string_view field, char delimiter = ',', bool force_quote = false);

}  // namespace dynamosql
