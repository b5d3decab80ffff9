// The exported ODBC entry points: the ANSI forms and the functions without strings. Each is a few
// lines: validate the handle and run the body inside guarded() (boundary.h); the bodies live in
// connection.cpp, statement.cpp, fetch.cpp, diag_functions.cpp and catalog_functions.cpp.
#include <sql.h>
#include <sqlext.h>

#include "boundary.h"
#include "info.h"
#include "operations.h"

using namespace dynamosql::odbc;

namespace {

Argument argument(SQLCHAR* text, SQLSMALLINT length) {
  if (!text) return std::nullopt;
  return from_ansi(text, length);
}

std::string text(SQLCHAR* s, SQLLEN length) { return from_ansi(s, length); }

// String-valued attributes (SQLSetConnectAttr/SQLSetStmtAttr): the text, or null for numeric ones.
bool is_string_attribute(SQLINTEGER attribute) {
  return attribute == SQL_ATTR_CURRENT_CATALOG || attribute == SQL_ATTR_TRACEFILE || attribute == SQL_ATTR_TRANSLATE_LIB;
}

}  // namespace

extern "C" {

// ---- Handles and environment ----

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
  return alloc_handle(type, input, output);
}

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE handle) { return free_handle(type, handle); }

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  return guarded<Environment>(env, [&](Environment& e) { return set_env_attr(e, attribute, value); });
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER, SQLINTEGER* length) {
  return guarded<Environment>(env, [&](Environment& e) { return get_env_attr(e, attribute, value, length); });
}

// ---- Connections ----

SQLRETURN SQL_API SQLConnect(SQLHDBC dbc, SQLCHAR* dsn, SQLSMALLINT dsn_length, SQLCHAR* user, SQLSMALLINT user_length,
                             SQLCHAR* password, SQLSMALLINT password_length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return connect(c, text(dsn, dsn_length), text(user, user_length), text(password, password_length));
  });
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC dbc, SQLHWND, SQLCHAR* in, SQLSMALLINT in_length, SQLCHAR* out,
                                   SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return driver_connect(c, text(in, in_length), ansi_out(out, out_capacity), out_length);
  });
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC dbc) {
  return guarded<Connection>(dbc, [&](Connection& c) { return disconnect(c); });
}

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    if (!is_string_attribute(attribute)) return set_connect_attr(c, attribute, value, nullptr);
    std::string s = text(static_cast<SQLCHAR*>(value), length);
    return set_connect_attr(c, attribute, value, &s);
  });
}

SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                    SQLINTEGER* length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return get_connect_attr(c, attribute, value, ansi_out(value, capacity), length);
  });
}

SQLRETURN SQL_API SQLGetInfo(SQLHDBC dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return guarded<Connection>(dbc, [&](Connection& c) { return get_info(c, type, value, ansi_out(value, capacity), length); });
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC dbc, SQLUSMALLINT function, SQLUSMALLINT* supported) {
  return guarded<Connection>(dbc, [&](Connection&) -> SQLRETURN {
    if (!supported) throw dynamosql::Error("HY009", "null output pointer");
    if (function == SQL_API_ODBC3_ALL_FUNCTIONS) fill_odbc3_functions(supported);
    else if (function == SQL_API_ALL_FUNCTIONS) fill_odbc2_functions(supported);
    else *supported = function_supported(function) ? SQL_TRUE : SQL_FALSE;
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT completion) {
  if (handle_type == SQL_HANDLE_DBC)
    return guarded<Connection>(handle, [&](Connection& c) { return end_tran(c, completion); });
  if (handle_type == SQL_HANDLE_ENV)
    return guarded<Environment>(handle, [&](Environment& e) {
      for (Connection* c : e.connections)
        if (c->connected()) end_tran(*c, completion);
      return SQL_SUCCESS;
    });
  return SQL_INVALID_HANDLE;
}

SQLRETURN SQL_API SQLNativeSql(SQLHDBC dbc, SQLCHAR* in, SQLINTEGER in_length, SQLCHAR* out, SQLINTEGER capacity,
                               SQLINTEGER* length) {
  return guarded<Connection>(dbc, [&](Connection& c) { return native_sql(c, text(in, in_length), ansi_out(out, capacity), length); });
}

// ---- Statements ----

SQLRETURN SQL_API SQLPrepare(SQLHSTMT stmt, SQLCHAR* sql, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return prepare(s, text(sql, length)); });
}

SQLRETURN SQL_API SQLExecute(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [&](Statement& s) { return execute(s); });
}

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT stmt, SQLCHAR* sql, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return exec_direct(s, text(sql, length)); });
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT stmt, SQLSMALLINT* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return num_params(s, count); });
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size,
                                   SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  return guarded<Statement>(stmt, [&](Statement& s) { return describe_param(s, number, type, size, digits, nullable); });
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                   SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT digits, SQLPOINTER value,
                                   SQLLEN capacity, SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    ParameterBinding b{io_type, c_type, sql_type, column_size, digits, value, capacity, indicator};
    return bind_parameter(s, number, b);
  });
}

SQLRETURN SQL_API SQLParamData(SQLHSTMT stmt, SQLPOINTER* value) {
  return guarded<Statement>(stmt, [&](Statement& s) { return param_data(s, value); });
}

