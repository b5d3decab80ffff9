// Cursors through the driver manager: static scrollable cursors (SQLFetchScroll in every direction
// with single rows and rowsets, SQLExtendedFetch, what SQLGetInfo and the statement attributes say,
// rows past the memory budget), forward-only cursors refusing to scroll, and the display sizes clients bind by.
#include <sql.h>
#include <sqlext.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "odbc_harness.h"

using namespace odbc_test;

namespace {

// A table of `count` rows: id 'r00', 'r01', ... and n = 0, 1, ...
std::string numbered_table(Connection& c, int count) {
  std::string t = make_table(c, "odbc_scroll");
  std::string values;
  for (int k = 0; k < count; ++k) {
    char id[8];
    std::snprintf(id, sizeof id, "r%02d", k);
    values += std::string(k ? ", " : "") + "('" + id + "', " + std::to_string(k) + ")";
  }
  Statement(c).exec("INSERT INTO " + t + " (id, n) VALUES " + values);
  return t;
}

struct ScrollingStatement : Statement {
  SQLINTEGER n[3] = {-1, -1, -1};
  SQLLEN n_ind[3] = {0, 0, 0};
  SQLULEN fetched = 0;
  SQLUSMALLINT status[3] = {0, 0, 0};
  ScrollingStatement(Connection& c, const std::string& table, SQLULEN rowset_size) : Statement(c) {
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLSetStmtAttr(stmt, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0));
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)rowset_size, 0));
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0));
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLSetStmtAttr(stmt, SQL_ATTR_ROW_STATUS_PTR, status, 0));
    exec("SELECT id, n FROM " + table + " ORDER BY id");
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLBindCol(stmt, 2, SQL_C_SLONG, n, 0, n_ind));
  }
  // The n of each row fetched, e.g. "7,8,9"; "no data" for SQL_NO_DATA.
  std::string scroll(SQLSMALLINT orientation, SQLLEN offset = 0) {
    SQLRETURN rc = SQLFetchScroll(stmt, orientation, offset);
    if (rc == SQL_NO_DATA) return "no data";
    INFO(diag(SQL_HANDLE_STMT, stmt));
    REQUIRE(SQL_SUCCEEDED(rc));
    std::string out;
    for (SQLULEN k = 0; k < fetched; ++k) {
      CHECK(status[k] == SQL_ROW_SUCCESS);
      out += (k ? "," : "") + std::to_string(n[k]);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("a static cursor scrolls one row at a time", "[odbc][scroll]") {
  Connection c(connection_string());
  std::string t = numbered_table(c, 10);
  ScrollingStatement s(c, t, 1);
  SQLULEN type = 0;
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLGetStmtAttr(s.stmt, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr));
  CHECK(type == SQL_CURSOR_STATIC);
  CHECK(s.scroll(SQL_FETCH_NEXT) == "0");
  CHECK(s.scroll(SQL_FETCH_LAST) == "9");
  CHECK(s.scroll(SQL_FETCH_PRIOR) == "8");
  CHECK(s.text(1) == "r08");  // SQLGetData reads the row the cursor is on
  SQLULEN row_number = 0;
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLGetStmtAttr(s.stmt, SQL_ATTR_ROW_NUMBER, &row_number, 0, nullptr));
  CHECK(row_number == 9);
  CHECK(s.scroll(SQL_FETCH_FIRST) == "0");
  CHECK(s.scroll(SQL_FETCH_PRIOR) == "no data");  // before the first row
  CHECK(s.scroll(SQL_FETCH_NEXT) == "0");
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, 5) == "4");
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, -2) == "8");
  CHECK(s.scroll(SQL_FETCH_RELATIVE, -3) == "5");
  CHECK(s.scroll(SQL_FETCH_RELATIVE, 2) == "7");
  CHECK(s.scroll(SQL_FETCH_RELATIVE, 100) == "no data");  // after the last row
  CHECK(s.scroll(SQL_FETCH_NEXT) == "no data");
  CHECK(s.scroll(SQL_FETCH_PRIOR) == "9");
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, 11) == "no data");
  CHECK(s.scroll(SQL_FETCH_RELATIVE, -1) == "9");  // from after the end: as ABSOLUTE -1
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, 0) == "no data");
  CHECK(s.scroll(SQL_FETCH_RELATIVE, 3) == "2");  // from before the start: as ABSOLUTE 3
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, -11) == "no data");
  // SQLFetch is SQL_FETCH_NEXT on the same cursor.
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, 3) == "2");
  REQUIRE(SQLFetch(s.stmt) == SQL_SUCCESS);
  CHECK(s.n[0] == 3);
}

