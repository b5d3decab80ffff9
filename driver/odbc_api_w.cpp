// The exported wide (...W) entry points. Under unixODBC SQLWCHAR is UTF-16; these convert strings to
// UTF-8 on the way in, describe UTF-16 outputs (in characters or bytes, as each function's
// specification says), and call the same bodies as the ANSI forms.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "boundary.h"
#include "info.h"
#include "operations.h"

using namespace dynamosql::odbc;

namespace {

Argument argument(SQLWCHAR* text, SQLSMALLINT length) {
  if (!text) return std::nullopt;
  return from_wide(text, length);
}

std::string text(SQLWCHAR* s, SQLLEN length) { return from_wide(s, length); }

bool is_string_attribute(SQLINTEGER attribute) {
  return attribute == SQL_ATTR_CURRENT_CATALOG || attribute == SQL_ATTR_TRACEFILE || attribute == SQL_ATTR_TRANSLATE_LIB;
}

// Attribute string lengths are in bytes.
SQLLEN wide_length(SQLINTEGER bytes) { return bytes < 0 ? SQL_NTS : bytes / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)); }

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLConnectW(SQLHDBC dbc, SQLWCHAR* dsn, SQLSMALLINT dsn_length, SQLWCHAR* user,
                              SQLSMALLINT user_length, SQLWCHAR* password, SQLSMALLINT password_length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return connect(c, text(dsn, dsn_length), text(user, user_length), text(password, password_length));
  });
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC dbc, SQLHWND, SQLWCHAR* in, SQLSMALLINT in_length, SQLWCHAR* out,
                                    SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return driver_connect(c, text(in, in_length), wide_chars_out(out, out_capacity), out_length);
  });
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    if (!is_string_attribute(attribute)) return set_connect_attr(c, attribute, value, nullptr);
    std::string s = text(static_cast<SQLWCHAR*>(value), wide_length(length));
    return set_connect_attr(c, attribute, value, &s);
  });
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                     SQLINTEGER* length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return get_connect_attr(c, attribute, value, wide_bytes_out(value, capacity), length);
  });
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity,
                              SQLSMALLINT* length) {
  return guarded<Connection>(dbc, [&](Connection& c) { return get_info(c, type, value, wide_bytes_out(value, capacity), length); });
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC dbc, SQLWCHAR* in, SQLINTEGER in_length, SQLWCHAR* out, SQLINTEGER capacity,
                                SQLINTEGER* length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return native_sql(c, text(in, in_length), wide_chars_out(out, capacity), length);
  });
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT stmt, SQLWCHAR* sql, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return prepare(s, text(sql, length)); });
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT stmt, SQLWCHAR* sql, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return exec_direct(s, text(sql, length)); });
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT stmt, SQLUSMALLINT number, SQLWCHAR* name, SQLSMALLINT capacity,
                                  SQLSMALLINT* name_length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                  SQLSMALLINT* nullable) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return describe_col(s, number, wide_chars_out(name, capacity), name_length, type, size, digits, nullable);
  });
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT stmt, SQLUSMALLINT number, SQLUSMALLINT field, SQLPOINTER text_value,
                                   SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* numeric) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return col_attribute(s, number, field, wide_bytes_out(text_value, capacity), length, numeric);
  });
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  return guarded<Statement>(stmt, [&](Statement& s) { return set_stmt_attr(s, attribute, value, nullptr); });
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                  SQLINTEGER* length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return get_stmt_attr(s, attribute, value, wide_bytes_out(value, capacity), length);
  });
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT stmt, SQLWCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return get_cursor_name(s, wide_chars_out(name, capacity), length); });
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT stmt, SQLWCHAR* name, SQLSMALLINT length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return set_cursor_name(s, text(name, length)); });
}

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT stmt, SQLSMALLINT data_type) {
  return guarded<Statement>(stmt, [&](Statement& s) { return get_type_info(s, data_type); });
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                             SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length, SQLWCHAR* type,
                             SQLSMALLINT type_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return tables(s, argument(catalog, catalog_length), argument(schema, schema_length), argument(table, table_length),
                  argument(type, type_length));
  });
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_length,
                              SQLWCHAR* table, SQLSMALLINT table_length, SQLWCHAR* column, SQLSMALLINT column_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return columns(s, argument(schema, schema_length), argument(table, table_length), argument(column, column_length));
  });
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_length,
                                  SQLWCHAR* table, SQLSMALLINT table_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return primary_keys(s, argument(schema, schema_length), argument(table, table_length));
  });
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_length,
                                 SQLWCHAR* table, SQLSMALLINT table_length, SQLUSMALLINT unique, SQLUSMALLINT) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return statistics(s, argument(schema, schema_length), argument(table, table_length), unique);
  });
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT stmt, SQLUSMALLINT identifier_type, SQLWCHAR*, SQLSMALLINT,
                                     SQLWCHAR* schema, SQLSMALLINT schema_length, SQLWCHAR* table,
                                     SQLSMALLINT table_length, SQLUSMALLINT, SQLUSMALLINT) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return special_columns(s, identifier_type, argument(schema, schema_length), argument(table, table_length));
  });
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                  SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, foreign_keys_result); });
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, procedures_result); });
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*,
                                       SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, procedure_columns_result); });
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*,
                                      SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, table_privileges_result); });
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT stmt, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*,
                                       SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
  return guarded<Statement>(stmt, [](Statement& s) { return empty_catalog_result(s, column_privileges_result); });
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLWCHAR* state,
                                 SQLINTEGER* native, SQLWCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_rec(handle_type, handle, record, wide_chars_out(state, 6), native, wide_chars_out(message, capacity),
                      length);
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                                   SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_diag_field(handle_type, handle, record, field, value, wide_bytes_out(value, capacity), length);
}

SQLRETURN SQL_API SQLErrorW(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, SQLWCHAR* state, SQLINTEGER* native,
                            SQLWCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return sql_error(env, dbc, stmt, wide_chars_out(state, 6), native, wide_chars_out(message, capacity), length);
}

}  // extern "C"
