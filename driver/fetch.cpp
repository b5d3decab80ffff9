// Fetching: SQLBindCol (with row arrays, column-wise or row-wise), SQLFetch/SQLFetchScroll and
// SQLGetData (piecewise for long text and binary).
#include <cstring>

#include "data_conversion.h"
#include "operations.h"
#include "query_timer.h"

namespace dynamosql::odbc {
namespace {

// Converts one row into the bound buffers of rowset position `index`.
SQLRETURN store_row(Statement& stmt, const Row& row, SQLULEN index) {
  const auto& columns = stmt.result->columns();
  SQLRETURN rc = SQL_SUCCESS;
  SQLLEN offset = stmt.row_bind_offset ? *stmt.row_bind_offset : 0;
  for (const auto& [number, b] : stmt.columns) {
    if (number > columns.size() || number > row.size())
      throw Error("07009", "bound column " + std::to_string(number) + " does not exist in the result");
    const ResultColumn& column = columns[number - 1];
    SQLSMALLINT c_type = b.c_type == SQL_C_DEFAULT ? default_c_type(column.sql_type) : b.c_type;
    char* data = static_cast<char*>(b.data);
    char* indicator = reinterpret_cast<char*>(b.indicator);
    if (stmt.row_bind_type == SQL_BIND_BY_COLUMN) {
      if (data) data += offset + static_cast<SQLLEN>(index) * element_size(c_type, b.buffer_length);
      if (indicator) indicator += offset + static_cast<SQLLEN>(index * sizeof(SQLLEN));
    } else {
      SQLLEN stride = static_cast<SQLLEN>(stmt.row_bind_type) * static_cast<SQLLEN>(index);
      if (data) data += offset + stride;
      if (indicator) indicator += offset + stride;
    }
    Target t;
    t.c_type = c_type;
    t.data = data;
    t.capacity = b.buffer_length;
    t.indicator = reinterpret_cast<SQLLEN*>(indicator);
    SQLRETURN column_rc = convert_to_target(row[number - 1], column, t, stmt.diag);
    if (column_rc == SQL_SUCCESS_WITH_INFO) rc = SQL_SUCCESS_WITH_INFO;
  }
  return rc;
}

}  // namespace

SQLRETURN bind_col(Statement& stmt, SQLUSMALLINT number, const ColumnBinding& binding) {
  if (number == 0) throw Error("07009", "bookmark column 0 is not supported");
  if (binding.buffer_length < 0) throw Error("HY090", "negative buffer length");
  if (!binding.data && !binding.indicator) {
    stmt.columns.erase(number);  // unbinds the column
    return SQL_SUCCESS;
  }
  stmt.columns[number] = binding;
  return SQL_SUCCESS;
}

SQLRETURN fetch(Statement& stmt) {
  if (stmt.state == Statement::State::NeedData) throw Error(sqlstate::kFunctionSequence, "the statement is waiting for data");
  if (!stmt.result) {
    if (stmt.state == Statement::State::Executed) throw Error("24000", "the statement returned no result set");
    throw Error(sqlstate::kFunctionSequence, "the statement has not been executed");
  }
  stmt.getdata_column = 0;
  stmt.getdata_offset = 0;
  stmt.has_current = false;
  SQLRETURN rc = SQL_SUCCESS;
  SQLULEN fetched = 0;
  const SQLULEN size = stmt.row_array_size;
  Row row;
  QueryTimer timer(stmt.dbc->require_session(), stmt.query_timeout);
  for (; fetched < size; ++fetched) {
    if (stmt.max_rows > 0 && stmt.rows_returned >= stmt.max_rows) break;
    if (!timer.run([&] { return stmt.result->next(row); })) break;
    ++stmt.rows_returned;
    SQLUSMALLINT status = SQL_ROW_SUCCESS;
    try {
      if (store_row(stmt, row, fetched) == SQL_SUCCESS_WITH_INFO) {
        status = SQL_ROW_SUCCESS_WITH_INFO;
        rc = SQL_SUCCESS_WITH_INFO;
      }
    } catch (const Error& e) {
      if (size == 1) throw;
      // In a rowset one bad row is reported and the others still arrive.
      stmt.diag.add(e);
      stmt.diag.add("01S01", "error in row " + std::to_string(fetched + 1) + " of the rowset");
      status = SQL_ROW_ERROR;
      rc = SQL_SUCCESS_WITH_INFO;
    }
    if (stmt.row_status) stmt.row_status[fetched] = status;
    if (fetched == 0) {
      stmt.current = std::move(row);
      stmt.has_current = true;
      row = Row();
    }
  }
  if (stmt.row_status)
    for (SQLULEN k = fetched; k < size; ++k) stmt.row_status[k] = SQL_ROW_NOROW;
  if (stmt.rows_fetched) *stmt.rows_fetched = fetched;
  return fetched == 0 ? SQL_NO_DATA : rc;
}

SQLRETURN fetch_scroll(Statement& stmt, SQLSMALLINT orientation, SQLLEN) {
  if (orientation != SQL_FETCH_NEXT)
    throw Error("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is supported");
  return fetch(stmt);
}

SQLRETURN get_data(Statement& stmt, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN capacity,
                   SQLLEN* indicator) {
  if (!stmt.result || !stmt.has_current) throw Error("24000", "there is no current row: call SQLFetch first");
  const auto& columns = stmt.result->columns();
  if (number < 1 || number > columns.size())
    throw Error("07009", "column " + std::to_string(number) + " does not exist");
  if (capacity < 0) throw Error("HY090", "negative buffer length");
  if (number != stmt.getdata_column) {
    stmt.getdata_column = number;
    stmt.getdata_offset = 0;
  }
  Target t;
  t.c_type = c_type;
  t.data = value;
  t.capacity = capacity;
  t.indicator = indicator;
  t.offset = &stmt.getdata_offset;
  return convert_to_target(stmt.current[number - 1], columns[number - 1], t, stmt.diag);
}

}  // namespace dynamosql::odbc
