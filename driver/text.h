// Strings across the ODBC boundary. Inside the driver every string is UTF-8. The ANSI entry points
// pass SQLCHAR through as UTF-8; the wide (...W) entry points use SQLWCHAR, which under unixODBC is
// UTF-16 (surrogate pairs for characters beyond U+FFFF).
//
// Output strings follow ODBC's rules: always null-terminated when there is room for the terminator,
// truncated at a character boundary, and the full length reported so the caller can retry with a
// bigger buffer. Some functions count lengths in characters (SQLDescribeCol, SQLGetDiagRec,
// SQLDriverConnect), others in bytes (SQLGetInfo, SQLColAttribute, SQLGetConnectAttr); the
// caller says which.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <string_view>

namespace dynamosql::odbc {

enum class Encoding { Utf8, Utf16 };
enum class LengthUnit { Bytes, Characters };

struct OutputString {
  void* buffer = nullptr;
  SQLLEN capacity = 0;  // in `unit`: characters of the encoding (code units) or bytes
  Encoding encoding = Encoding::Utf8;
  LengthUnit unit = LengthUnit::Characters;
};

struct WriteResult {
  SQLLEN length = 0;  // the whole string's length in `unit`, without the terminator
  bool truncated = false;
};

WriteResult write_string(std::string_view utf8, const OutputString& out);

// In: SQL_NTS or a length (bytes for ANSI, SQLWCHARs for wide). A null pointer reads as "".
std::string from_ansi(const SQLCHAR* text, SQLLEN length);
std::string from_wide(const SQLWCHAR* text, SQLLEN length);
// Whole UTF-16 code units of a UTF-8 string (invalid sequences become U+FFFD).
std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);

}  // namespace dynamosql::odbc

namespace dynamosql::odbc {

// Output strings of the ANSI entry points (UTF-8, lengths in bytes) and of the wide ones.
inline OutputString ansi_out(void* buffer, SQLLEN capacity) {
  return {buffer, capacity, Encoding::Utf8, LengthUnit::Bytes};
}
inline OutputString wide_chars_out(void* buffer, SQLLEN capacity) {
  return {buffer, capacity, Encoding::Utf16, LengthUnit::Characters};
}
inline OutputString wide_bytes_out(void* buffer, SQLLEN capacity) {
  return {buffer, capacity, Encoding::Utf16, LengthUnit::Bytes};
}

}  // namespace dynamosql::odbc