TEST_CASE("a static cursor scrolls by rowsets", "[odbc][scroll]") {
  Connection c(connection_string());
  std::string t = numbered_table(c, 10);
  ScrollingStatement s(c, t, 3);
  CHECK(s.scroll(SQL_FETCH_NEXT) == "0,1,2");
  CHECK(s.scroll(SQL_FETCH_NEXT) == "3,4,5");
  CHECK(s.scroll(SQL_FETCH_LAST) == "7,8,9");
  CHECK(s.scroll(SQL_FETCH_NEXT) == "no data");
  CHECK(s.scroll(SQL_FETCH_PRIOR) == "7,8,9");  // from after the end: the last rowset
  // A partial rowset at the end: the rows past it are SQL_ROW_NOROW.
  REQUIRE(SQL_SUCCEEDED(SQLFetchScroll(s.stmt, SQL_FETCH_ABSOLUTE, 9)));
  CHECK(s.fetched == 2);
  CHECK(s.n[0] == 8);
  CHECK(s.n[1] == 9);
  CHECK(s.status[2] == SQL_ROW_NOROW);
  // PRIOR from a rowset starting at row 2 would start before row 1: the first rowset and 01S06.
  CHECK(s.scroll(SQL_FETCH_ABSOLUTE, 2) == "1,2,3");
  CHECK(SQLFetchScroll(s.stmt, SQL_FETCH_PRIOR, 0) == SQL_SUCCESS_WITH_INFO);
  CHECK(s.state() == "01S06");
  CHECK(s.n[0] == 0);
  // SQLExtendedFetch (ODBC 2, PHP's odbc) reports into its own arguments (on a statement of its own:
  // the driver manager does not let one statement mix it with SQLFetchScroll).
  ScrollingStatement odbc2(c, t, 3);
  SQLULEN count = 0;
  SQLUSMALLINT statuses[3];
  CHECK_OK(SQL_HANDLE_STMT, odbc2.stmt, SQLExtendedFetch(odbc2.stmt, SQL_FETCH_LAST, 0, &count, statuses));
  CHECK(count == 3);
  CHECK(odbc2.n[2] == 9);
  CHECK(statuses[2] == SQL_ROW_SUCCESS);
}

TEST_CASE("what a static cursor is, and what a forward-only one refuses", "[odbc][scroll]") {
  Connection c(connection_string());
  SQLUINTEGER options = 0, static1 = 0;
  CHECK_OK(SQL_HANDLE_DBC, c.dbc, SQLGetInfo(c.dbc, SQL_SCROLL_OPTIONS, &options, sizeof options, nullptr));
  CHECK((options & SQL_SO_STATIC) != 0);
  CHECK((options & SQL_SO_KEYSET_DRIVEN) == 0);
  CHECK_OK(SQL_HANDLE_DBC, c.dbc, SQLGetInfo(c.dbc, SQL_STATIC_CURSOR_ATTRIBUTES1, &static1, sizeof static1, nullptr));
  CHECK((static1 & SQL_CA1_ABSOLUTE) != 0);  // what tells unixODBC it needs no cursor library
  CHECK((static1 & SQL_CA1_RELATIVE) != 0);

  std::string t = numbered_table(c, 3);
  Statement s(c);
  // A keyset-driven cursor becomes a static one (01S02); SQL_SCROLLABLE means static too.
  CHECK(SQLSetStmtAttr(s.stmt, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_KEYSET_DRIVEN, 0) == SQL_SUCCESS_WITH_INFO);
  CHECK(s.state() == "01S02");
  SQLULEN value = 0;
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLGetStmtAttr(s.stmt, SQL_ATTR_CURSOR_TYPE, &value, 0, nullptr));
  CHECK(value == SQL_CURSOR_STATIC);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLSetStmtAttr(s.stmt, SQL_ATTR_CURSOR_SCROLLABLE, (SQLPOINTER)SQL_NONSCROLLABLE, 0));
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLGetStmtAttr(s.stmt, SQL_ATTR_CURSOR_TYPE, &value, 0, nullptr));
  CHECK(value == SQL_CURSOR_FORWARD_ONLY);
  s.exec("SELECT id FROM " + t);
  CHECK(SQLFetchScroll(s.stmt, SQL_FETCH_LAST, 0) == SQL_ERROR);
  CHECK(s.state() == "HY106");
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_NEXT, 0));
  SQLCloseCursor(s.stmt);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLSetStmtAttr(s.stmt, SQL_ATTR_CURSOR_SCROLLABLE, (SQLPOINTER)SQL_SCROLLABLE, 0));
  // Catalog functions give scrollable results too.
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLColumns(s.stmt, nullptr, 0, nullptr, 0, (SQLCHAR*)t.c_str(), SQL_NTS, nullptr, 0));
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_LAST, 0));
  CHECK(s.text(4) == "_other");
  // SQL_ATTR_MAX_ROWS ends a static cursor's result too.
  SQLCloseCursor(s.stmt);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLSetStmtAttr(s.stmt, SQL_ATTR_MAX_ROWS, (SQLPOINTER)2, 0));
  s.exec("SELECT id FROM " + t + " ORDER BY id");
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_LAST, 0));
  CHECK(s.text(1) == "r01");
}

