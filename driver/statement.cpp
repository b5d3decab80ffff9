// Statements: prepare and execute (with parameters, arrays of parameter sets and data at execution),
// result descriptions, and statement attributes. Fetching is in fetch.cpp.
#include <algorithm>
#include <cstring>

#include "data_conversion.h"
#include "escapes.h"
#include "info.h"
#include "query_timer.h"
#include "operations.h"

namespace dynamosql::odbc {
namespace {

SQLULEN pointer_value(SQLPOINTER value) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value)); }

bool is_data_at_exec(const ParameterBinding& b) {
  return b.indicator && (*b.indicator == SQL_DATA_AT_EXEC || *b.indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET);
}

// The source of parameter `b` in parameter set `set` (0-based), honouring the bind type and offset.
ParameterSource source_at(const Statement& stmt, const ParameterBinding& b, SQLULEN set) {
  SQLLEN offset = stmt.param_bind_offset ? *stmt.param_bind_offset : 0;
  const char* data = static_cast<const char*>(b.data);
  const char* indicator = reinterpret_cast<const char*>(b.indicator);
  if (stmt.param_bind_type == SQL_PARAM_BIND_BY_COLUMN) {
    if (data) data += offset + static_cast<SQLLEN>(set) * element_size(b.c_type == SQL_C_DEFAULT ? default_c_type(b.sql_type) : b.c_type, b.buffer_length);
    if (indicator) indicator += offset + static_cast<SQLLEN>(set * sizeof(SQLLEN));
  } else {
    SQLLEN stride = static_cast<SQLLEN>(stmt.param_bind_type) * static_cast<SQLLEN>(set);
    if (data) data += offset + stride;
    if (indicator) indicator += offset + stride;
  }
  ParameterSource s;
  s.c_type = b.c_type == SQL_C_DEFAULT ? default_c_type(b.sql_type) : b.c_type;
  s.sql_type = b.sql_type;
  s.data = data;
  s.buffer_length = b.buffer_length;
  SQLLEN length = SQL_NTS;
  if (indicator) std::memcpy(&length, indicator, sizeof length);
  s.length = length;
  return s;
}

Value bound_value(const Statement& stmt, SQLUSMALLINT number, SQLULEN set) {
  auto it = stmt.parameters.find(number);
  if (it == stmt.parameters.end())
    throw Error("07002", "parameter " + std::to_string(number) + " has no value bound (SQLBindParameter)");
  const ParameterBinding& b = it->second;
  if (std::find(stmt.put_data_nulls.begin(), stmt.put_data_nulls.end(), number) != stmt.put_data_nulls.end())
    return Value::null();
  auto put = stmt.put_data.find(number);
  if (put != stmt.put_data.end()) return parameter_value_from_bytes(b.c_type, b.sql_type, put->second);
  return parameter_value(source_at(stmt, b, set));
}

// Executes the prepared statement once per parameter set.
SQLRETURN run(Statement& stmt) {
  Connection& dbc = *stmt.dbc;
  Session& session = dbc.require_session();
  PreparedStatement& prepared = *stmt.prepared;
  const int count = prepared.parameter_count();
  const SQLULEN sets = count > 0 ? std::max<SQLULEN>(stmt.paramset_size, 1) : 1;
  int64_t affected = 0;
  bool counted = false;
  SQLRETURN rc = SQL_SUCCESS;
  if (stmt.params_processed) *stmt.params_processed = 0;
  dbc.log.write(2, "execute: " + stmt.sql);
  for (SQLULEN set = 0; set < sets; ++set) {
    try {
      prepared.clear_bindings();
      for (int i = 1; i <= count; ++i) prepared.bind(i - 1, bound_value(stmt, static_cast<SQLUSMALLINT>(i), set));
      QueryTimer timer(session, stmt.query_timeout);
      auto cursor = timer.run([&] { return prepared.execute(); });
      if (!cursor->notice().empty()) {  // as psqlODBC returns NOTICEs
        stmt.diag.add("01000", cursor->notice());
        rc = SQL_SUCCESS_WITH_INFO;
      }
      if (cursor->rows_affected() >= 0) {
        affected += cursor->rows_affected();
        counted = true;
      } else if (!cursor->columns().empty()) {
        stmt.open_cursor(std::make_unique<EngineResult>(std::move(cursor), stmt.dbc->number_scale));
      }
      if (stmt.param_status) stmt.param_status[set] = SQL_PARAM_SUCCESS;
      if (stmt.params_processed) *stmt.params_processed = set + 1;
    } catch (const Error& e) {
      dbc.log.write(1, e.describe());
      if (stmt.param_status) {
        stmt.param_status[set] = SQL_PARAM_ERROR;
        for (SQLULEN k = set + 1; k < sets; ++k) stmt.param_status[k] = SQL_PARAM_UNUSED;
      }
      if (stmt.params_processed) *stmt.params_processed = set + 1;
      stmt.put_data.clear();
      stmt.put_data_nulls.clear();
      stmt.rows_affected = counted ? affected : -1;
      throw;
    }
  }
  stmt.put_data.clear();
  stmt.put_data_nulls.clear();
  stmt.rows_affected = counted ? affected : -1;
  stmt.state = Statement::State::Executed;
  return rc;
}

