// A session's settings, and the one table that describes every one of them: its name, type, default,
// limits and description, and the ODBC connection key and console flag that also set it. SET, SHOW,
// SHOW ALL, the ODBC driver's DSN and connection-string keys and the console's flags all read this
// table and validate through parse_setting(), so a setting has the same limits and the same message
// everywhere. Adding a setting is a field in SessionSettings plus one entry in engine/api/settings.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dynamosql/connection.h"

namespace dynamosql {

// The fields behind the settings table; defaults come from the table (the constructor applies them).
struct SessionSettings {
  SessionSettings();

  AwsSettings aws;  // endpoint, region, profile, credentials: fixed when the session starts
  ClientOptions client;
  int scan_segments{};       // parallel Scan segments
  // Restricts statements to segment `scan_segment` of `scan_total_segments` of their first table's
  // parallel scan (0: no restriction), so N processes can split one statement (see the planner).
  int scan_segment{};
  int scan_total_segments{};
  // Lets a restricted statement combine its segment's rows (aggregates, DISTINCT, LIMIT/OFFSET) into
  // that segment's own answer; otherwise such a statement is refused, as its answer would be partial.
  bool segment_partial_results{};
  int schema_sample_size{};  // items sampled to infer a table's columns
  bool infer_dates{};        // type string columns whose sample is all ISO 8601 in one form DATE/TIMESTAMP
  bool consistent_read{};
  bool allow_full_scan{};    // false: refuse statements that would Scan a whole table
  // Stream tables: resume from / save to a named checkpoint; where to start; keep following.
  std::string stream_checkpoint;
  std::string stream_start;  // "trim_horizon" or "latest"
  bool stream_follow{};
  // INSERT and UPSERT save their scan position under this name and resume from it (empty: off).
  std::string scan_checkpoint;
  // Where named checkpoints are kept (streams, COPY FROM, scan checkpoints): "file" (local files) or
  // "dynamodb" (the table dynamosql_checkpoints, which every machine reaching the endpoint shares).
  std::string checkpoint_store;
  // How text written to `_other` is read: "plain" (plain JSON, as the console shows `_other`) or
  // "dynamodb" (DynamoDB JSON first, as the ODBC driver shows it, else plain JSON).
  std::string other_json;
  // Caps on every write of INSERT, UPSERT, UPDATE, DELETE, COMMIT and COPY FROM (0: none): items per
  // second and write capacity units per second, so a migration can run beside production traffic.
  double write_rows_per_second{};
  double write_units_per_second{};
  // Caps on every read of SELECT, COPY TO, INSERT/UPSERT ... SELECT, UPDATE and DELETE (0: none): items
  // DynamoDB reads per second (stream records too) and read capacity units per second, across all the
  // segments of a statement; and a budget of read units per statement (see exec/read_pacer.h).
  double read_rows_per_second{};
  double read_units_per_second{};
  double max_read_units{};
  // What one statement may hold in memory to sort, group, DISTINCT, compute window functions and
  // join (estimated bytes of its rows), in MB; past it the statement fails with 53200 (0: no limit).
  int work_memory_mb{};
  // How many times a WITH RECURSIVE query's recursive term may run; past it the statement fails with
  // 54001 (0: no limit).
  int max_recursion{};
  // Past work_memory_mb, ORDER BY writes sorted runs and GROUP BY, DISTINCT and UNION partitions to
  // temporary files in temp_directory (empty: $TMPDIR, else /tmp) unless spill_to_disk is false; a
  // statement's files may hold temp_file_limit_mb at once (0: no limit).
  bool spill_to_disk{};
  std::string temp_directory;
  int temp_file_limit_mb{};
};

enum class SettingType {
  Boolean,  // true/false, on/off, yes/no, 1/0 (any case)
  Integer,  // a whole number within [min, max]
  Number,   // a decimal number within [min, max] (a rate, not data)
  Text,     // any text, checked by the setting's own check when it has one
  Choice,   // one of `choices`, any case
};

enum class SettingKind {
  Session,     // SET changes it, SHOW shows it
  Connection,  // given when connecting (ODBC key, console flag); SHOW shows it, SET cannot change it
  Credential,  // given when connecting; never shown
};

// A setting's value, typed as its SettingType says: Boolean -> bool, Integer -> int64_t, Number ->
// double, Text and Choice -> std::string.
using SettingValue = std::variant<bool, int64_t, double, std::string>;

// Where the value lives in SessionSettings.
using SettingField = std::variant<bool SessionSettings::*, int SessionSettings::*, double SessionSettings::*,
                                  std::string SessionSettings::*, std::optional<std::string> AwsSettings::*>;

struct SettingInfo {
  std::string name;  // as SET and SHOW spell it
  SettingType type = SettingType::Text;
  SettingKind kind = SettingKind::Session;
  std::string default_text;  // as SHOW prints it; empty for none
  int64_t min = 0, max = 0;  // Integer and Number
  std::vector<std::string> choices;  // Choice
  void (*check)(const std::string& text) = nullptr;  // Text: throws Error 22023 for a bad value...
  std::string text_format;                           // ...and says what a good one is ("a plain name")
  std::string description;
  std::string odbc_key;    // DSN / connection-string key; empty when none
  std::string odbc_alias;  // a second key meaning the same (UID, PWD)
  bool secret = false;     // masked in logs
  std::string console_flag;      // "--scan-segments"; empty when none
  std::string console_argument;  // the flag's argument in usage ("N"); empty: the flag takes none...
  std::string console_value;     // ...and means this value ("false" for --no-full-scan)
  std::string console_help;      // the flag's line in usage
  SettingField field;
};

// Every setting, in the order SHOW ALL and the README list them.
const std::vector<SettingInfo>& settings_table();
// By name (case-insensitive); nullptr when there is none.
const SettingInfo* find_setting(const std::string& name);
// By name, or Error 22023 naming the settings there are.
const SettingInfo& setting_named(const std::string& name);
// By ODBC key or its alias (case-insensitive); nullptr when there is none.
const SettingInfo* find_setting_by_odbc_key(const std::string& key);

// The one validation path: `text` as a value of `setting`. Throws Error 22023 "<label> must be
// <requirement>", where the label is the name the user wrote it under (setting name, ODBC key, flag).
SettingValue parse_setting(const SettingInfo& setting, const std::string& text, const std::string& label);
// What a valid value looks like: "an integer from 1 to 1000", "true or false", "'a' or 'b'".
std::string setting_requirement(const SettingInfo& setting);
// Stores a value parse_setting returned for `setting`.
void store_setting(SessionSettings& settings, const SettingInfo& setting, const SettingValue& value);
// parse_setting, then store_setting.
void apply_setting(SessionSettings& settings, const SettingInfo& setting, const std::string& text, const std::string& label);
// The value as SHOW prints it.
std::string setting_text(const SessionSettings& settings, const SettingInfo& setting);

}  // namespace dynamosql
