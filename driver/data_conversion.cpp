// Value <-> C buffer conversions; see data_conversion.h.
#include "data_conversion.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "dynamosql/json.h"
#include "text.h"

namespace dynamosql::odbc {
namespace {

constexpr size_t kDone = std::string::npos;

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// Strings and numbers are their own text: no copy needed (unless a number's text is longer than the
// display size promises, see kNumberTextLength).
bool has_plain_text(const Value& value) {
  return value.type() == ValueType::String ||
         (value.type() == ValueType::Number && value.text().size() <= kNumberTextLength);
}

Number number_of(const Value& value) {
  switch (value.type()) {
    case ValueType::Number: return value.as_number();
    case ValueType::Bool: return Number(value.as_bool() ? 1 : 0);
    case ValueType::String: {
      auto n = Number::parse(value.text());
      if (!n) throw Error(sqlstate::kInvalidCharacterValue, "'" + value.text() + "' is not a number");
      return *n;
    }
    default:
      throw Error("07006", std::string("a ") + type_descriptor(value.type()) + " value cannot be converted to a number");
  }
}

// Copies `bytes` from *offset into a character or binary buffer; `terminator` is 0, 1 or 2 bytes.
SQLRETURN copy_piece(std::string_view bytes, const Target& t, size_t terminator, Diagnostics& diag) {
  size_t start = t.offset ? *t.offset : 0;
  if (start == kDone) return SQL_NO_DATA;
  size_t remaining = bytes.size() - std::min(start, bytes.size());
  if (t.indicator) *t.indicator = static_cast<SQLLEN>(remaining);
  size_t room = 0;
  if (t.data && t.capacity > 0 && static_cast<size_t>(t.capacity) >= terminator)
    room = static_cast<size_t>(t.capacity) - terminator;
  size_t n = std::min(remaining, room);
  if (terminator == 2) n &= ~static_cast<size_t>(1);  // whole UTF-16 code units
  if (t.data && t.capacity > 0 && static_cast<size_t>(t.capacity) >= terminator) {
    std::memcpy(t.data, bytes.data() + start, n);
    std::memset(static_cast<char*>(t.data) + n, 0, terminator);
  }
  if (n < remaining) {
    if (t.offset) *t.offset = start + n;
    diag.add("01004", "string data, right truncated");
    return SQL_SUCCESS_WITH_INFO;
  }
  if (t.offset) *t.offset = kDone;
  return SQL_SUCCESS;
}

// UTF-8 text to a wide character target, in pieces as copy_piece. ASCII text read from its start is
// widened straight into the buffer (the usual SQLGetData of a whole cell: no UTF-16 copy is built).
SQLRETURN copy_wide_piece(std::string_view utf8, const Target& t, Diagnostics& diag) {
  bool first_piece = !t.offset || *t.offset == 0;
  // Code units before the terminator: at least one for each byte.
  bool fits = t.data && t.capacity >= 2 && utf8.size() <= static_cast<size_t>(t.capacity) / 2 - 1;
  if (first_piece && fits) {
    auto* out = static_cast<char*>(t.data);  // any alignment: units are stored with memcpy
    auto put = [out](size_t i, char16_t unit) { std::memcpy(out + 2 * i, &unit, 2); };
    size_t i = 0;
    while (i < utf8.size() && static_cast<unsigned char>(utf8[i]) < 0x80) {
      put(i, static_cast<unsigned char>(utf8[i]));
      ++i;
    }
    if (i == utf8.size()) {
      put(i, u'\0');
      if (t.indicator) *t.indicator = static_cast<SQLLEN>(2 * i);
      if (t.offset) *t.offset = kDone;
      return SQL_SUCCESS;
    }
  }
  std::u16string wide = utf8_to_utf16(utf8);
  return copy_piece(std::string_view(reinterpret_cast<const char*>(wide.data()), wide.size() * 2), t, 2, diag);
}

template <class T>
SQLRETURN store_fixed(const T& v, const Target& t) {
  if (t.offset) {
    if (*t.offset == kDone) return SQL_NO_DATA;
    *t.offset = kDone;
  }
  if (t.data) std::memcpy(t.data, &v, sizeof(T));
  if (t.indicator) *t.indicator = sizeof(T);
  return SQL_SUCCESS;
}

template <class T>
SQLRETURN store_integer(const Value& value, const Target& t, Diagnostics& diag) {
  Number n = number_of(value);
  bool fraction = !n.is_integer();
  Number whole = fraction ? n.truncate_to_integer() : n;
  auto v = whole.to_int64();
  bool fits = v.has_value();
  if (fits && std::is_unsigned<T>::value) {
    fits = *v >= 0 && static_cast<uint64_t>(*v) <= std::numeric_limits<T>::max();
  } else if (fits) {
    fits = *v >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
           *v <= static_cast<int64_t>(std::numeric_limits<T>::max());
  }
  if (!fits && std::is_same<T, uint64_t>::value && !whole.is_negative()) {
    // Beyond int64 but within uint64.
    const std::string text = whole.to_string();
    uint64_t u = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), u);
    if (ec == std::errc() && p == text.data() + text.size()) {
      SQLRETURN rc = store_fixed(static_cast<T>(u), t);
      if (fraction && rc == SQL_SUCCESS) {
        diag.add("01S07", "fractional truncation");
        return SQL_SUCCESS_WITH_INFO;
      }
      return rc;
    }
  }
  if (!fits) throw Error(sqlstate::kNumericOutOfRange, "numeric value " + n.to_string() + " out of range for the bound type");
  SQLRETURN rc = store_fixed(static_cast<T>(*v), t);
  if (fraction && rc == SQL_SUCCESS) {
    diag.add("01S07", "fractional truncation");
    return SQL_SUCCESS_WITH_INFO;
  }
  return rc;
}