void require_not_waiting(const Statement& stmt) {
  if (stmt.state == Statement::State::NeedData)
    throw Error(sqlstate::kFunctionSequence, "the statement is waiting for SQLParamData/SQLPutData");
}

}  // namespace

SQLRETURN prepare(Statement& stmt, const std::string& sql) {
  require_not_waiting(stmt);
  stmt.close_cursor();
  stmt.prepared.reset();
  stmt.prepared_columns_known = false;
  stmt.prepared_parameters.clear();
  stmt.rows_affected = -1;
  stmt.state = Statement::State::Allocated;
  stmt.sql = translate_escapes(sql);
  stmt.prepared = stmt.dbc->require_session().prepare(stmt.sql);
  stmt.state = Statement::State::Prepared;
  return SQL_SUCCESS;
}

// SQLExecute and SQLExecDirect start a new request: a cancel meant for an earlier statement must not stop
// it, and one that arrives from here on (while it is parsed or runs) must (Session::clear_cancel).
static void withdraw_earlier_cancel(Statement& stmt) { stmt.dbc->require_session().clear_cancel(); }

static SQLRETURN execute_prepared(Statement& stmt) {
  require_not_waiting(stmt);
  if (!stmt.prepared) throw Error(sqlstate::kFunctionSequence, "no statement has been prepared");
  stmt.close_cursor();
  stmt.rows_affected = -1;
  stmt.pending_data.clear();
  stmt.put_data.clear();
  stmt.put_data_nulls.clear();
  for (int i = 1; i <= stmt.prepared->parameter_count(); ++i) {
    auto it = stmt.parameters.find(static_cast<SQLUSMALLINT>(i));
    if (it != stmt.parameters.end() && is_data_at_exec(it->second)) stmt.pending_data.push_back(static_cast<SQLUSMALLINT>(i));
  }
  if (!stmt.pending_data.empty()) {
    if (stmt.paramset_size > 1) throw Error("HYC00", "data at execution with arrays of parameters is not supported");
    stmt.pending_position = 0;
    stmt.put_data_current = 0;
    stmt.state = Statement::State::NeedData;
    return SQL_NEED_DATA;
  }
  return run(stmt);
}

SQLRETURN execute(Statement& stmt) {
  withdraw_earlier_cancel(stmt);
  return execute_prepared(stmt);
}

SQLRETURN exec_direct(Statement& stmt, const std::string& sql) {
  withdraw_earlier_cancel(stmt);
  SQLRETURN rc = prepare(stmt, sql);
  if (!SQL_SUCCEEDED(rc)) return rc;
  return execute_prepared(stmt);
}