TEST_CASE("a static cursor keeps every row, past its memory budget in a temporary file", "[odbc][scroll]") {
  // 50 x 50 x 50 = 125,000 rows from the engine's joins, with 1 MB of them in memory (a few thousand
  // rows): the rest are in the temporary file, and every position reads the row that belongs there.
  Connection c(connection_string() + "StaticCursorMemoryMB=1;");
  std::string t = numbered_table(c, 50);
  Statement s(c);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLSetStmtAttr(s.stmt, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0));
  s.exec("SELECT a.id || b.id || c.id AS ids, a.n * 2500 + b.n * 50 + c.n AS k FROM " + t + " a CROSS JOIN " + t +
         " b CROSS JOIN " + t + " c ORDER BY k");
  // Row number r (from 1) holds k = r - 1 and the ids of its three digits in base 50.
  auto expect_row = [&](long r) {
    const long k = r - 1;
    char ids[64];
    std::snprintf(ids, sizeof ids, "r%02ldr%02ldr%02ld", k / 2500, k / 50 % 50, k % 50);
    CHECK(s.text(2) == std::to_string(k));
    CHECK(s.text(1) == ids);
  };
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_LAST, 0));
  expect_row(125000);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_PRIOR, 0));
  expect_row(124999);
  for (long r : {1L, 2L, 100001L, 77777L, 3000L, 5000L, 124992L}) {
    CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_ABSOLUTE, r));
    expect_row(r);
  }
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_RELATIVE, -120000));
  expect_row(4992);
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLFetchScroll(s.stmt, SQL_FETCH_FIRST, 0));
  long rows = 1;
  while (SQLFetchScroll(s.stmt, SQL_FETCH_NEXT, 0) == SQL_SUCCESS) ++rows;
  CHECK(rows == 125000);
}

TEST_CASE("a number's text fits the display size clients bind for it", "[odbc]") {
  // PDO binds a buffer of SQL_DESC_DISPLAY_SIZE + 1 bytes for short columns and reads the length the
  // driver reports: text longer than the display size would be read past the buffer. DynamoDB keeps
  // a number as its writer spelled it, here 1E+125 and -1.2345...E-91 written out in full (as the
  // DynamoDB JSON that COPY reads passes them on).
  Connection c(connection_string());
  std::string t = make_table(c, "odbc_numtext");
  std::string file = dynamosql::testing::unique_name("/tmp/odbc_numtext") + ".json";
  std::ofstream(file) << R"({"Item": {"id": {"S": "a"}, "n": {"N": "1)" << std::string(125, '0') << R"("}, "m": {"N": "-0.)"
                      << std::string(90, '0') << R"(12345678901234567890123456789012345678"}}})" << "\n";
  Statement(c).exec("COPY " + t + " FROM '" + file + "' WITH (format = 'dynamodb_json')");
  std::remove(file.c_str());
  Statement s(c);
  s.exec("SELECT n, m FROM " + t);
  SQLLEN display = 0;
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLColAttribute(s.stmt, 1, SQL_DESC_DISPLAY_SIZE, nullptr, 0, nullptr, &display));
  REQUIRE(display == 61);
  char n[62], m[62];
  SQLLEN n_len = 0, m_len = 0;
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLBindCol(s.stmt, 1, SQL_C_CHAR, n, sizeof n, &n_len));
  CHECK_OK(SQL_HANDLE_STMT, s.stmt, SQLBindCol(s.stmt, 2, SQL_C_CHAR, m, sizeof m, &m_len));
  REQUIRE(SQLFetch(s.stmt) == SQL_SUCCESS);  // not 01004: nothing was cut
  CHECK(std::string(n) == "1E+125");
  CHECK(std::string(m) == "-1.2345678901234567890123456789012345678E-91");
  CHECK(m_len == 44);
}
