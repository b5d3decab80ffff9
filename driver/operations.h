// The bodies of the ODBC functions, shared by the ANSI and the wide entry points (odbc_api.cpp,
// odbc_api_w.cpp), which only convert strings and call these inside the guarded() boundary.
// Strings come in as UTF-8; output strings are described by an OutputString.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include "catalog_functions.h"
#include "handles.h"
#include "text.h"

namespace dynamosql::odbc {

// Writes a string result and its length, adding 01004 when it was cut.
template <class Length>
SQLRETURN put_string(const std::string& s, const OutputString& out, Length* length, Diagnostics& diag) {
  WriteResult r = write_string(s, out);
  if (length) *length = static_cast<Length>(r.length);
  if (r.truncated) {
    diag.add("01004", "string data, right truncated");
    return SQL_SUCCESS_WITH_INFO;
  }
  return SQL_SUCCESS;
}

// Handles.
SQLRETURN alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output);
SQLRETURN free_handle(SQLSMALLINT type, SQLHANDLE handle);
SQLRETURN set_env_attr(Environment& env, SQLINTEGER attribute, SQLPOINTER value);
SQLRETURN get_env_attr(Environment& env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER* length);

// Connections.
SQLRETURN connect(Connection& dbc, const std::string& dsn, const std::string& user, const std::string& password);
SQLRETURN driver_connect(Connection& dbc, const std::string& in, const OutputString& out, SQLSMALLINT* out_length);
SQLRETURN disconnect(Connection& dbc);
SQLRETURN set_connect_attr(Connection& dbc, SQLINTEGER attribute, SQLPOINTER value, const std::string* text);
SQLRETURN get_connect_attr(Connection& dbc, SQLINTEGER attribute, SQLPOINTER value, const OutputString& out,
                           SQLINTEGER* length);
SQLRETURN get_info(Connection& dbc, SQLUSMALLINT type, SQLPOINTER value, const OutputString& out, SQLSMALLINT* length);
SQLRETURN end_tran(Connection& dbc, SQLSMALLINT completion);
SQLRETURN native_sql(Connection& dbc, const std::string& in, const OutputString& out, SQLINTEGER* length);

// Statements.
SQLRETURN prepare(Statement& stmt, const std::string& sql);
SQLRETURN execute(Statement& stmt);
SQLRETURN exec_direct(Statement& stmt, const std::string& sql);
SQLRETURN num_params(Statement& stmt, SQLSMALLINT* count);
SQLRETURN describe_param(Statement& stmt, SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                         SQLSMALLINT* nullable);
SQLRETURN bind_parameter(Statement& stmt, SQLUSMALLINT number, const ParameterBinding& binding);
SQLRETURN param_data(Statement& stmt, SQLPOINTER* value);
SQLRETURN put_data(Statement& stmt, SQLPOINTER data, SQLLEN length);
SQLRETURN num_result_cols(Statement& stmt, SQLSMALLINT* count);
SQLRETURN describe_col(Statement& stmt, SQLUSMALLINT number, const OutputString& name, SQLSMALLINT* name_length,
                       SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable);
SQLRETURN col_attribute(Statement& stmt, SQLUSMALLINT number, SQLUSMALLINT field, const OutputString& text,
                        SQLSMALLINT* text_length, SQLLEN* numeric);
SQLRETURN bind_col(Statement& stmt, SQLUSMALLINT number, const ColumnBinding& binding);
SQLRETURN fetch(Statement& stmt);
SQLRETURN fetch_scroll(Statement& stmt, SQLSMALLINT orientation, SQLLEN offset);
// SQLExtendedFetch (ODBC 2; PHP's odbc uses it on scrollable cursors): SQLFetchScroll reporting the
// rows fetched and their status into its own arguments.
SQLRETURN extended_fetch(Statement& stmt, SQLSMALLINT orientation, SQLLEN offset, SQLULEN* row_count,
                         SQLUSMALLINT* row_status);
SQLRETURN get_data(Statement& stmt, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER value, SQLLEN capacity,
                   SQLLEN* indicator);
SQLRETURN row_count(Statement& stmt, SQLLEN* count);
SQLRETURN more_results(Statement& stmt);
SQLRETURN close_cursor(Statement& stmt, bool must_be_open);
SQLRETURN free_stmt(Statement& stmt, SQLUSMALLINT option);
SQLRETURN cancel(Statement& stmt);
SQLRETURN set_stmt_attr(Statement& stmt, SQLINTEGER attribute, SQLPOINTER value, const std::string* text);
SQLRETURN get_stmt_attr(Statement& stmt, SQLINTEGER attribute, SQLPOINTER value, const OutputString& out,
                        SQLINTEGER* length);
SQLRETURN get_cursor_name(Statement& stmt, const OutputString& out, SQLSMALLINT* length);
SQLRETURN set_cursor_name(Statement& stmt, const std::string& name);
// Catalog functions and SQLGetTypeInfo: each makes its result the statement's cursor.
SQLRETURN get_type_info(Statement& stmt, SQLSMALLINT data_type);
SQLRETURN tables(Statement& stmt, const Argument& catalog, const Argument& schema, const Argument& table,
                 const Argument& table_type);
SQLRETURN columns(Statement& stmt, const Argument& schema, const Argument& table, const Argument& column);
SQLRETURN primary_keys(Statement& stmt, const Argument& schema, const Argument& table);
SQLRETURN statistics(Statement& stmt, const Argument& schema, const Argument& table, SQLUSMALLINT unique);
SQLRETURN special_columns(Statement& stmt, SQLUSMALLINT identifier_type, const Argument& schema, const Argument& table);
// SQLForeignKeys, SQLProcedures, SQLProcedureColumns, SQLTablePrivileges, SQLColumnPrivileges.
SQLRETURN empty_catalog_result(Statement& stmt, std::unique_ptr<ResultSet> (*make)());

// Diagnostics.
SQLRETURN get_diag_rec(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, const OutputString& state,
                       SQLINTEGER* native, const OutputString& message, SQLSMALLINT* message_length);
SQLRETURN get_diag_field(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                         SQLPOINTER value, const OutputString& out, SQLSMALLINT* length);
SQLRETURN sql_error(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, const OutputString& state, SQLINTEGER* native,
                    const OutputString& message, SQLSMALLINT* message_length);


}  // namespace dynamosql::odbc