SQLRETURN store_numeric(const Value& value, const Target& t, Diagnostics& diag) {
  Number n = number_of(value);
  Number scaled = n * Number::parse("1E" + std::to_string(t.numeric_scale)).value();
  bool fraction = !scaled.is_integer();
  Number whole = scaled.truncate_to_integer();
  mpz_class magnitude = whole.coefficient();
  if (whole.exponent() > 0) {
    mpz_class ten;
    mpz_ui_pow_ui(ten.get_mpz_t(), 10, static_cast<unsigned long>(whole.exponent()));
    magnitude *= ten;
  }
  bool negative = magnitude < 0;
  if (negative) magnitude = -magnitude;
  if (mpz_sizeinbase(magnitude.get_mpz_t(), 2) > 128)
    throw Error(sqlstate::kNumericOutOfRange, "numeric value " + n.to_string() + " does not fit SQL_NUMERIC_STRUCT");
  SQL_NUMERIC_STRUCT out{};
  out.precision = static_cast<SQLCHAR>(t.numeric_precision);
  out.scale = static_cast<SQLSCHAR>(t.numeric_scale);
  out.sign = negative ? 0 : 1;
  size_t count = 0;
  mpz_export(out.val, &count, -1, 1, -1, 0, magnitude.get_mpz_t());
  SQLRETURN rc = store_fixed(out, t);
  if (fraction && rc == SQL_SUCCESS) {
    diag.add("01S07", "fractional truncation");
    return SQL_SUCCESS_WITH_INFO;
  }
  return rc;
}

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS[.fff...]" or with 'T' and an optional 'Z'.
bool parse_timestamp(const std::string& text, SQL_TIMESTAMP_STRUCT& ts) {
  std::memset(&ts, 0, sizeof ts);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) return false;
  size_t pos = static_cast<size_t>(consumed);
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
    if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &consumed) != 3) return false;
    pos += 1 + static_cast<size_t>(consumed);
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      uint32_t fraction = 0;
      int digits = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 9) {
          fraction = fraction * 10 + static_cast<uint32_t>(text[pos] - '0');
          ++digits;
        }
        ++pos;
      }
      while (digits++ < 9) fraction *= 10;
      ts.fraction = fraction;
    }
    if (pos < text.size() && text[pos] == 'Z') ++pos;
  }
  if (pos != text.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  ts.year = static_cast<SQLSMALLINT>(y);
  ts.month = static_cast<SQLUSMALLINT>(mo);
  ts.day = static_cast<SQLUSMALLINT>(d);
  ts.hour = static_cast<SQLUSMALLINT>(h);
  ts.minute = static_cast<SQLUSMALLINT>(mi);
  ts.second = static_cast<SQLUSMALLINT>(s);
  return true;
}

SQL_TIMESTAMP_STRUCT timestamp_of(const Value& value) {
  SQL_TIMESTAMP_STRUCT ts;
  if (value.type() == ValueType::String && parse_timestamp(value.text(), ts)) return ts;
  throw Error(sqlstate::kInvalidCharacterValue, "'" + character_text(value) + "' is not a date or timestamp");
}

