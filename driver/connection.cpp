// Environments and connections: allocation, attributes, connecting, SQLGetInfo, transactions.
#include <cstring>

#include <algorithm>

#include "boundary.h"
#include "connection_string.h"
#include "escapes.h"
#include "info.h"
#include "operations.h"

namespace dynamosql::odbc {
namespace {

SQLRETURN put_integer(SQLPOINTER value, SQLUINTEGER v) {
  if (value) std::memcpy(value, &v, sizeof v);
  return SQL_SUCCESS;
}

SQLULEN pointer_value(SQLPOINTER value) { return static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value)); }

// Opens the session and checks that DynamoDB answers: ListTables with Limit 1.
void open_session(Connection& dbc, const ConnectionKeys& keys) {
  if (dbc.connected()) throw Error("08002", "the connection is already open");
  DriverSettings settings = settings_from_keys(keys);
  dbc.log.open(settings.log_level, settings.log_file);
  dbc.log.write(2, "connect " + mask_secrets(format_connection_string(keys)));
  if (dbc.connection_timeout > 0) settings.session.client.timeouts.request_ms = static_cast<long>(dbc.connection_timeout) * 1000;
  try {
    SessionSettings probe = settings.session;
    probe.client.retry.max_attempts = 2;
    if (dbc.login_timeout > 0) probe.client.timeouts.connect_ms = static_cast<long>(dbc.login_timeout) * 1000;
    check_connection(probe);
  } catch (const Error& e) {
    dbc.log.write(1, "connect failed: " + e.describe());
    if (e.sqlstate() == sqlstate::kCommunicationFailure || e.sqlstate() == sqlstate::kTimeout ||
        e.sqlstate().rfind("08", 0) == 0)
      throw Error(sqlstate::kUnableToConnect, std::string("cannot reach DynamoDB: ") + e.what(), e.aws_type());
    throw;
  }
  auto session = std::make_unique<Session>(settings.session);
  if (!dbc.autocommit) session->execute("BEGIN");
  dbc.session = std::move(session);
  dbc.static_cursor_memory = static_cast<size_t>(settings.static_cursor_memory_mb) << 20;
  dbc.number_scale = settings.number_scale;
  dbc.connection_string = format_connection_string(keys);
  dbc.log.write(2, "connected");
}

}  // namespace

SQLRETURN alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
  if (!output) return SQL_ERROR;
  *output = SQL_NULL_HANDLE;
  switch (type) {
    case SQL_HANDLE_ENV: {
      auto* env = new (std::nothrow) Environment();
      if (!env) return SQL_ERROR;
      register_handle(env);
      *output = static_cast<Handle*>(env);
      return SQL_SUCCESS;
    }
    case SQL_HANDLE_DBC:
      return guarded<Environment>(input, [&](Environment& env) {
        auto* dbc = new Connection(&env);
        register_handle(dbc);
        env.connections.push_back(dbc);
        *output = static_cast<Handle*>(dbc);
        return SQL_SUCCESS;
      });
    case SQL_HANDLE_STMT:
      return guarded<Connection>(input, [&](Connection& dbc) {
        if (!dbc.connected()) throw Error("08003", "the connection is not open");
        auto* stmt = new Statement(&dbc);
        register_handle(stmt);
        dbc.statements.push_back(stmt);
        *output = static_cast<Handle*>(stmt);
        return SQL_SUCCESS;
      });
    case SQL_HANDLE_DESC:
      return guarded<Connection>(input, [&](Connection&) -> SQLRETURN {
        throw Error("HYC00", "explicitly allocated descriptors are not supported");
      });
    default:
      return SQL_ERROR;
  }
}

SQLRETURN free_handle(SQLSMALLINT type, SQLHANDLE handle) {
  switch (type) {
    case SQL_HANDLE_ENV: {
      SQLRETURN rc = guarded<Environment>(handle, [](Environment& env) -> SQLRETURN {
        if (!env.connections.empty()) throw Error(sqlstate::kFunctionSequence, "connections are still allocated");
        return SQL_SUCCESS;
      });
      if (rc != SQL_SUCCESS) return rc;
      auto* env = lookup<Environment>(handle);
      unregister_handle(env);
      delete env;
      return SQL_SUCCESS;
    }
    case SQL_HANDLE_DBC: {
      SQLRETURN rc = guarded<Connection>(handle, [](Connection& dbc) -> SQLRETURN {
        if (dbc.connected()) throw Error(sqlstate::kFunctionSequence, "disconnect before freeing the connection");
        return SQL_SUCCESS;
      });
      if (rc != SQL_SUCCESS) return rc;
      auto* dbc = lookup<Connection>(handle);
      auto& list = dbc->env->connections;
      list.erase(std::remove(list.begin(), list.end(), dbc), list.end());
      unregister_handle(dbc);
      delete dbc;
      return SQL_SUCCESS;
    }
    case SQL_HANDLE_STMT: {
      auto* stmt = lookup<Statement>(handle);
      if (!stmt) return SQL_INVALID_HANDLE;
      {
        std::lock_guard<std::recursive_mutex> lock(stmt->dbc->mutex);
        auto& list = stmt->dbc->statements;
        list.erase(std::remove(list.begin(), list.end(), stmt), list.end());
      }
      unregister_handle(stmt);
      delete stmt;
      return SQL_SUCCESS;
    }
    case SQL_HANDLE_DESC:
      return lookup<Descriptor>(handle) ? SQL_ERROR : SQL_INVALID_HANDLE;  // implicit descriptors are not freed
    default:
      return SQL_INVALID_HANDLE;
  }
}

