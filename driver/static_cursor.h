// Static cursors (SQL_CURSOR_STATIC: scrollable, insensitive, read-only): the rows of a result are
// kept as they are read, so SQLFetchScroll can move anywhere in them (NEXT, PRIOR, FIRST, LAST,
// ABSOLUTE, RELATIVE). Rows are read from the result only as far as a fetch needs; LAST and
// positions counted from the end read it to the end. There is no limit on their number: past a
// memory budget they go to a temporary file (row_store.h), so a result is never cut short.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include "result_set.h"
#include "row_store.h"

namespace dynamosql::odbc {

class StaticCursor {
 public:
  // `max_rows` (SQL_ATTR_MAX_ROWS, 0: none) ends the result early, as for forward-only cursors;
  // rows past `memory_budget` bytes are kept in a temporary file.
  StaticCursor(ResultSet& source, size_t max_rows, size_t memory_budget)
      : source_(source), max_rows_(max_rows), rows_(memory_budget) {}
  // Row `number` (from 1) into `row`; false when the result has fewer rows.
  bool row(size_t number, Row& row);
  // The number of rows in the result (reads it to the end).
  size_t row_count();

 private:
  // Reads until `count` rows are held or the result ends; false if it ended first.
  bool read_until(size_t count);

  ResultSet& source_;
  size_t max_rows_;
  RowStore rows_;
  bool complete_ = false;
};

// Where a scrollable cursor is: before the first row, on a rowset starting at row `start` (from 1),
// or after the last row.
struct CursorPosition {
  enum class Place { BeforeStart, OnRowset, AfterEnd };
  Place place = Place::BeforeStart;
  size_t start = 0;
  size_t rowset_size = 0;  // of the rowset fetched there (NEXT moves by it)
};

struct ScrollResult {
  CursorPosition position;
  // The move asked for a rowset starting before row 1 and got the first rowset (01S06).
  bool clipped_to_first = false;
};

// The rowset SQLFetchScroll(orientation, offset) moves to from `from`, as the ODBC specification's
// tables for each orientation say. Throws HY106 for an orientation a static cursor does not offer.
ScrollResult scroll(const CursorPosition& from, SQLSMALLINT orientation, SQLLEN offset, size_t rowset_size,
                    StaticCursor& rows);

}  // namespace dynamosql::odbc