SQLRETURN SQL_API SQLPutData(SQLHSTMT stmt, SQLPOINTER data, SQLLEN length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return put_data(s, data, length); });
}

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT stmt, SQLSMALLINT* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return num_result_cols(s, count); });
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT stmt, SQLUSMALLINT number, SQLCHAR* name, SQLSMALLINT capacity,
                                 SQLSMALLINT* name_length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                 SQLSMALLINT* nullable) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return describe_col(s, number, ansi_out(name, capacity), name_length, type, size, digits, nullable);
  });
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT stmt, SQLUSMALLINT number, SQLUSMALLINT field, SQLPOINTER text_value,
                                  SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* numeric) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return col_attribute(s, number, field, ansi_out(text_value, capacity), length, numeric);
  });
}

SQLRETURN SQL_API SQLBindCol(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN capacity,
                             SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return bind_col(s, number, ColumnBinding{c_type, value, capacity, indicator});
  });
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [&](Statement& s) { return fetch(s); });
}

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT stmt, SQLSMALLINT orientation, SQLLEN offset) {
  return guarded<Statement>(stmt, [&](Statement& s) { return fetch_scroll(s, orientation, offset); });
}

SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT stmt, SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* row_count,
                                   SQLUSMALLINT* row_status) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return extended_fetch(s, static_cast<SQLSMALLINT>(orientation), offset, row_count, row_status);
  });
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN capacity,
                             SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) { return get_data(s, number, c_type, value, capacity, indicator); });
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT stmt, SQLLEN* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return row_count(s, count); });
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [&](Statement& s) { return more_results(s); });
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [&](Statement& s) { return close_cursor(s, true); });
}

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT stmt, SQLUSMALLINT option) {
  if (option == SQL_DROP) return free_handle(SQL_HANDLE_STMT, stmt);
  return guarded<Statement>(stmt, [&](Statement& s) { return free_stmt(s, option); });
}

SQLRETURN SQL_API SQLCancel(SQLHSTMT stmt) {
  Statement* s = lookup<Statement>(stmt);
  if (!s) return SQL_INVALID_HANDLE;
  // The one call made while another thread runs the statement: if the statement is busy, only the
  // session's cancel flag is set (atomic), and the running call stops between pages with HY008.
  std::unique_lock<std::recursive_mutex> busy(s->mutex, std::try_to_lock);
  if (!busy.owns_lock()) {
    std::lock_guard<std::recursive_mutex> lock(s->dbc->mutex);
    if (s->dbc->connected()) s->dbc->session->cancel();
    return SQL_SUCCESS;
  }
  busy.unlock();
  return guarded<Statement>(stmt, [&](Statement& st) { return cancel(st); });
}

SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  return guarded<Statement>(stmt, [&](Statement& s) { return set_stmt_attr(s, attribute, value, nullptr); });
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                 SQLINTEGER* length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return get_stmt_attr(s, attribute, value, ansi_out(value, capacity), length);
  });
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT stmt, SQLCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return get_cursor_name(s, ansi_out(name, capacity), length); });
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT stmt, SQLCHAR* name, SQLSMALLINT length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return set_cursor_name(s, text(name, length)); });
}

// ---- Catalog functions ----

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT stmt, SQLSMALLINT data_type) {
  return guarded<Statement>(stmt, [&](Statement& s) { return get_type_info(s, data_type); });
}

SQLRETURN SQL_API SQLTables(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                            SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length, SQLCHAR* type,
                            SQLSMALLINT type_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return tables(s, argument(catalog, catalog_length), argument(schema, schema_length), argument(table, table_length),
                  argument(type, type_length));
  });
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_length,
                             SQLCHAR* table, SQLSMALLINT table_length, SQLCHAR* column, SQLSMALLINT column_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return columns(s, argument(schema, schema_length), argument(table, table_length), argument(column, column_length));
  });
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_length,
                                 SQLCHAR* table, SQLSMALLINT table_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return primary_keys(s, argument(schema, schema_length), argument(table, table_length));
  });
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_length,
                                SQLCHAR* table, SQLSMALLINT table_length, SQLUSMALLINT unique, SQLUSMALLINT) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return statistics(s, argument(schema, schema_length), argument(table, table_length), unique);
  });
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT stmt, SQLUSMALLINT identifier_type, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema,
                                    SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length, SQLUSMALLINT,
                                    SQLUSMALLINT) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return special_columns(s, identifier_type, argument(schema, schema_length), argument(table, table_length));
  });
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT,
                                 SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, foreign_keys_result); });
}

SQLRETURN SQL_API SQLProcedures(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, procedures_result); });
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT,
                                      SQLCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, procedure_columns_result); });
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, table_privileges_result); });
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT stmt, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT,
                                      SQLCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, column_privileges_result); });
}

// ---- Diagnostics ----

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLCHAR* state,
                                SQLINTEGER* native, SQLCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_rec(handle_type, handle, record, ansi_out(state, 6), native, ansi_out(message, capacity), length);
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                                  SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_field(handle_type, handle, record, field, value, ansi_out(value, capacity), length);
}

SQLRETURN SQL_API SQLError(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, SQLCHAR* state, SQLINTEGER* native, SQLCHAR* message,
                           SQLSMALLINT capacity, SQLSMALLINT* length) {
  return sql_error(env, dbc, stmt, ansi_out(state, 6), native, ansi_out(message, capacity), length);
}

}  // extern "C"
