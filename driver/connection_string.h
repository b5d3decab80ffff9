// Connection strings (SQLDriverConnect) and DSN entries (odbc.ini). Keys are case-insensitive;
// values may be wrapped in braces to hold ';' or '=' ("SecretAccessKey={a;b}").
//
// Keys: DSN and Driver, every setting with an ODBC key in the engine's settings table (Endpoint,
// Region, credentials, ScanSegments, ...), and the driver's own LogLevel, LogFile,
// StaticCursorMemoryMB and NumberScale (driver_keys()).
// Without keys the engine uses the AWS default chain (environment, ~/.aws files, credential_process).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "dynamosql/session.h"
#include "result_set.h"

namespace dynamosql::odbc {

// In order of appearance; names as written.
using ConnectionKeys = std::vector<std::pair<std::string, std::string>>;

// Throws Error 08001 on a malformed string (an unclosed brace).
ConnectionKeys parse_connection_string(const std::string& text);
std::string format_connection_string(const ConnectionKeys& keys);
// A key whose value never reaches the log (SecretAccessKey, PWD, SessionToken).
bool is_secret_key(const std::string& name);
// The driver's own keys (LogLevel, LogFile, StaticCursorMemoryMB, NumberScale), described and
// validated as the engine's settings are.
const std::vector<SettingInfo>& driver_keys();
// The value of a key (case-insensitive), or nullptr.
const std::string* find_key(const ConnectionKeys& keys, const std::string& name);
// Sets (replacing any same-named key) or appends.
void set_key(ConnectionKeys& keys, const std::string& name, const std::string& value);
// The keys of a DSN from odbc.ini (user and system), via odbcinst; empty when the DSN does not exist.
ConnectionKeys read_dsn(const std::string& dsn);

inline constexpr int64_t kDefaultStaticCursorMemoryMB = 256;

struct DriverSettings {
  SessionSettings session;
  int log_level = 0;
  std::string log_file;
  int64_t static_cursor_memory_mb = kDefaultStaticCursorMemoryMB;  // see RowStore
  int number_scale = kDefaultNumberScale;  // see describe_sql_type
};
// Throws Error 08001 for a value that is not valid for its key (ScanSegments=abc), with the settings
// table's message naming the key and its range.
DriverSettings settings_from_keys(const ConnectionKeys& keys);

}  // namespace dynamosql::odbc