// A TIME's text (HH:MM:SS[.fff]) as the time of day of a timestamp; anything else as timestamp_of().
SQL_TIMESTAMP_STRUCT time_of_day(const Value& value) {
  if (value.type() == ValueType::String && value.text().size() >= 8 && value.text()[2] == ':')
    if (SQL_TIMESTAMP_STRUCT ts; parse_timestamp("2000-01-01 " + value.text(), ts)) return ts;
  return timestamp_of(value);
}

std::string format_number(double d) {
  if (!std::isfinite(d)) throw Error(sqlstate::kNumericOutOfRange, "infinity and NaN cannot be stored in DynamoDB");
  char buffer[64];
  auto [p, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  (void)ec;
  return Number::from_text(std::string(buffer, p)).to_string();
}

bool is_numeric_sql_type(SQLSMALLINT t) {
  switch (t) {
    case SQL_DECIMAL: case SQL_NUMERIC: case SQL_INTEGER: case SQL_SMALLINT: case SQL_TINYINT: case SQL_BIGINT:
    case SQL_FLOAT: case SQL_REAL: case SQL_DOUBLE:
      return true;
    default:
      return false;
  }
}

Value text_parameter(std::string text, SQLSMALLINT sql_type) {
  if (is_numeric_sql_type(sql_type)) {
    auto n = Number::parse(text);
    if (!n) throw Error(sqlstate::kInvalidCharacterValue, "parameter '" + text + "' is not a number");
    n->check_dynamodb_range();
    return Value::number(*n);
  }
  if (sql_type == SQL_BIT) {
    if (text == "1" || text == "true" || text == "TRUE") return Value::boolean(true);
    if (text == "0" || text == "false" || text == "FALSE") return Value::boolean(false);
    throw Error(sqlstate::kInvalidCharacterValue, "parameter '" + text + "' is not a boolean");
  }
  return Value::string(std::move(text));
}

Value number_parameter(const Number& n, SQLSMALLINT sql_type) {
  if (sql_type == SQL_BIT) return Value::boolean(!n.is_zero());
  if (sql_type == SQL_CHAR || sql_type == SQL_VARCHAR || sql_type == SQL_LONGVARCHAR || sql_type == SQL_WCHAR ||
      sql_type == SQL_WVARCHAR || sql_type == SQL_WLONGVARCHAR)
    return Value::string(n.to_string());
  n.check_dynamodb_range();
  return Value::number(n);
}

}  // namespace

std::string character_text(const Value& value) {
  switch (value.type()) {
    case ValueType::String: return value.text();
    case ValueType::Number:
      return value.text().size() <= kNumberTextLength ? value.text() : Number::from_text(value.text()).to_string();
    case ValueType::Bool: return value.as_bool() ? "1" : "0";
    case ValueType::Binary: return hex(value.text());
    case ValueType::Missing:
    case ValueType::Null: return {};
    default: return plain_json(value);
  }
}

SQLSMALLINT default_c_type(SQLSMALLINT sql_type) {
  switch (sql_type) {
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR: return SQL_C_WCHAR;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_SMALLINT: return SQL_C_SSHORT;
    case SQL_INTEGER: return SQL_C_SLONG;
    case SQL_BIGINT: return SQL_C_SBIGINT;
    case SQL_DOUBLE: case SQL_FLOAT: return SQL_C_DOUBLE;
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY: return SQL_C_BINARY;
    case SQL_TYPE_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    default: return SQL_C_CHAR;  // DECIMAL/NUMERIC too: exact text
  }
}

SQLLEN element_size(SQLSMALLINT c_type, SQLLEN buffer_length) {
  switch (c_type) {
    case SQL_C_BIT: case SQL_C_STINYINT: case SQL_C_UTINYINT: case SQL_C_TINYINT: return 1;
    case SQL_C_SSHORT: case SQL_C_USHORT: case SQL_C_SHORT: return 2;
    case SQL_C_SLONG: case SQL_C_ULONG: case SQL_C_LONG: case SQL_C_FLOAT: return 4;
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_DOUBLE: return 8;
    case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    default: return buffer_length;
  }
}

namespace {

// A value as text for a character or binary target: `_other` as DynamoDB JSON, anything else as
// character_text() says.
std::string column_text(const Value& value, const ResultColumn& column) {
  return column.typed_json && value.type() == ValueType::Map ? dynamodb_json(value) : character_text(value);
}

}  // namespace