SQLRETURN param_data(Statement& stmt, SQLPOINTER* value) {
  if (stmt.state != Statement::State::NeedData) throw Error(sqlstate::kFunctionSequence, "no parameter is waiting for data");
  if (stmt.pending_position < stmt.pending_data.size()) {
    SQLUSMALLINT number = stmt.pending_data[stmt.pending_position++];
    stmt.put_data_current = number;
    stmt.put_data[number];  // present, even if SQLPutData sends nothing
    if (value) *value = stmt.parameters[number].data;
    return SQL_NEED_DATA;
  }
  stmt.state = Statement::State::Prepared;
  stmt.put_data_current = 0;
  return run(stmt);
}

SQLRETURN put_data(Statement& stmt, SQLPOINTER data, SQLLEN length) {
  if (stmt.state != Statement::State::NeedData || stmt.put_data_current == 0)
    throw Error(sqlstate::kFunctionSequence, "SQLPutData without SQLParamData asking for data");
  SQLUSMALLINT number = stmt.put_data_current;
  if (length == SQL_NULL_DATA) {
    stmt.put_data_nulls.push_back(number);
    return SQL_SUCCESS;
  }
  const ParameterBinding& b = stmt.parameters[number];
  if (!data && length > 0) throw Error("HY009", "SQLPutData with a null data pointer");
  size_t n = 0;
  if (length == SQL_NTS) {
    n = b.c_type == SQL_C_WCHAR ? std::char_traits<char16_t>::length(static_cast<const char16_t*>(data)) * 2
                                : std::strlen(static_cast<const char*>(data));
  } else if (length >= 0) {
    n = static_cast<size_t>(length);
  } else {
    throw Error("HY090", "invalid length " + std::to_string(length) + " for SQLPutData");
  }
  stmt.put_data[number].append(static_cast<const char*>(data), n);
  return SQL_SUCCESS;
}

SQLRETURN num_params(Statement& stmt, SQLSMALLINT* count) {
  if (!stmt.prepared) throw Error(sqlstate::kFunctionSequence, "no statement has been prepared");
  if (count) *count = static_cast<SQLSMALLINT>(stmt.prepared->parameter_count());
  return SQL_SUCCESS;
}

SQLRETURN describe_param(Statement& stmt, SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                         SQLSMALLINT* nullable) {
  if (!stmt.prepared) throw Error(sqlstate::kFunctionSequence, "no statement has been prepared");
  if (number < 1 || number > stmt.prepared->parameter_count())
    throw Error("07009", "parameter " + std::to_string(number) + " does not exist");
  const ResultColumn& c = stmt.parameter_description(number);
  if (type) *type = c.sql_type;
  if (size) *size = c.column_size;
  if (digits) *digits = c.decimal_digits;
  if (nullable) *nullable = SQL_NULLABLE;
  return SQL_SUCCESS;
}

SQLRETURN bind_parameter(Statement& stmt, SQLUSMALLINT number, const ParameterBinding& binding) {
  if (number < 1) throw Error("07009", "parameter numbers start at 1");
  if (binding.io_type != SQL_PARAM_INPUT) throw Error("HY105", "only input parameters are supported");
  if (!binding.data && !binding.indicator) throw Error("HY009", "neither a value nor an indicator was given");
  stmt.parameters[number] = binding;
  return SQL_SUCCESS;
}

SQLRETURN num_result_cols(Statement& stmt, SQLSMALLINT* count) {
  require_not_waiting(stmt);
  const auto& columns = stmt.result_columns();
  if (count) *count = static_cast<SQLSMALLINT>(columns.size());
  return SQL_SUCCESS;
}

