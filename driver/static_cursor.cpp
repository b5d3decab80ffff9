// Static cursors and the scrolling rules of SQLFetchScroll; see static_cursor.h.
#include "static_cursor.h"

#include "dynamosql/error.h"

namespace dynamosql::odbc {

bool StaticCursor::read_until(size_t count) {
  while (rows_.size() < count) {
    if (complete_) return false;
    if (max_rows_ > 0 && rows_.size() >= max_rows_) {
      complete_ = true;
      return false;
    }
    Row row;
    if (!source_.next(row)) {
      complete_ = true;
      return false;
    }
    rows_.append(std::move(row));
  }
  return true;
}

bool StaticCursor::row(size_t number, Row& row) {
  if (number == 0 || !read_until(number)) return false;
  rows_.get(number - 1, row);
  return true;
}

size_t StaticCursor::row_count() {
  read_until(SIZE_MAX);
  return rows_.size();
}

namespace {

using Place = CursorPosition::Place;

ScrollResult at(Place place, int64_t start = 0, bool clipped = false) {
  ScrollResult r;
  r.position.place = place;
  r.position.start = place == Place::OnRowset ? static_cast<size_t>(start) : 0;
  r.clipped_to_first = clipped;
  return r;
}

// SQL_FETCH_ABSOLUTE: row `offset`, counted from the end when negative.
ScrollResult absolute(int64_t offset, int64_t rowset_size, StaticCursor& rows) {
  if (offset == 0) return at(Place::BeforeStart);
  if (offset > 0) {
    Row row;
    return rows.row(static_cast<size_t>(offset), row) ? at(Place::OnRowset, offset) : at(Place::AfterEnd);
  }
  const int64_t last = static_cast<int64_t>(rows.row_count());
  if (-offset <= last) return at(Place::OnRowset, last + offset + 1);
  return -offset > rowset_size ? at(Place::BeforeStart) : at(Place::OnRowset, 1, true);
}

// SQL_FETCH_RELATIVE from a rowset starting at `start`.
ScrollResult relative(int64_t start, int64_t offset, int64_t rowset_size, StaticCursor& rows) {
  int64_t target = start + offset;
  if (target < 1) {
    if (start == 1 || -offset > rowset_size) return at(Place::BeforeStart);
    return at(Place::OnRowset, 1, true);
  }
  Row row;
  return rows.row(static_cast<size_t>(target), row) ? at(Place::OnRowset, target) : at(Place::AfterEnd);
}

}  // namespace

ScrollResult scroll(const CursorPosition& from, SQLSMALLINT orientation, SQLLEN offset, size_t rowset_size,
                    StaticCursor& rows) {
  const int64_t size = static_cast<int64_t>(rowset_size);
  const int64_t start = static_cast<int64_t>(from.start);
  const bool before = from.place == Place::BeforeStart, after = from.place == Place::AfterEnd;
  ScrollResult r;
  switch (orientation) {
    case SQL_FETCH_NEXT:
      if (after) return at(Place::AfterEnd);
      r = before ? relative(0, 1, size, rows) : relative(start, static_cast<int64_t>(from.rowset_size), size, rows);
      break;
    case SQL_FETCH_PRIOR:
      if (before) return at(Place::BeforeStart);
      if (after) {
        const int64_t last = static_cast<int64_t>(rows.row_count());
        r = last < size ? at(Place::OnRowset, 1, true) : at(Place::OnRowset, last - size + 1);
      } else {
        r = start == 1 ? at(Place::BeforeStart) : start <= size ? at(Place::OnRowset, 1, true) : at(Place::OnRowset, start - size);
      }
      break;
    case SQL_FETCH_RELATIVE:
      if ((before && offset > 0) || (after && offset < 0)) r = absolute(offset, size, rows);
      else if (before || after) return at(from.place);
      else r = relative(start, offset, size, rows);
      break;
    case SQL_FETCH_ABSOLUTE: r = absolute(offset, size, rows); break;
    case SQL_FETCH_FIRST: r = absolute(1, size, rows); break;
    case SQL_FETCH_LAST: {
      const int64_t last = static_cast<int64_t>(rows.row_count());
      r = last == 0 ? at(Place::AfterEnd) : at(Place::OnRowset, last >= size ? last - size + 1 : 1);
      break;
    }
    default:
      throw Error("HY106", "fetch orientation " + std::to_string(orientation) + " is not supported");
  }
  r.position.rowset_size = rowset_size;
  return r;
}

}  // namespace dynamosql::odbc
