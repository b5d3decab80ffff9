// The four ODBC handle types, one class each, and the registry that validates handles coming in from
// applications: a pointer that was never allocated here, or was already freed, is SQL_INVALID_HANDLE,
// never dereferenced. Each handle owns its diagnostics and a mutex the call boundary holds.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "driver_log.h"
#include "dynamosql/session.h"
#include "result_set.h"
#include "static_cursor.h"

namespace dynamosql::odbc {

enum class HandleType { Environment, Connection, Statement, Descriptor };

class Handle {
 public:
  explicit Handle(HandleType type) : type_(type) {}
  virtual ~Handle() = default;
  HandleType type() const { return type_; }
  Diagnostics diag;
  std::recursive_mutex mutex;

 private:
  HandleType type_;
};

class Statement;
class Connection;

class Environment : public Handle {
 public:
  Environment() : Handle(HandleType::Environment) {}
  SQLINTEGER odbc_version = SQL_OV_ODBC3;
  std::vector<Connection*> connections;
};

class Descriptor : public Handle {
 public:
  // Implicit descriptors of a statement (ARD, APD, IRD, IPD); the driver exposes them as handles so
  // driver managers can ask for them, but applications set bindings through SQLBindCol/SQLBindParameter.
  Descriptor(Statement* owner, SQLINTEGER kind) : Handle(HandleType::Descriptor), owner(owner), kind(kind) {}
  Statement* owner;
  SQLINTEGER kind;
};

class Connection : public Handle {
 public:
  explicit Connection(Environment* env) : Handle(HandleType::Connection), env(env) {}
  Environment* env;
  std::unique_ptr<Session> session;  // null until connected
  std::vector<Statement*> statements;
  DriverLog log;
  std::string dsn;
  std::string connection_string;  // completed, as SQLDriverConnect returns it
  bool autocommit = true;
  SQLUINTEGER login_timeout = 0;
  SQLUINTEGER connection_timeout = 0;
  SQLUINTEGER access_mode = SQL_MODE_READ_WRITE;
  SQLUINTEGER txn_isolation = SQL_TXN_SERIALIZABLE;
  SQLUINTEGER metadata_id = SQL_FALSE;
  SQLULEN packet_size = 0;
  size_t static_cursor_memory = 0;  // bytes of rows a static cursor keeps in memory (StaticCursorMemoryMB)
  int number_scale = kDefaultNumberScale;  // NumberScale: see describe_sql_type

  bool connected() const { return session != nullptr; }
  Session& require_session();
};

struct ColumnBinding {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  void* data = nullptr;
  SQLLEN buffer_length = 0;
  SQLLEN* indicator = nullptr;
};

struct ParameterBinding {
  SQLSMALLINT io_type = SQL_PARAM_INPUT;
  SQLSMALLINT c_type = SQL_C_CHAR;
  SQLSMALLINT sql_type = SQL_VARCHAR;
  SQLULEN column_size = 0;
  SQLSMALLINT decimal_digits = 0;
  void* data = nullptr;
  SQLLEN buffer_length = 0;
  SQLLEN* indicator = nullptr;
};

class Statement : public Handle {
 public:
  explicit Statement(Connection* dbc);
  ~Statement() override;
  Connection* dbc;

  enum class State { Allocated, Prepared, Executed, NeedData };
  State state = State::Allocated;
  std::string sql;  // after ODBC escape translation
  std::unique_ptr<PreparedStatement> prepared;
  std::vector<ResultColumn> prepared_columns;  // described on demand after SQLPrepare
  bool prepared_columns_known = false;
  std::vector<ResultColumn> prepared_parameters;  // described on demand after SQLPrepare
  std::unique_ptr<ResultSet> result;  // null: no result set (writes, DDL) or none yet
  // With SQL_CURSOR_STATIC: the rows of `result` kept for scrolling, and where the cursor is.
  std::unique_ptr<StaticCursor> static_rows;
  CursorPosition position;
  SQLLEN rows_affected = -1;

  // The current row (the last row of the last rowset) for SQLGetData.
  Row current;
  bool has_current = false;
  SQLUSMALLINT getdata_column = 0;
  size_t getdata_offset = 0;
  SQLULEN rows_returned = 0;  // for SQL_ATTR_MAX_ROWS

  std::map<SQLUSMALLINT, ColumnBinding> columns;     // 1-based
  std::map<SQLUSMALLINT, ParameterBinding> parameters;  // 1-based

  // Data at execution: parameters still waiting for SQLPutData, and what arrived so far.
  std::vector<SQLUSMALLINT> pending_data;
  size_t pending_position = 0;
  std::map<SQLUSMALLINT, std::string> put_data;
  std::vector<SQLUSMALLINT> put_data_nulls;
  SQLUSMALLINT put_data_current = 0;

  // Attributes.
  SQLULEN row_array_size = 1;
  SQLULEN row_bind_type = SQL_BIND_BY_COLUMN;
  SQLLEN* row_bind_offset = nullptr;
  SQLULEN* rows_fetched = nullptr;
  SQLUSMALLINT* row_status = nullptr;
  SQLULEN paramset_size = 1;
  SQLULEN param_bind_type = SQL_PARAM_BIND_BY_COLUMN;
  SQLLEN* param_bind_offset = nullptr;
  SQLULEN* params_processed = nullptr;
  SQLUSMALLINT* param_status = nullptr;
  SQLULEN max_rows = 0;
  SQLULEN max_length = 0;
  SQLULEN query_timeout = 0;
  SQLULEN cursor_type = SQL_CURSOR_FORWARD_ONLY;
  SQLULEN concurrency = SQL_CONCUR_READ_ONLY;
  SQLULEN noscan = SQL_NOSCAN_OFF;
  SQLULEN retrieve_data = SQL_RD_ON;
  SQLULEN use_bookmarks = SQL_UB_OFF;
  SQLULEN metadata_id = SQL_FALSE;
  std::string cursor_name;

  Descriptor app_row_desc{this, SQL_ATTR_APP_ROW_DESC};
  Descriptor app_param_desc{this, SQL_ATTR_APP_PARAM_DESC};
  Descriptor imp_row_desc{this, SQL_ATTR_IMP_ROW_DESC};
  Descriptor imp_param_desc{this, SQL_ATTR_IMP_PARAM_DESC};

  // Result columns of what is executed or prepared; throws 07005 with neither.
  const std::vector<ResultColumn>& result_columns();
  // What the prepared statement expects at parameter `number` (from 1, at most its parameter count) as
  // SQLDescribeParam reports it: see describe_parameter().
  const ResultColumn& parameter_description(SQLUSMALLINT number);
  // Makes `rows` the open cursor: scrollable when SQL_ATTR_CURSOR_TYPE is SQL_CURSOR_STATIC.
  void open_cursor(std::unique_ptr<ResultSet> rows);
  void close_cursor();
};

// Registry: every live handle, so incoming pointers can be checked before use.
void register_handle(Handle* h);
void unregister_handle(Handle* h);
// The handle if `raw` is a live handle of type T, else nullptr.
template <class T>
T* lookup(void* raw);

}  // namespace dynamosql::odbc
