// SQLGetDiagRec, SQLGetDiagField and SQLError: reading a handle's diagnostic records.
#include <cstring>

#include "boundary.h"
#include "operations.h"

namespace dynamosql::odbc {
namespace {

template <class Body>
SQLRETURN with_handle(SQLSMALLINT handle_type, SQLHANDLE handle, Body&& body) {
  switch (handle_type) {
    case SQL_HANDLE_ENV: return inspect<Environment>(handle, body);
    case SQL_HANDLE_DBC: return inspect<Connection>(handle, body);
    case SQL_HANDLE_STMT: return inspect<Statement>(handle, body);
    case SQL_HANDLE_DESC: return inspect<Descriptor>(handle, body);
    default: return SQL_INVALID_HANDLE;
  }
}

// Writes a diagnostic string without adding a diagnostic of its own (that would change the records
// being read): truncation is reported by the return code alone.
template <class Length>
SQLRETURN put_quietly(const std::string& s, const OutputString& out, Length* length) {
  WriteResult r = write_string(s, out);
  if (length) *length = static_cast<Length>(r.length);
  return r.truncated ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN put_record(const DiagRecord& rec, const OutputString& state, SQLINTEGER* native, const OutputString& message,
                     SQLSMALLINT* message_length) {
  OutputString state_out = state;
  state_out.capacity = 6;
  write_string(rec.sqlstate, state_out);
  if (native) *native = rec.native;
  return put_quietly(rec.message, message, message_length);
}

}  // namespace

SQLRETURN get_diag_rec(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, const OutputString& state,
                       SQLINTEGER* native, const OutputString& message, SQLSMALLINT* message_length) {
  return with_handle(handle_type, handle, [&](Handle& h) -> SQLRETURN {
    if (record < 1) return SQL_ERROR;
    if (message.buffer && message.capacity < 0) return SQL_ERROR;
    const auto& records = h.diag.records();
    if (static_cast<size_t>(record) > records.size()) return SQL_NO_DATA;
    return put_record(records[static_cast<size_t>(record) - 1], state, native, message, message_length);
  });
}

SQLRETURN get_diag_field(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                         SQLPOINTER value, const OutputString& out, SQLSMALLINT* length) {
  return with_handle(handle_type, handle, [&](Handle& h) -> SQLRETURN {
    auto integer = [&](auto v) {
      if (value) std::memcpy(value, &v, sizeof v);
      if (length) *length = sizeof v;
      return SQL_SUCCESS;
    };
    const auto& records = h.diag.records();
    // Header fields.
    switch (field) {
      case SQL_DIAG_NUMBER: return integer(static_cast<SQLINTEGER>(records.size()));
      case SQL_DIAG_RETURNCODE: return integer(static_cast<SQLRETURN>(h.diag.return_code()));
      case SQL_DIAG_ROW_COUNT: case SQL_DIAG_CURSOR_ROW_COUNT: {
        if (h.type() != HandleType::Statement) return SQL_ERROR;
        auto& stmt = static_cast<Statement&>(h);
        return integer(static_cast<SQLLEN>(field == SQL_DIAG_ROW_COUNT ? stmt.rows_affected : -1));
      }
      case SQL_DIAG_DYNAMIC_FUNCTION: return put_quietly("", out, length);
      case SQL_DIAG_DYNAMIC_FUNCTION_CODE: return integer(static_cast<SQLINTEGER>(SQL_DIAG_UNKNOWN_STATEMENT));
      default: break;
    }
    if (record < 1) return SQL_ERROR;
    if (static_cast<size_t>(record) > records.size()) return SQL_NO_DATA;
    const DiagRecord& rec = records[static_cast<size_t>(record) - 1];
    switch (field) {
      case SQL_DIAG_SQLSTATE: return put_quietly(rec.sqlstate, out, length);
      case SQL_DIAG_MESSAGE_TEXT: return put_quietly(rec.message, out, length);
      case SQL_DIAG_NATIVE: return integer(rec.native);
      case SQL_DIAG_CLASS_ORIGIN: return put_quietly(class_origin(rec.sqlstate), out, length);
      case SQL_DIAG_SUBCLASS_ORIGIN: return put_quietly(subclass_origin(rec.sqlstate), out, length);
      case SQL_DIAG_CONNECTION_NAME: return put_quietly("", out, length);
      case SQL_DIAG_SERVER_NAME: return put_quietly("dynamodb", out, length);
      case SQL_DIAG_ROW_NUMBER: return integer(rec.row);
      case SQL_DIAG_COLUMN_NUMBER: return integer(rec.column);
      default: return SQL_ERROR;
    }
  });
}

SQLRETURN sql_error(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, const OutputString& state, SQLINTEGER* native,
                    const OutputString& message, SQLSMALLINT* message_length) {
  auto next = [&](Handle& h) -> SQLRETURN {
    const DiagRecord* rec = h.diag.next_for_sql_error();
    if (!rec) return SQL_NO_DATA;
    return put_record(*rec, state, native, message, message_length);
  };
  if (stmt) return inspect<Statement>(stmt, next);
  if (dbc) return inspect<Connection>(dbc, next);
  if (env) return inspect<Environment>(env, next);
  return SQL_INVALID_HANDLE;
}

}  // namespace dynamosql::odbc
