// Benchmark helper: the ODBC fetch path without Python. Connects through the unixODBC driver manager,
// runs a query and reads every row the way pyodbc does (SQLFetch, then SQLGetData per column: wide
// text for VARCHAR and JSON, text for DECIMAL, SQL_C_BIT for BOOLEAN), so the CPU it reports is the
// driver manager's, the driver's and the engine's alone.
// usage: odbc_fetch CONNECTION_STRING SQL     prints: rows wall_seconds cpu_seconds (as pyodbc_fetch.py)
#include <sql.h>
#include <sqlext.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

bool ok(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

int fail(SQLSMALLINT type, SQLHANDLE handle, const char* what) {
  SQLCHAR state[6] = {0}, message[512] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof message, &length);
  fprintf(stderr, "%s failed: %s %s\n", what, state, message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: odbc_fetch CONNECTION_STRING SQL\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  SQLHENV env = nullptr;
  SQLHDBC dbc = nullptr;
  SQLHSTMT stmt = nullptr;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  if (!ok(SQLDriverConnect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(argv[1]), SQL_NTS, nullptr, 0, nullptr,
                           SQL_DRIVER_NOPROMPT)))
    return fail(SQL_HANDLE_DBC, dbc, "SQLDriverConnect");
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  if (!ok(SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(argv[2]), SQL_NTS)))
    return fail(SQL_HANDLE_STMT, stmt, "SQLExecDirect");
  SQLSMALLINT columns = 0;
  SQLNumResultCols(stmt, &columns);
  std::vector<SQLSMALLINT> c_types;
  for (SQLUSMALLINT c = 1; c <= columns; ++c) {
    SQLSMALLINT sql_type = 0, digits = 0, nullable = 0, name_length = 0;
    SQLULEN size = 0;
    SQLCHAR name[256];
    SQLDescribeCol(stmt, c, name, sizeof name, &name_length, &sql_type, &size, &digits, &nullable);
    c_types.push_back(sql_type == SQL_WVARCHAR || sql_type == SQL_WLONGVARCHAR ? SQL_C_WCHAR
                      : sql_type == SQL_BIT                                   ? SQL_C_BIT
                                                                              : SQL_C_CHAR);
  }
  std::vector<char> buffer(64 * 1024);
  long long rows = 0;
  SQLRETURN rc;
  while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
    if (!ok(rc)) return fail(SQL_HANDLE_STMT, stmt, "SQLFetch");
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      SQLLEN indicator = 0;
      if (!ok(SQLGetData(stmt, c, c_types[c - 1], buffer.data(), static_cast<SQLLEN>(buffer.size()), &indicator)))
        return fail(SQL_HANDLE_STMT, stmt, "SQLGetData");
    }
    ++rows;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("%lld %.3f %.3f\n", rows, wall, cpu_seconds() - cpu_start);
  return 0;
}