SQLRETURN convert_to_target(const Value& value, const ResultColumn& column, const Target& target, Diagnostics& diag) {
  if (value.is_null_or_missing()) {
    if (target.offset && *target.offset == kDone) return SQL_NO_DATA;
    if (!target.indicator) throw Error("22002", "indicator variable required but not supplied for a NULL value");
    if (target.offset) *target.offset = kDone;
    *target.indicator = SQL_NULL_DATA;
    return SQL_SUCCESS;
  }
  SQLSMALLINT c_type = target.c_type == SQL_C_DEFAULT ? default_c_type(column.sql_type) : target.c_type;
  switch (c_type) {
    case SQL_C_CHAR:
      if (has_plain_text(value)) return copy_piece(value.text(), target, 1, diag);
      return copy_piece(column_text(value, column), target, 1, diag);
    case SQL_C_WCHAR:
      if (has_plain_text(value)) return copy_wide_piece(value.text(), target, diag);
      return copy_wide_piece(column_text(value, column), target, diag);
    case SQL_C_BINARY:
      return copy_piece(value.type() == ValueType::Binary ? value.text() : column_text(value, column), target, 0, diag);
    case SQL_C_BIT: {
      if (value.type() == ValueType::Bool) return store_fixed(static_cast<unsigned char>(value.as_bool()), target);
      Number n = number_of(value);
      if (n < Number(0) || n >= Number(2)) throw Error(sqlstate::kNumericOutOfRange, n.to_string() + " is not a bit value");
      return store_integer<unsigned char>(value, target, diag);
    }
    case SQL_C_STINYINT: case SQL_C_TINYINT: return store_integer<signed char>(value, target, diag);
    case SQL_C_UTINYINT: return store_integer<unsigned char>(value, target, diag);
    case SQL_C_SSHORT: case SQL_C_SHORT: return store_integer<int16_t>(value, target, diag);
    case SQL_C_USHORT: return store_integer<uint16_t>(value, target, diag);
    case SQL_C_SLONG: case SQL_C_LONG: return store_integer<int32_t>(value, target, diag);
    case SQL_C_ULONG: return store_integer<uint32_t>(value, target, diag);
    case SQL_C_SBIGINT: return store_integer<int64_t>(value, target, diag);
    case SQL_C_UBIGINT: return store_integer<uint64_t>(value, target, diag);
    case SQL_C_DOUBLE: return store_fixed(number_of(value).to_double(), target);
    case SQL_C_FLOAT: return store_fixed(static_cast<float>(number_of(value).to_double()), target);
    case SQL_C_NUMERIC: return store_numeric(value, target, diag);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return store_fixed(timestamp_of(value), target);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: {
      SQL_TIMESTAMP_STRUCT ts = timestamp_of(value);
      SQL_DATE_STRUCT d{ts.year, ts.month, ts.day};
      return store_fixed(d, target);
    }
    case SQL_C_TYPE_TIME: case SQL_C_TIME: {
      SQL_TIMESTAMP_STRUCT ts = time_of_day(value);
      SQL_TIME_STRUCT t{ts.hour, ts.minute, ts.second};
      return store_fixed(t, target);
    }
    default:
      throw Error("HY003", "C type " + std::to_string(c_type) + " is not supported");
  }
}

Value parameter_value_from_bytes(SQLSMALLINT c_type, SQLSMALLINT sql_type, const std::string& bytes) {
  switch (c_type) {
    case SQL_C_WCHAR: {
      std::u16string wide(bytes.size() / 2, u'\0');
      std::memcpy(wide.data(), bytes.data(), wide.size() * 2);
      return text_parameter(utf16_to_utf8(wide), sql_type);
    }
    case SQL_C_BINARY: return Value::binary(bytes);
    default: return text_parameter(bytes, sql_type);
  }
}

