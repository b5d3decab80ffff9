// Result sets for statements; see result_set.h.
#include "result_set.h"

#include <algorithm>

#include "dynamosql/catalog.h"

namespace dynamosql::odbc {
namespace {

// DynamoDB items are at most 400 KB; a string or binary value cannot be longer.
constexpr SQLULEN kMaxItemBytes = 400 * 1024;
// What SQLDescribeCol reports for strings: long enough for any key, short enough for BI tools to
// allocate; longer values are still returned whole through SQLGetData.
constexpr SQLULEN kVarcharSize = 65535;

}  // namespace

ResultColumn describe_sql_type(SqlType type, int scale_seen, int number_scale) {
  ResultColumn c;
  c.type_name = sql_type_name(type);
  switch (type) {
    case SqlType::Varchar:
      c.sql_type = SQL_WVARCHAR;
      c.column_size = kVarcharSize;
      break;
    case SqlType::Decimal:
      c.sql_type = SQL_DECIMAL;
      c.decimal_digits = static_cast<SQLSMALLINT>(std::clamp(std::max(scale_seen, number_scale), 0, 38));
      c.column_size = 38 + static_cast<SQLULEN>(c.decimal_digits);
      break;
    case SqlType::Bigint:
      c.sql_type = SQL_BIGINT;
      c.column_size = 19;
      break;
    case SqlType::Boolean:
      c.sql_type = SQL_BIT;
      c.column_size = 1;
      break;
    case SqlType::Varbinary:
      c.sql_type = SQL_VARBINARY;
      c.column_size = kMaxItemBytes;
      break;
    case SqlType::Json:
      c.sql_type = SQL_WLONGVARCHAR;
      c.column_size = kMaxItemBytes;
      break;
    case SqlType::Timestamp:
      c.sql_type = SQL_TYPE_TIMESTAMP;
      c.column_size = 26;  // 2026-01-31 10:20:30.123456
      c.decimal_digits = 6;
      break;
    case SqlType::Date:
      c.sql_type = SQL_TYPE_DATE;
      c.column_size = 10;
      break;
    case SqlType::Time:
      c.sql_type = SQL_TYPE_TIME;
      c.column_size = 8;
      break;
    case SqlType::Interval:  // PostgreSQL's text ('1 year 2 mons 3 days 04:05:06'), as psqlODBC shows it
      c.sql_type = SQL_WVARCHAR;
      c.column_size = 255;
      break;
  }
  return c;
}

namespace {

ResultColumn catalog_column(const char* name, SQLSMALLINT sql_type, SQLULEN size, const char* type_name) {
  ResultColumn c;
  c.name = name;
  c.sql_type = sql_type;
  c.column_size = size;
  c.type_name = type_name;
  return c;
}

}  // namespace

ResultColumn text_column(const char* name) { return catalog_column(name, SQL_WVARCHAR, 128, "VARCHAR"); }
ResultColumn small_int_column(const char* name) { return catalog_column(name, SQL_SMALLINT, 5, "SMALLINT"); }
ResultColumn int_column(const char* name) { return catalog_column(name, SQL_INTEGER, 10, "INTEGER"); }

ResultColumn describe_parameter(const ParameterDescription& parameter, int number_scale) {
  if (!parameter.known) return describe_sql_type(SqlType::Varchar, 0, 0);
  return describe_sql_type(parameter.type, parameter.scale.value_or(0), number_scale);
}

std::vector<ResultColumn> describe_engine_columns(const std::vector<ColumnInfo>& columns, int number_scale) {
  std::vector<ResultColumn> out;
  out.reserve(columns.size());
  for (const auto& info : columns) {
    ResultColumn c = describe_sql_type(info.type, info.scale, number_scale);
    c.name = info.name;
    c.table = info.table;
    c.typed_json = info.type == SqlType::Json && info.name == kOtherColumn;
    out.push_back(std::move(c));
  }
  return out;
}

EngineResult::EngineResult(std::unique_ptr<Cursor> cursor, int number_scale) : cursor_(std::move(cursor)) {
  columns_ = describe_engine_columns(cursor_->columns(), number_scale);
}

bool EngineResult::next(Row& row) {
  while (position_ >= batch_.size()) {
    if (done_) return false;
    batch_.clear();
    position_ = 0;
    if (!cursor_->fetch(batch_)) done_ = true;
    if (batch_.empty() && done_) return false;
  }
  row = std::move(batch_[position_++]);
  return true;
}

StaticResult::StaticResult(std::vector<ResultColumn> columns, std::vector<Row> rows) : rows_(std::move(rows)) {
  columns_ = std::move(columns);
}

bool StaticResult::next(Row& row) {
  if (position_ >= rows_.size()) return false;
  row = rows_[position_++];
  return true;
}

}  // namespace dynamosql::odbc
