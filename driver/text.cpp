// UTF-8 <-> UTF-16 and ODBC output strings; see text.h.
#include "text.h"

#include <cstring>

#include "dynamosql/text.h"

namespace dynamosql::odbc {
namespace {

// Bytes of the UTF-8 prefix of `s` that fits in `limit` bytes without splitting a character.
size_t utf8_prefix(std::string_view s, size_t limit) {
  if (limit >= s.size()) return s.size();
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

std::u16string utf8_to_utf16(std::string_view utf8) {
  // Never more UTF-16 units than UTF-8 bytes; ASCII (most text a fetch converts) is widened as is.
  std::u16string out(utf8.size(), u'\0');
  char16_t* unit = out.data();
  for (size_t i = 0; i < utf8.size();) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      *unit++ = byte;
      ++i;
      continue;
    }
    char32_t cp = decode_utf8(utf8, i).value_or(0xFFFD);  // invalid bytes become U+FFFD
    if (cp >= 0x10000) {
      cp -= 0x10000;
      *unit++ = static_cast<char16_t>(0xD800 + (cp >> 10));
      *unit++ = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      *unit++ = static_cast<char16_t>(cp);
    }
  }
  out.resize(static_cast<size_t>(unit - out.data()));
  return out;
}

std::string utf16_to_utf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (size_t i = 0; i < utf16.size(); ++i) {
    char32_t cp = utf16[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string from_ansi(const SQLCHAR* text, SQLLEN length) {
  if (!text) return {};
  const char* p = reinterpret_cast<const char*>(text);
  if (length == SQL_NTS || length < 0) return std::string(p);
  return std::string(p, static_cast<size_t>(length));
}

std::string from_wide(const SQLWCHAR* text, SQLLEN length) {
  if (!text) return {};
  static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "unixODBC's SQLWCHAR is UTF-16");
  const char16_t* p = reinterpret_cast<const char16_t*>(text);
  size_t n = 0;
  if (length == SQL_NTS || length < 0) {
    while (p[n]) ++n;
  } else {
    n = static_cast<size_t>(length);
  }
  return utf16_to_utf8(std::u16string_view(p, n));
}

WriteResult write_string(std::string_view utf8, const OutputString& out) {
  WriteResult result;
  if (out.encoding == Encoding::Utf8) {
    result.length = static_cast<SQLLEN>(utf8.size());
    if (!out.buffer || out.capacity <= 0) {
      result.truncated = out.buffer != nullptr && !utf8.empty();
      return result;
    }
    size_t room = static_cast<size_t>(out.capacity) - 1;
    size_t n = utf8_prefix(utf8, room);
    std::memcpy(out.buffer, utf8.data(), n);
    static_cast<char*>(out.buffer)[n] = '\0';
    result.truncated = n < utf8.size();
    return result;
  }
  std::u16string wide = utf8_to_utf16(utf8);
  size_t unit_size = out.unit == LengthUnit::Bytes ? sizeof(char16_t) : 1;
  result.length = static_cast<SQLLEN>(wide.size() * unit_size);
  if (!out.buffer || out.capacity <= 0) {
    result.truncated = out.buffer != nullptr && !wide.empty();
    return result;
  }
  size_t room_units = static_cast<size_t>(out.capacity) / unit_size;
  if (room_units == 0) {
    result.truncated = !wide.empty();
    return result;
  }
  size_t n = std::min(wide.size(), room_units - 1);
  if (n > 0 && n < wide.size() && wide[n - 1] >= 0xD800 && wide[n - 1] <= 0xDBFF) --n;  // keep pairs whole
  std::memcpy(out.buffer, wide.data(), n * sizeof(char16_t));
  static_cast<char16_t*>(out.buffer)[n] = u'\0';
  result.truncated = n < wide.size();
  return result;
}

}  // namespace dynamosql::odbc