Value parameter_value(const ParameterSource& s) {
  if (s.length == SQL_NULL_DATA || !s.data) return Value::null();
  auto fixed = [&](auto sample) {
    decltype(sample) v;
    std::memcpy(&v, s.data, sizeof v);
    return v;
  };
  switch (s.c_type) {
    case SQL_C_CHAR: case SQL_C_DEFAULT: {
      const char* p = static_cast<const char*>(s.data);
      size_t n = s.length == SQL_NTS || s.length < 0 ? std::strlen(p) : static_cast<size_t>(s.length);
      return text_parameter(std::string(p, n), s.sql_type);
    }
    case SQL_C_WCHAR: {
      const SQLWCHAR* p = static_cast<const SQLWCHAR*>(s.data);
      SQLLEN n = s.length == SQL_NTS || s.length < 0 ? SQL_NTS : s.length / static_cast<SQLLEN>(sizeof(SQLWCHAR));
      return text_parameter(from_wide(p, n), s.sql_type);
    }
    case SQL_C_BINARY: {
      size_t n = s.length < 0 ? static_cast<size_t>(s.buffer_length) : static_cast<size_t>(s.length);
      return Value::binary(std::string(static_cast<const char*>(s.data), n));
    }
    case SQL_C_BIT: return s.sql_type == SQL_BIT || s.sql_type == SQL_CHAR || s.sql_type == SQL_VARCHAR
                               ? Value::boolean(fixed(static_cast<unsigned char>(0)) != 0)
                               : number_parameter(Number(fixed(static_cast<unsigned char>(0))), s.sql_type);
    case SQL_C_STINYINT: case SQL_C_TINYINT: return number_parameter(Number(fixed(static_cast<signed char>(0))), s.sql_type);
    case SQL_C_UTINYINT: return number_parameter(Number(fixed(static_cast<unsigned char>(0))), s.sql_type);
    case SQL_C_SSHORT: case SQL_C_SHORT: return number_parameter(Number(fixed(static_cast<int16_t>(0))), s.sql_type);
    case SQL_C_USHORT: return number_parameter(Number(fixed(static_cast<uint16_t>(0))), s.sql_type);
    case SQL_C_SLONG: case SQL_C_LONG: return number_parameter(Number(fixed(static_cast<int32_t>(0))), s.sql_type);
    case SQL_C_ULONG: return number_parameter(Number(static_cast<int64_t>(fixed(static_cast<uint32_t>(0)))), s.sql_type);
    case SQL_C_SBIGINT: return number_parameter(Number(fixed(static_cast<int64_t>(0))), s.sql_type);
    case SQL_C_UBIGINT: return number_parameter(Number::from_text(std::to_string(fixed(static_cast<uint64_t>(0)))), s.sql_type);
    case SQL_C_DOUBLE: return number_parameter(Number::from_text(format_number(fixed(0.0))), s.sql_type);
    case SQL_C_FLOAT: return number_parameter(Number::from_text(format_number(fixed(0.0f))), s.sql_type);
    case SQL_C_NUMERIC: {
      SQL_NUMERIC_STRUCT n = fixed(SQL_NUMERIC_STRUCT{});
      mpz_class magnitude;
      mpz_import(magnitude.get_mpz_t(), SQL_MAX_NUMERIC_LEN, -1, 1, -1, 0, n.val);
      std::string text = magnitude.get_str();
      if (n.sign == 0) text = "-" + text;
      return number_parameter(Number::from_text(text + "E" + std::to_string(-static_cast<int>(n.scale))), s.sql_type);
    }
    case SQL_C_TYPE_DATE: case SQL_C_DATE: {
      SQL_DATE_STRUCT d = fixed(SQL_DATE_STRUCT{});
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", d.year, d.month, d.day);
      return Value::string(buffer);
    }
    case SQL_C_TYPE_TIME: case SQL_C_TIME: {
      SQL_TIME_STRUCT t = fixed(SQL_TIME_STRUCT{});
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%02u:%02u:%02u", t.hour, t.minute, t.second);
      return Value::string(buffer);
    }
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: {
      SQL_TIMESTAMP_STRUCT t = fixed(SQL_TIMESTAMP_STRUCT{});
      char buffer[64];
      int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02u:%02u:%02u", t.year, t.month, t.day, t.hour,
                            t.minute, t.second);
      // The fraction (nanoseconds) as milliseconds when it is whole ones, else microseconds, a TIMESTAMP's
      // precision (milliseconds alone cut what LibreOffice's editor and pyodbc send).
      if (t.fraction % 1000000 == 0 && t.fraction)
        std::snprintf(buffer + n, sizeof buffer - static_cast<size_t>(n), ".%03u", t.fraction / 1000000);
      else if (t.fraction)
        std::snprintf(buffer + n, sizeof buffer - static_cast<size_t>(n), ".%06u", t.fraction / 1000);
      return Value::string(buffer);
    }
    default:
      throw Error("HY003", "parameter C type " + std::to_string(s.c_type) + " is not supported");
  }
}

}  // namespace dynamosql::odbc