SQLRETURN set_env_attr(Environment& env, SQLINTEGER attribute, SQLPOINTER value) {
  SQLULEN v = pointer_value(value);
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
      if (v != SQL_OV_ODBC2 && v != SQL_OV_ODBC3 && v != SQL_OV_ODBC3_80)
        throw Error("HY024", "ODBC version " + std::to_string(v) + " is not valid");
      env.odbc_version = static_cast<SQLINTEGER>(v);
      return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
      if (v != SQL_TRUE) throw Error("HYC00", "output strings are always null-terminated");
      return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING:
    case SQL_ATTR_CP_MATCH:
      return SQL_SUCCESS;  // pooling is the driver manager's business
    default:
      throw Error("HY092", "environment attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN get_env_attr(Environment& env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER* length) {
  if (length) *length = sizeof(SQLUINTEGER);
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION: return put_integer(value, static_cast<SQLUINTEGER>(env.odbc_version));
    case SQL_ATTR_OUTPUT_NTS: return put_integer(value, SQL_TRUE);
    case SQL_ATTR_CONNECTION_POOLING: return put_integer(value, SQL_CP_OFF);
    case SQL_ATTR_CP_MATCH: return put_integer(value, SQL_CP_STRICT_MATCH);
    default: throw Error("HY092", "environment attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN connect(Connection& dbc, const std::string& dsn, const std::string& user, const std::string& password) {
  ConnectionKeys keys = read_dsn(dsn);
  if (keys.empty() && !dsn.empty() && dsn != "DEFAULT")
    throw Error("IM002", "data source '" + dsn + "' is not in odbc.ini");
  set_key(keys, "DSN", dsn);
  if (!user.empty()) set_key(keys, "AccessKeyId", user);
  if (!password.empty()) set_key(keys, "SecretAccessKey", password);
  dbc.dsn = dsn;
  open_session(dbc, keys);
  return SQL_SUCCESS;
}

SQLRETURN driver_connect(Connection& dbc, const std::string& in, const OutputString& out, SQLSMALLINT* out_length) {
  ConnectionKeys given = parse_connection_string(in);
  ConnectionKeys keys;
  if (const std::string* dsn = find_key(given, "DSN")) {
    keys = read_dsn(*dsn);
    dbc.dsn = *dsn;
  }
  for (const auto& [name, value] : given) set_key(keys, name, value);
  open_session(dbc, keys);
  return put_string(format_connection_string(given), out, out_length, dbc.diag);
}

SQLRETURN disconnect(Connection& dbc) {
  if (!dbc.connected()) throw Error("08003", "the connection is not open");
  for (Statement* stmt : std::vector<Statement*>(dbc.statements)) {
    unregister_handle(stmt);
    delete stmt;
  }
  dbc.statements.clear();
  SQLRETURN rc = SQL_SUCCESS;
  if (dbc.session->in_transaction()) {
    // ODBC: disconnecting with a transaction open is 25000; the writes were never sent.
    dbc.session->execute("ROLLBACK");
    if (!dbc.autocommit) {
      dbc.diag.add("01000", "uncommitted writes were discarded");
      rc = SQL_SUCCESS_WITH_INFO;
    }
  }
  dbc.session.reset();
  dbc.log.write(2, "disconnected");
  return rc;
}

SQLRETURN set_connect_attr(Connection& dbc, SQLINTEGER attribute, SQLPOINTER value, const std::string* text) {
  SQLULEN v = pointer_value(value);
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: {
      bool on = v == SQL_AUTOCOMMIT_ON;
      if (on == dbc.autocommit) return SQL_SUCCESS;
      if (dbc.connected()) {
        // Switching autocommit on commits what is pending; switching it off opens a transaction.
        dbc.session->clear_cancel();
        if (on && dbc.session->in_transaction()) dbc.session->execute("COMMIT");
        if (!on && !dbc.session->in_transaction()) dbc.session->execute("BEGIN");
      }
      dbc.autocommit = on;
      return SQL_SUCCESS;
    }
    case SQL_ATTR_LOGIN_TIMEOUT: dbc.login_timeout = static_cast<SQLUINTEGER>(v); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT: dbc.connection_timeout = static_cast<SQLUINTEGER>(v); return SQL_SUCCESS;
    case SQL_ATTR_ACCESS_MODE: dbc.access_mode = static_cast<SQLUINTEGER>(v); return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION:
      if (v != SQL_TXN_SERIALIZABLE) {
        dbc.diag.add("01S02", "DynamoDB transactions are serializable; isolation stays SERIALIZABLE");
        return SQL_SUCCESS_WITH_INFO;
      }
      return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: dbc.metadata_id = static_cast<SQLUINTEGER>(v); return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE: dbc.packet_size = v; return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG:
      if (text && !text->empty()) throw Error("HYC00", "dynamosql has no catalogs");
      return SQL_SUCCESS;
    case SQL_ATTR_QUIET_MODE:
    case SQL_ATTR_TRACE:
    case SQL_ATTR_TRACEFILE:
    case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION:
    case SQL_ATTR_ODBC_CURSORS:
    case SQL_ATTR_ASYNC_ENABLE:
      if (attribute == SQL_ATTR_ASYNC_ENABLE && v != SQL_ASYNC_ENABLE_OFF) {
        dbc.diag.add("01S02", "asynchronous execution is not supported; it stays off");
        return SQL_SUCCESS_WITH_INFO;
      }
      return SQL_SUCCESS;  // driver-manager attributes
    default:
      throw Error("HY092", "connection attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN get_connect_attr(Connection& dbc, SQLINTEGER attribute, SQLPOINTER value, const OutputString& out,
                           SQLINTEGER* length) {
  auto integer = [&](SQLUINTEGER v) {
    if (length) *length = sizeof v;
    return put_integer(value, v);
  };
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: return integer(dbc.autocommit ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF);
    case SQL_ATTR_LOGIN_TIMEOUT: return integer(dbc.login_timeout);
    case SQL_ATTR_CONNECTION_TIMEOUT: return integer(dbc.connection_timeout);
    case SQL_ATTR_ACCESS_MODE: return integer(dbc.access_mode);
    case SQL_ATTR_TXN_ISOLATION: return integer(dbc.txn_isolation);
    case SQL_ATTR_METADATA_ID: return integer(dbc.metadata_id);
    case SQL_ATTR_ASYNC_ENABLE: return integer(SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_PACKET_SIZE: return integer(static_cast<SQLUINTEGER>(dbc.packet_size));
    case SQL_ATTR_CONNECTION_DEAD: return integer(dbc.connected() ? SQL_CD_FALSE : SQL_CD_TRUE);
    case SQL_ATTR_AUTO_IPD: return integer(SQL_FALSE);
    case SQL_ATTR_CURRENT_CATALOG: return put_string("", out, length, dbc.diag);
    default: throw Error("HY092", "connection attribute " + std::to_string(attribute) + " is not known");
  }
}

SQLRETURN get_info(Connection& dbc, SQLUSMALLINT type, SQLPOINTER value, const OutputString& out, SQLSMALLINT* length) {
  InfoValue info = get_info(dbc, type);
  if (auto* s = std::get_if<std::string>(&info)) return put_string(*s, out, length, dbc.diag);
  auto store = [&](auto v) {
    if (value) std::memcpy(value, &v, sizeof v);
    if (length) *length = sizeof v;
    return SQL_SUCCESS;
  };
  if (auto* v16 = std::get_if<SQLUSMALLINT>(&info)) return store(*v16);
  if (auto* v32 = std::get_if<SQLUINTEGER>(&info)) return store(*v32);
  return store(std::get<SQLULEN>(info));
}

SQLRETURN end_tran(Connection& dbc, SQLSMALLINT completion) {
  if (completion != SQL_COMMIT && completion != SQL_ROLLBACK) throw Error("HY012", "completion type must be COMMIT or ROLLBACK");
  if (!dbc.connected()) throw Error("08003", "the connection is not open");
  Session& session = *dbc.session;
  session.clear_cancel();  // a new request: a cancel of an earlier statement must not stop the COMMIT
  if (session.in_transaction()) {
    dbc.log.write(2, completion == SQL_COMMIT ? "COMMIT" : "ROLLBACK");
    try {
      session.execute(completion == SQL_COMMIT ? "COMMIT" : "ROLLBACK");
    } catch (const Error&) {
      // A failed commit ends the transaction; manual-commit mode opens the next one.
      if (!dbc.autocommit && !session.in_transaction()) session.execute("BEGIN");
      throw;
    }
  }
  if (!dbc.autocommit && !session.in_transaction()) session.execute("BEGIN");
  return SQL_SUCCESS;
}

SQLRETURN native_sql(Connection& dbc, const std::string& in, const OutputString& out, SQLINTEGER* length) {
  return put_string(translate_escapes(in), out, length, dbc.diag);
}

}  // namespace dynamosql::odbc
