// What the ODBC API tests share: handles that free themselves (an environment, a connection through
// the driver manager, a statement), diagnostics as text, and a fresh table per test.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/test_env.h"

namespace odbc_test {

inline std::string diag(SQLSMALLINT type, SQLHANDLE h) {
  std::string out;
  SQLCHAR state[6], message[1024];
  SQLINTEGER native;
  SQLSMALLINT len;
  for (SQLSMALLINT i = 1; SQLGetDiagRec(type, h, i, state, &native, message, sizeof message, &len) == SQL_SUCCESS; ++i)
    out += std::string(reinterpret_cast<char*>(state)) + ": " + reinterpret_cast<char*>(message) + "\n";
  return out;
}

inline std::string first_state(SQLSMALLINT type, SQLHANDLE h) {
  SQLCHAR state[6] = {0};
  SQLINTEGER native;
  SQLCHAR message[512];
  SQLSMALLINT len;
  if (SQLGetDiagRec(type, h, 1, state, &native, message, sizeof message, &len) != SQL_SUCCESS) return "";
  return reinterpret_cast<char*>(state);
}

#define CHECK_OK(type, h, call)                                   \
  do {                                                            \
    SQLRETURN rc_ = (call);                                       \
    INFO(#call << " -> " << rc_ << "\n" << diag(type, h));        \
    REQUIRE(SQL_SUCCEEDED(rc_));                                  \
  } while (0)

struct Env {
  SQLHENV env = SQL_NULL_HENV;
  Env() {
    REQUIRE(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS);
    REQUIRE(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) == SQL_SUCCESS);
  }
  ~Env() { SQLFreeHandle(SQL_HANDLE_ENV, env); }
};

struct Connection {
  Env env;
  SQLHDBC dbc = SQL_NULL_HDBC;
  bool connected = false;
  Connection() { REQUIRE(SQLAllocHandle(SQL_HANDLE_DBC, env.env, &dbc) == SQL_SUCCESS); }
  explicit Connection(const std::string& connection_string) : Connection() { REQUIRE(driver_connect(connection_string) == SQL_SUCCESS); }
  ~Connection() {
    if (connected) SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  }
  SQLRETURN driver_connect(const std::string& s) {
    SQLCHAR out[1024];
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)s.c_str(), SQL_NTS, out, sizeof out, &len, SQL_DRIVER_NOPROMPT);
    connected = SQL_SUCCEEDED(rc);
    return rc;
  }
};

struct Statement {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  explicit Statement(Connection& c) { CHECK_OK(SQL_HANDLE_DBC, c.dbc, SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &stmt)); }
  ~Statement() { SQLFreeHandle(SQL_HANDLE_STMT, stmt); }
  void exec(const std::string& sql) { CHECK_OK(SQL_HANDLE_STMT, stmt, SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS)); }
  SQLRETURN try_exec(const std::string& sql) { return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS); }
  std::string state() { return first_state(SQL_HANDLE_STMT, stmt); }
  // Column `n` of the current row as text; "<NULL>" for NULL.
  std::string text(SQLUSMALLINT n) {
    std::string out;
    char buffer[64];
    SQLLEN ind = 0;
    for (;;) {
      SQLRETURN rc = SQLGetData(stmt, n, SQL_C_CHAR, buffer, sizeof buffer, &ind);
      if (rc == SQL_NO_DATA) break;
      INFO(diag(SQL_HANDLE_STMT, stmt));
      REQUIRE(SQL_SUCCEEDED(rc));
      if (ind == SQL_NULL_DATA) return "<NULL>";
      out += buffer;
      if (rc == SQL_SUCCESS) break;
    }
    return out;
  }
  // Every row, columns as text joined with '|'.
  std::vector<std::string> rows() {
    SQLSMALLINT columns = 0;
    CHECK_OK(SQL_HANDLE_STMT, stmt, SQLNumResultCols(stmt, &columns));
    std::vector<std::string> out;
    SQLRETURN rc;
    while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
      INFO(diag(SQL_HANDLE_STMT, stmt));
      REQUIRE(SQL_SUCCEEDED(rc));
      std::string row;
      for (SQLUSMALLINT i = 1; i <= columns; ++i) row += (i > 1 ? "|" : "") + text(i);
      out.push_back(row);
    }
    SQLCloseCursor(stmt);
    return out;
  }
};

inline std::string connection_string() { return "DSN=dynamosql_test;"; }

// A fresh table `name` (id VARCHAR key, sort-less) for one test.
inline std::string make_table(Connection& c, const std::string& prefix, const std::string& extra = "") {
  std::string name = dynamosql::testing::unique_name(prefix);
  Statement s(c);
  s.exec("CREATE TABLE " + name + " (id VARCHAR, PRIMARY KEY (id))" + extra);
  return name;
}

}  // namespace odbc_test
