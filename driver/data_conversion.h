// Conversions between engine Values and the C buffers applications bind: results to SQL_C_* targets
// (SQLGetData, SQLBindCol) and parameters from SQL_C_* sources (SQLBindParameter).
//
// Character targets get the value's text: strings as stored, numbers exactly as DynamoDB holds them,
// booleans as 1/0 (ODBC's rule for SQL_BIT), binary as hex, documents/lists/sets as JSON. Numeric targets
// convert exactly where they can: a fraction cut off is 01S07, a value out of range 22003, text that is
// not a number 22018. A NULL (or missing attribute) needs an indicator (22002 without one).
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>

#include "diagnostics.h"
#include "dynamosql/value.h"
#include "result_set.h"

namespace dynamosql::odbc {

struct Target {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  void* data = nullptr;
  SQLLEN capacity = 0;         // bytes, for character and binary targets
  SQLLEN* indicator = nullptr;  // length or SQL_NULL_DATA
  // SQLGetData in pieces: bytes of the converted value already returned; nullptr for bound columns.
  size_t* offset = nullptr;
  // SQL_C_NUMERIC: precision and scale to produce.
  SQLSMALLINT numeric_precision = 38;
  SQLSMALLINT numeric_scale = 0;
};

// SQL_SUCCESS, SQL_SUCCESS_WITH_INFO (a warning added to diag) or SQL_NO_DATA (SQLGetData called
// again after the last piece). Throws Error for conversions that fail.
SQLRETURN convert_to_target(const Value& value, const ResultColumn& column, const Target& target, Diagnostics& diag);

// The C type SQL_C_DEFAULT means for an SQL type.
SQLSMALLINT default_c_type(SQLSMALLINT sql_type);
// Bytes one element of a column-wise bound array occupies: fixed-size C types have their own size,
// character and binary buffers the buffer length.
SQLLEN element_size(SQLSMALLINT c_type, SQLLEN buffer_length);

struct ParameterSource {
  SQLSMALLINT c_type = SQL_C_CHAR;
  SQLSMALLINT sql_type = SQL_VARCHAR;
  const void* data = nullptr;
  SQLLEN buffer_length = 0;
  SQLLEN length = SQL_NTS;  // *StrLen_or_IndPtr, or SQL_NTS when the pointer is null
};

// The Value a bound parameter holds; character data for a numeric SQL type becomes a number.
Value parameter_value(const ParameterSource& source);
// Data sent with SQLPutData (already concatenated) for a parameter of this C and SQL type.
Value parameter_value_from_bytes(SQLSMALLINT c_type, SQLSMALLINT sql_type, const std::string& bytes);

// Text of a value as a character target receives it.
std::string character_text(const Value& value);

}  // namespace dynamosql::odbc
