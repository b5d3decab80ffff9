// What a statement's cursor reads from: the rows of an engine Cursor (queries) or rows the driver
// builds itself (catalog functions, SQLGetTypeInfo). Columns carry their ODBC description.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <string>
#include <vector>

#include "dynamosql/parameter.h"
#include "dynamosql/session.h"

namespace dynamosql::odbc {

// The longest text of a number the driver returns (a DECIMAL column's display size): the engine's
// canonical form, plain up to 60 characters plus a sign, else with an exponent. Numbers DynamoDB
// writes longer are returned in that form (data_conversion.cpp), so clients such as PDO, which bind
// a buffer of the display size, never receive more.
inline constexpr SQLULEN kNumberTextLength = 61;

struct ResultColumn {
  std::string name;
  SQLSMALLINT sql_type = SQL_WVARCHAR;
  SQLULEN column_size = 0;
  SQLSMALLINT decimal_digits = 0;
  SQLSMALLINT nullable = SQL_NULLABLE;
  std::string table;      // base table, "" when computed
  std::string schema;     // "streams" for stream tables
  std::string type_name;  // the dynamosql type name (VARCHAR, DECIMAL, ...)
  // `_other`: its text is DynamoDB JSON, typed, so a client that writes it back keeps sets, binary
  // and numbers as they were (plain JSON would turn sets into lists and binary into strings).
  bool typed_json = false;
};

// The decimals a number column is described with when its sample shows fewer (the DSN key NumberScale):
// 38, so that no client that cuts what it writes to the scale cuts a DynamoDB number (see describe_sql_type).
inline constexpr int kDefaultNumberScale = 38;
// The widest number column, DECIMAL(76, 38) (see describe_sql_type).
inline constexpr SQLULEN kMaxNumberPrecision = 76;

// The ODBC description of one engine SQL type, the same for a table's column in the catalog functions
// (SQLColumns, SQLSpecialColumns) and in a result (SQLDescribeCol, SQLColAttribute). DynamoDB numbers
// are floating decimals (38 significant digits, the point anywhere) that no DECIMAL(p, s) describes, so
// a number column is DECIMAL(38 + s, s): room for 38 digits before the point and s after, where s is
// the most decimals `scale_seen` in the table's sample, at least `number_scale` (computed numbers
// such as SUM(price) have no sample: s = number_scale). The scale is what editors keep: LibreOffice
// shows s decimals and cuts what it writes to s decimals (dbaccess OKeySet, before it binds the value),
// so the default s is 38: it keeps every value with at most 38 decimals, whatever the sample held.
ResultColumn describe_sql_type(SqlType type, int scale_seen, int number_scale);
// A parameter as SQLDescribeParam reports it: what the statement expects there (a key's type, the other
// operand's, the column it is assigned to; see dynamosql/parameter.h), so clients that bind what
// SQLDescribeParam says (Perl, PHP, PDO, LibreOffice) send numbers where numbers are compared; text
// bound there is converted exactly by the engine (22018 when it is not a number). A number is described
// as a number column is, DECIMAL(38 + s, s) (s = NumberScale), so a client sends what it would read
// from the column. The driver itself takes any bound number exactly, whatever DecimalDigits says.
// Where nothing says, text: SQL_WVARCHAR(65535), the value used as bound.
ResultColumn describe_parameter(const ParameterDescription& parameter, int number_scale);
// A column of a driver-built result (catalog functions): type and name only.
ResultColumn text_column(const char* name);
ResultColumn small_int_column(const char* name);
ResultColumn int_column(const char* name);

class ResultSet {
 public:
  virtual ~ResultSet() = default;
  const std::vector<ResultColumn>& columns() const { return columns_; }
  // The next row into `row`; false at the end.
  virtual bool next(Row& row) = 0;
  // Warnings the rows read so far raised, each handed out once (Cursor::take_warnings).
  virtual std::vector<std::string> take_warnings() { return {}; }

 protected:
  std::vector<ResultColumn> columns_;
};

class EngineResult : public ResultSet {
 public:
  EngineResult(std::unique_ptr<Cursor> cursor, int number_scale);
  bool next(Row& row) override;
  std::vector<std::string> take_warnings() override { return cursor_->take_warnings(); }

 private:
  std::unique_ptr<Cursor> cursor_;
  RowBatch batch_;
  size_t position_ = 0;
  bool done_ = false;
};

class StaticResult : public ResultSet {
 public:
  StaticResult(std::vector<ResultColumn> columns, std::vector<Row> rows);
  bool next(Row& row) override;

 private:
  std::vector<Row> rows_;
  size_t position_ = 0;
};

// Result columns for a prepared statement before it runs (SQLDescribeCol after SQLPrepare).
std::vector<ResultColumn> describe_engine_columns(const std::vector<ColumnInfo>& columns, int number_scale);

}  // namespace dynamosql::odbc