namespace {

const ResultColumn& column_at(Statement& stmt, SQLUSMALLINT number) {
  const auto& columns = stmt.result_columns();
  if (number < 1 || number > columns.size())
    throw Error("07009", "column " + std::to_string(number) + " does not exist (the result has " +
                             std::to_string(columns.size()) + ")");
  return columns[number - 1];
}

bool is_exact_numeric(SQLSMALLINT sql_type) {
  return sql_type == SQL_DECIMAL || sql_type == SQL_SMALLINT || sql_type == SQL_INTEGER || sql_type == SQL_BIGINT;
}

SQLLEN display_size(const ResultColumn& c) {
  switch (c.sql_type) {
    case SQL_DECIMAL: return static_cast<SQLLEN>(kNumberTextLength);
    case SQL_BIGINT: return 20;
    case SQL_BIT: return 1;
    case SQL_VARBINARY: return static_cast<SQLLEN>(c.column_size * 2);
    default: return static_cast<SQLLEN>(c.column_size);
  }
}

SQLLEN octet_length(const ResultColumn& c) {
  switch (c.sql_type) {
    case SQL_WVARCHAR: case SQL_WLONGVARCHAR: return static_cast<SQLLEN>(c.column_size * 4);  // UTF-8 worst case
    case SQL_DECIMAL: return static_cast<SQLLEN>(kNumberTextLength);
    case SQL_BIGINT: return 8;
    case SQL_BIT: return 1;
    case SQL_TYPE_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    default: return static_cast<SQLLEN>(c.column_size);
  }
}

}  // namespace

SQLRETURN describe_col(Statement& stmt, SQLUSMALLINT number, const OutputString& name, SQLSMALLINT* name_length,
                       SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  require_not_waiting(stmt);
  const ResultColumn& c = column_at(stmt, number);
  if (type) *type = c.sql_type;
  if (size) *size = c.column_size;
  if (digits) *digits = c.decimal_digits;
  if (nullable) *nullable = c.nullable;
  return put_string(c.name, name, name_length, stmt.diag);
}

SQLRETURN col_attribute(Statement& stmt, SQLUSMALLINT number, SQLUSMALLINT field, const OutputString& text,
                        SQLSMALLINT* text_length, SQLLEN* numeric) {
  require_not_waiting(stmt);
  auto integer = [&](SQLLEN v) {
    if (numeric) *numeric = v;
    return SQL_SUCCESS;
  };
  auto string = [&](const std::string& s) { return put_string(s, text, text_length, stmt.diag); };
  if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT)
    return integer(static_cast<SQLLEN>(stmt.result_columns().size()));
  const ResultColumn& c = column_at(stmt, number);
  bool is_text = c.sql_type == SQL_WVARCHAR || c.sql_type == SQL_WLONGVARCHAR;
  switch (field) {
    case SQL_DESC_NAME: case SQL_COLUMN_NAME: case SQL_DESC_LABEL: case SQL_DESC_BASE_COLUMN_NAME:
      return string(c.name);
    case SQL_DESC_UNNAMED: return integer(c.name.empty() ? SQL_UNNAMED : SQL_NAMED);
    case SQL_DESC_CONCISE_TYPE: return integer(c.sql_type);
    case SQL_DESC_TYPE: return integer(c.sql_type == SQL_TYPE_TIMESTAMP ? SQL_DATETIME : c.sql_type);
    case SQL_DESC_DATETIME_INTERVAL_CODE: return integer(c.sql_type == SQL_TYPE_TIMESTAMP ? SQL_CODE_TIMESTAMP : 0);
    case SQL_DESC_LENGTH: case SQL_COLUMN_LENGTH: case SQL_DESC_PRECISION: case SQL_COLUMN_PRECISION:
      if (field == SQL_DESC_PRECISION && c.sql_type == SQL_TYPE_TIMESTAMP) return integer(c.decimal_digits);
      return integer(static_cast<SQLLEN>(c.column_size));
    case SQL_DESC_OCTET_LENGTH: return integer(octet_length(c));
    case SQL_DESC_SCALE: case SQL_COLUMN_SCALE: return integer(c.decimal_digits);
    case SQL_DESC_DISPLAY_SIZE: return integer(display_size(c));
    case SQL_DESC_NULLABLE: case SQL_COLUMN_NULLABLE: return integer(c.nullable);
    case SQL_DESC_TYPE_NAME: case SQL_DESC_LOCAL_TYPE_NAME: return string(c.type_name);
    case SQL_DESC_TABLE_NAME: case SQL_DESC_BASE_TABLE_NAME: return string(c.table);
    case SQL_DESC_SCHEMA_NAME: return string(c.schema);
    case SQL_DESC_CATALOG_NAME: return string("");
    case SQL_DESC_UNSIGNED: return integer(is_exact_numeric(c.sql_type) ? SQL_FALSE : SQL_TRUE);
    case SQL_DESC_FIXED_PREC_SCALE: return integer(SQL_FALSE);
    case SQL_DESC_AUTO_UNIQUE_VALUE: return integer(SQL_FALSE);
    case SQL_DESC_CASE_SENSITIVE: return integer(is_text ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_SEARCHABLE: return integer(c.sql_type == SQL_WLONGVARCHAR ? SQL_PRED_CHAR : SQL_PRED_SEARCHABLE);
    case SQL_DESC_UPDATABLE: return integer(SQL_ATTR_READWRITE_UNKNOWN);
    case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX: return string(is_text ? "'" : "");
    case SQL_DESC_NUM_PREC_RADIX: return integer(is_exact_numeric(c.sql_type) ? 10 : 0);
    default: throw Error("HY091", "column attribute " + std::to_string(field) + " is not known");
  }
}

