// Fetching: SQLBindCol (with row arrays, column-wise or row-wise), SQLFetch/SQLFetchScroll (forward
// only, or scrolling a static cursor) and SQLGetData (piecewise for long text and binary).
#include <cstring>

#include "data_conversion.h"
#include "operations.h"
#include "query_timer.h"
#include "static_cursor.h"

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

// SQL_ATTR_ROWS_FETCHED_PTR: the specification's SQLULEN, written without assuming the application
// aligned it (RODBC's is not 8-byte aligned).
void report_rows_fetched(Statement& stmt, SQLULEN count) {
  if (stmt.rows_fetched) std::memcpy(stmt.rows_fetched, &count, sizeof count);
}

void require_result(const Statement& stmt) {
  if (stmt.state == Statement::State::NeedData) throw Error(sqlstate::kFunctionSequence, "the statement is waiting for data");
  if (!stmt.result) {
    if (stmt.state == Statement::State::Executed) throw Error("24000", "the statement returned no result set");
    throw Error(sqlstate::kFunctionSequence, "the statement has not been executed");
  }
}

// Fills the bound rowset with the rows `next_row(k, row)` gives for positions k = 0, 1, ... until it
// says there are no more; the first becomes the current row for SQLGetData. SQL_NO_DATA when none.
template <class NextRow>
SQLRETURN fill_rowset(Statement& stmt, NextRow&& next_row) {
  stmt.getdata_column = 0;
  stmt.getdata_offset = 0;
  stmt.has_current = false;
  SQLRETURN rc = SQL_SUCCESS;
  SQLULEN fetched = 0;
  const SQLULEN size = stmt.row_array_size;
  Row row;
  for (; fetched < size; ++fetched) {
    if (!next_row(fetched, row)) break;
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
  report_rows_fetched(stmt, fetched);
  for (auto& warning : stmt.result->take_warnings()) {  // a value of an inferred DATE column read as NULL
    stmt.diag.add("01000", std::move(warning));
    if (fetched > 0) rc = SQL_SUCCESS_WITH_INFO;
  }
  return fetched == 0 ? SQL_NO_DATA : rc;
}

// A static cursor: moves to the rowset the orientation names and fills it from the rows kept.
SQLRETURN fetch_static(Statement& stmt, SQLSMALLINT orientation, SQLLEN offset) {
  StaticCursor& rows = *stmt.static_rows;
  QueryTimer timer(stmt.dbc->require_session(), stmt.query_timeout);
  ScrollResult to = timer.run([&] { return scroll(stmt.position, orientation, offset, stmt.row_array_size, rows); });
  stmt.position = to.position;
  if (to.position.place != CursorPosition::Place::OnRowset) {
    stmt.has_current = false;
    report_rows_fetched(stmt, 0);
    if (stmt.row_status)
      for (SQLULEN k = 0; k < stmt.row_array_size; ++k) stmt.row_status[k] = SQL_ROW_NOROW;
    return SQL_NO_DATA;
  }
  SQLRETURN rc = fill_rowset(stmt, [&](SQLULEN k, Row& row) {
    return timer.run([&] { return rows.row(to.position.start + k, row); });
  });
  if (to.clipped_to_first && SQL_SUCCEEDED(rc)) {
    stmt.diag.add("01S06", "attempt to fetch before the result set returned the first rowset");
    rc = SQL_SUCCESS_WITH_INFO;
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

SQLRETURN fetch(Statement& stmt) { return fetch_scroll(stmt, SQL_FETCH_NEXT, 0); }

SQLRETURN fetch_scroll(Statement& stmt, SQLSMALLINT orientation, SQLLEN offset) {
  require_result(stmt);
  if (stmt.static_rows) return fetch_static(stmt, orientation, offset);
  if (orientation != SQL_FETCH_NEXT)
    throw Error("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is supported (set SQL_ATTR_CURSOR_TYPE to "
                         "SQL_CURSOR_STATIC to scroll)");
  QueryTimer timer(stmt.dbc->require_session(), stmt.query_timeout);
  return fill_rowset(stmt, [&](SQLULEN, Row& row) {
    if (stmt.max_rows > 0 && stmt.rows_returned >= stmt.max_rows) return false;
    if (!timer.run([&] { return stmt.result->next(row); })) return false;
    ++stmt.rows_returned;
    return true;
  });
}

SQLRETURN extended_fetch(Statement& stmt, SQLSMALLINT orientation, SQLLEN offset, SQLULEN* row_count,
                         SQLUSMALLINT* row_status) {
  struct Restore {
    Statement& stmt;
    SQLULEN* rows_fetched;
    SQLUSMALLINT* row_status;
    ~Restore() {
      stmt.rows_fetched = rows_fetched;
      stmt.row_status = row_status;
    }
  } restore{stmt, stmt.rows_fetched, stmt.row_status};
  stmt.rows_fetched = row_count;
  stmt.row_status = row_status;
  return fetch_scroll(stmt, orientation, offset);
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
