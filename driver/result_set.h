// What a statement's cursor reads from: the rows of an engine Cursor (queries) or rows the driver
// builds itself (catalog functions, SQLGetTypeInfo). Columns carry their ODBC description.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <string>
#include <vector>

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

// The ODBC description of one engine SQL type.
ResultColumn describe_sql_type(SqlType type);
// A table's column as the catalog functions (SQLColumns, SQLSpecialColumns) describe it: what it can
// hold. A number attribute can hold any DynamoDB number, so it is DECIMAL(38, 38): 38 significant
// digits, of which up to 38 after the point. Editors such as LibreOffice's round what they write to
// this scale, so a smaller one (the sample's) would cut values typed with more decimals.
ResultColumn describe_table_column(SqlType type);
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

 protected:
  std::vector<ResultColumn> columns_;
};

class EngineResult : public ResultSet {
 public:
  explicit EngineResult(std::unique_ptr<Cursor> cursor);
  bool next(Row& row) override;

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
std::vector<ResultColumn> describe_engine_columns(const std::vector<ColumnInfo>& columns);

}  // namespace dynamosql::odbc