SQLRETURN row_count(Statement& stmt, SQLLEN* count) {
  if (stmt.state != Statement::State::Executed) throw Error(sqlstate::kFunctionSequence, "the statement has not been executed");
  if (count) *count = stmt.rows_affected;
  return SQL_SUCCESS;
}

SQLRETURN more_results(Statement& stmt) {
  require_not_waiting(stmt);
  // One result per statement: after it there is no other.
  stmt.close_cursor();
  return SQL_NO_DATA;
}

SQLRETURN close_cursor(Statement& stmt, bool must_be_open) {
  if (must_be_open && !stmt.result) throw Error("24000", "no cursor is open");
  if (stmt.state == Statement::State::NeedData) stmt.state = Statement::State::Prepared;
  stmt.close_cursor();
  return SQL_SUCCESS;
}

SQLRETURN free_stmt(Statement& stmt, SQLUSMALLINT option) {
  switch (option) {
    case SQL_CLOSE: return close_cursor(stmt, false);
    case SQL_UNBIND: stmt.columns.clear(); return SQL_SUCCESS;
    case SQL_RESET_PARAMS: stmt.parameters.clear(); return SQL_SUCCESS;
    default: throw Error("HY092", "SQLFreeStmt option " + std::to_string(option) + " is not valid");
  }
}

SQLRETURN cancel(Statement& stmt) {
  // Called when the statement is not busy (a busy one is cancelled in SQLCancel itself): it ends data at
  // execution; otherwise, as ODBC 3 says, it has no effect (in particular it must not leave the
  // session's cancel flag set for the next fetch).
  if (stmt.state == Statement::State::NeedData) {
    stmt.state = Statement::State::Prepared;
    stmt.put_data.clear();
    stmt.put_data_nulls.clear();
  }
  return SQL_SUCCESS;
}

SQLRETURN set_stmt_attr(Statement& stmt, SQLINTEGER attribute, SQLPOINTER value, const std::string* text) {
  SQLULEN v = pointer_value(value);
  auto changed = [&](const char* what) {
    stmt.diag.add("01S02", std::string(what) + " is not supported; the driver uses the nearest supported value");
    return SQL_SUCCESS_WITH_INFO;
  };
  switch (attribute) {
    case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE:
      if (v == 0) throw Error("HY024", "the row array size must be at least 1");
      stmt.row_array_size = v;
      return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE: stmt.row_bind_type = v; return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: stmt.row_bind_offset = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR: stmt.rows_fetched = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR: stmt.row_status = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
      if (v == 0) throw Error("HY024", "the parameter set size must be at least 1");
      stmt.paramset_size = v;
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE: stmt.param_bind_type = v; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: stmt.param_bind_offset = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: stmt.params_processed = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR: stmt.param_status = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS: stmt.max_rows = v; return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH: stmt.max_length = v; return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: stmt.query_timeout = v; return SQL_SUCCESS;  // enforced per call (query_timer.h)
    case SQL_ATTR_NOSCAN: stmt.noscan = v; return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA: stmt.retrieve_data = v; return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: stmt.metadata_id = v; return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_TYPE:
      // Keyset-driven and dynamic cursors become static ones: scrollable, but blind to later changes.
      stmt.cursor_type = v == SQL_CURSOR_FORWARD_ONLY ? SQL_CURSOR_FORWARD_ONLY : SQL_CURSOR_STATIC;
      if (v != SQL_CURSOR_FORWARD_ONLY && v != SQL_CURSOR_STATIC) return changed("a keyset-driven or dynamic cursor");
      return SQL_SUCCESS;
    case SQL_ATTR_CONCURRENCY:
      if (v != SQL_CONCUR_READ_ONLY) return changed("an updatable cursor");
      return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SCROLLABLE:
      stmt.cursor_type = v == SQL_NONSCROLLABLE ? SQL_CURSOR_FORWARD_ONLY : SQL_CURSOR_STATIC;
      return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SENSITIVITY:
      if (v != SQL_UNSPECIFIED && v != SQL_INSENSITIVE) return changed("a sensitive cursor");
      return SQL_SUCCESS;
    case SQL_ATTR_USE_BOOKMARKS:
      if (v != SQL_UB_OFF) throw Error("HYC00", "bookmarks are not supported");
      return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
      if (v != SQL_ASYNC_ENABLE_OFF) return changed("asynchronous execution");
      return SQL_SUCCESS;
    case SQL_ATTR_ENABLE_AUTO_IPD: case SQL_ATTR_SIMULATE_CURSOR: case SQL_ATTR_KEYSET_SIZE:
      return SQL_SUCCESS;
    default:
      (void)text;
      throw Error("HY092", "statement attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN get_stmt_attr(Statement& stmt, SQLINTEGER attribute, SQLPOINTER value, const OutputString&,
                        SQLINTEGER* length) {
  auto ulen = [&](SQLULEN v) {
    if (value) std::memcpy(value, &v, sizeof v);
    if (length) *length = sizeof v;
    return SQL_SUCCESS;
  };
  auto pointer = [&](const void* p) {
    if (value) std::memcpy(value, &p, sizeof p);
    if (length) *length = sizeof p;
    return SQL_SUCCESS;
  };
  switch (attribute) {
    case SQL_ATTR_APP_ROW_DESC: return pointer(static_cast<Handle*>(&stmt.app_row_desc));
    case SQL_ATTR_APP_PARAM_DESC: return pointer(static_cast<Handle*>(&stmt.app_param_desc));
    case SQL_ATTR_IMP_ROW_DESC: return pointer(static_cast<Handle*>(&stmt.imp_row_desc));
    case SQL_ATTR_IMP_PARAM_DESC: return pointer(static_cast<Handle*>(&stmt.imp_param_desc));
    case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE: return ulen(stmt.row_array_size);
    case SQL_ATTR_ROW_BIND_TYPE: return ulen(stmt.row_bind_type);
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: return pointer(stmt.row_bind_offset);
    case SQL_ATTR_ROWS_FETCHED_PTR: return pointer(stmt.rows_fetched);
    case SQL_ATTR_ROW_STATUS_PTR: return pointer(stmt.row_status);
    case SQL_ATTR_PARAMSET_SIZE: return ulen(stmt.paramset_size);
    case SQL_ATTR_PARAM_BIND_TYPE: return ulen(stmt.param_bind_type);
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: return pointer(stmt.param_bind_offset);
    case SQL_ATTR_PARAMS_PROCESSED_PTR: return pointer(stmt.params_processed);
    case SQL_ATTR_PARAM_STATUS_PTR: return pointer(stmt.param_status);
    case SQL_ATTR_MAX_ROWS: return ulen(stmt.max_rows);
    case SQL_ATTR_MAX_LENGTH: return ulen(stmt.max_length);
    case SQL_ATTR_QUERY_TIMEOUT: return ulen(stmt.query_timeout);
    case SQL_ATTR_NOSCAN: return ulen(stmt.noscan);
    case SQL_ATTR_RETRIEVE_DATA: return ulen(stmt.retrieve_data);
    case SQL_ATTR_METADATA_ID: return ulen(stmt.metadata_id);
    case SQL_ATTR_CURSOR_TYPE: return ulen(stmt.cursor_type);
    case SQL_ATTR_CONCURRENCY: return ulen(SQL_CONCUR_READ_ONLY);
    case SQL_ATTR_CURSOR_SCROLLABLE:
      return ulen(stmt.cursor_type == SQL_CURSOR_STATIC ? SQL_SCROLLABLE : SQL_NONSCROLLABLE);
    case SQL_ATTR_CURSOR_SENSITIVITY: return ulen(SQL_INSENSITIVE);
    case SQL_ATTR_USE_BOOKMARKS: return ulen(SQL_UB_OFF);
    case SQL_ATTR_ASYNC_ENABLE: return ulen(SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_ENABLE_AUTO_IPD: return ulen(SQL_FALSE);
    case SQL_ATTR_KEYSET_SIZE: return ulen(0);
    case SQL_ATTR_SIMULATE_CURSOR: return ulen(SQL_SC_UNIQUE);
    case SQL_ATTR_ROW_NUMBER:
      if (!stmt.has_current) return ulen(0);
      return ulen(stmt.static_rows ? stmt.position.start : stmt.rows_returned);
    default: throw Error("HY092", "statement attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN get_cursor_name(Statement& stmt, const OutputString& out, SQLSMALLINT* length) {
  if (stmt.cursor_name.empty()) {
    char name[32];
    std::snprintf(name, sizeof name, "SQL_CUR%p", static_cast<void*>(&stmt));
    stmt.cursor_name = name;
  }
  return put_string(stmt.cursor_name, out, length, stmt.diag);
}

SQLRETURN set_cursor_name(Statement& stmt, const std::string& name) {
  if (name.empty() || name.size() > 128) throw Error("34000", "invalid cursor name");
  stmt.cursor_name = name;
  return SQL_SUCCESS;
}

namespace {

// A catalog result becomes the statement's cursor, replacing whatever it had.
SQLRETURN set_result(Statement& stmt, std::unique_ptr<ResultSet> result) {
  stmt.prepared.reset();
  stmt.open_cursor(std::move(result));
  stmt.rows_affected = -1;
  stmt.state = Statement::State::Executed;
  return SQL_SUCCESS;
}

CatalogContext catalog_context(Statement& stmt) {
  stmt.dbc->require_session().clear_cancel();  // a new request (see withdraw_earlier_cancel)
  return CatalogContext{stmt.dbc->require_session(), stmt.metadata_id == SQL_TRUE, stmt.dbc->number_scale};
}

}  // namespace

SQLRETURN get_type_info(Statement& stmt, SQLSMALLINT data_type) { return set_result(stmt, type_info_result(data_type)); }

SQLRETURN tables(Statement& stmt, const Argument& catalog, const Argument& schema, const Argument& table,
                 const Argument& table_type) {
  return set_result(stmt, tables_result(catalog_context(stmt), catalog, schema, table, table_type));
}

SQLRETURN columns(Statement& stmt, const Argument& schema, const Argument& table, const Argument& column) {
  return set_result(stmt, columns_result(catalog_context(stmt), schema, table, column));
}

SQLRETURN primary_keys(Statement& stmt, const Argument& schema, const Argument& table) {
  return set_result(stmt, primary_keys_result(catalog_context(stmt), schema, table));
}

SQLRETURN statistics(Statement& stmt, const Argument& schema, const Argument& table, SQLUSMALLINT unique) {
  return set_result(stmt, statistics_result(catalog_context(stmt), schema, table, unique));
}

SQLRETURN special_columns(Statement& stmt, SQLUSMALLINT identifier_type, const Argument& schema, const Argument& table) {
  return set_result(stmt, special_columns_result(catalog_context(stmt), identifier_type, schema, table));
}

SQLRETURN empty_catalog_result(Statement& stmt, std::unique_ptr<ResultSet> (*make)()) {
  return set_result(stmt, make());
}

}  // namespace dynamosql::odbc
