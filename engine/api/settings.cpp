// The settings table and its one validation path; see dynamosql/settings.h. To add a setting: a field
// in SessionSettings, an entry below (name, field, limits, default, description; .odbc() and .flag()
// where a DSN key or console flag sets it too), a row in the README's settings table, and its tests.
#include "dynamosql/settings.h"

#include <strings.h>

#include <cstdio>
#include <cstdlib>

#include "checkpoint/checkpoint_store.h"
#include "dynamosql/error.h"
#include "dynamosql/number.h"

namespace dynamosql {
namespace {

// Builds one entry, so the table below reads as a list of sentences.
struct Define {
  SettingInfo info;

  Define(const char* name, SettingType type, SettingField field, const char* default_text, const char* description) {
    info.name = name;
    info.type = type;
    info.field = field;
    info.default_text = default_text;
    info.description = description;
  }
  Define&& range(int64_t min, int64_t max) && {
    info.min = min;
    info.max = max;
    return std::move(*this);
  }
  Define&& choices(std::vector<std::string> choices) && {
    info.choices = std::move(choices);
    return std::move(*this);
  }
  Define&& checked_by(void (*check)(const std::string&), const char* format) && {
    info.check = check;
    info.text_format = format;
    return std::move(*this);
  }
  Define&& kind(SettingKind kind) && {
    info.kind = kind;
    return std::move(*this);
  }
  Define&& odbc(const char* key, const char* alias = "") && {
    info.odbc_key = key;
    info.odbc_alias = alias;
    return std::move(*this);
  }
  Define&& secret() && {
    info.secret = true;
    return std::move(*this);
  }
  // A flag taking an argument (`argument` names it in usage), or, with `means`, a flag taking none.
  Define&& flag(const char* flag, const char* argument, const char* help, const char* means = "") && {
    info.console_flag = flag;
    info.console_argument = argument;
    info.console_help = help;
    info.console_value = means;
    return std::move(*this);
  }
  Define&& switch_flag(const char* flag, const char* means, const char* help) && {
    return std::move(*this).flag(flag, "", help, means);
  }
};

void check_optional_checkpoint_name(const std::string& name) {
  if (!name.empty()) check_checkpoint_name(name);  // throws 22023 for a name that is not plain
}

void check_temp_directory(const std::string& path) {
  if (!path.empty() && path[0] != '/')
    throw Error(sqlstate::kInvalidParameter, "temp_directory must be an absolute path, or '' for $TMPDIR");
}

std::vector<SettingInfo> build_table() {
  using S = SessionSettings;
  using T = SettingType;
  Define entries[] = {
      Define("scan_segments", T::Integer, &S::scan_segments, "4",
             "parallel Scan segments, each read by its own thread")
          .range(1, 1000)
          .odbc("ScanSegments")
          .flag("--scan-segments", "N", "parallel Scan segments (default 4)"),
      Define("scan_segment", T::Integer, &S::scan_segment, "0",
             "run statements over this segment (0 to scan_total_segments - 1) of their first table's scan (see Scale-out)")
          .range(0, 999999)
          .odbc("ScanSegment")
          .flag("--scan-segment", "S",
                "run statements over segment S (0 to N-1) of N of their first table's\n"
                "scan, so N processes share one statement (SET scan_segment ...)"),
      Define("scan_total_segments", T::Integer, &S::scan_total_segments, "0",
             "the number of segments scan_segment chooses from (0: statements read whole tables)")
          .range(0, 1000000)
          .odbc("ScanTotalSegments")
          .flag("--scan-total-segments", "N", "the N of --scan-segment"),
      Define("segment_partial_results", T::Boolean, &S::segment_partial_results, "false",
             "true lets a statement restricted to a segment aggregate, DISTINCT or LIMIT that segment's rows alone; "
             "false refuses it (42000), as its answer would be partial")
          .odbc("SegmentPartialResults")
          .switch_flag("--segment-partial-results", "true",
                       "with --scan-segment: aggregates, DISTINCT and LIMIT answer for that\n"
                       "segment alone (refused otherwise, as the answer would be partial)"),
      Define("schema_sample_size", T::Integer, &S::schema_sample_size, "100",
             "items sampled per table to infer its columns (0: the key columns only)")
          .range(0, 1000000)
          .odbc("SchemaSampleSize"),
      Define("infer_dates", T::Boolean, &S::infer_dates, "true",
             "type an inferred string column DATE or TIMESTAMP when every sampled value is ISO 8601 text in one "
             "fixed form (2026-01-31, 2026-01-31T10:20:30Z); false leaves such columns VARCHAR")
          .odbc("InferDates")
          .switch_flag("--no-infer-dates", "false", "leave ISO 8601 date columns VARCHAR (SET infer_dates false)"),
      Define("consistent_read", T::Boolean, &S::consistent_read, "false", "strongly consistent reads (GetItem, Query, Scan)")
          .odbc("ConsistentRead"),
      Define("allow_full_scan", T::Boolean, &S::allow_full_scan, "true",
             "false refuses statements that would Scan a whole table (SQLSTATE 42000)")
          .odbc("AllowFullScan")
          .switch_flag("--no-full-scan", "false", "refuse statements that would scan a whole table"),
      Define("write_rows_per_second", T::Number, &S::write_rows_per_second, "0",
             "items written per second by INSERT, UPSERT, UPDATE, DELETE, COMMIT and COPY FROM (0: no limit)")
          .range(0, 100000000)
          .odbc("WriteRowsPerSecond"),
      Define("write_units_per_second", T::Number, &S::write_units_per_second, "0",
             "write capacity units per second for the same writes (0: no limit)")
          .range(0, 100000000)
          .odbc("WriteUnitsPerSecond"),
      Define("read_rows_per_second", T::Number, &S::read_rows_per_second, "0",
             "items read per second by SELECT, COPY TO, INSERT/UPSERT ... SELECT, UPDATE, DELETE and stream reads, "
             "across all segments (0: no limit)")
          .range(0, 100000000)
          .odbc("ReadRowsPerSecond")
          .flag("--read-rows-per-second", "N", "hold every read to N items per second (SET read_rows_per_second)"),
      Define("read_units_per_second", T::Number, &S::read_units_per_second, "0",
             "read capacity units per second for the same reads, from the ConsumedCapacity DynamoDB reports (0: no limit)")
          .range(0, 100000000)
          .odbc("ReadUnitsPerSecond")
          .flag("--read-units-per-second", "N", "hold every read to N read capacity units per second"),
      Define("max_read_units", T::Number, &S::max_read_units, "0",
             "read capacity units one statement may use: it fails (SQLSTATE 53400) before the request that "
             "could pass them (0: no budget)")
          .range(0, 1000000000000)
          .odbc("MaxReadUnits")
          .flag("--max-read-units", "N", "fail a statement before it uses more than N read capacity units"),
      Define("work_memory_mb", T::Integer, &S::work_memory_mb, "1024",
             "MB of rows one statement may hold to sort, group, DISTINCT, compute window functions and join; "
             "past it ORDER BY, GROUP BY, DISTINCT, UNION, INTERSECT and EXCEPT go to temporary files (spill_to_disk), the rest fails "
             "(SQLSTATE 53200) rather than exhausting the machine (0: no limit)")
          .range(0, 1048576)
          .odbc("WorkMemoryMB")
          .flag("--work-memory-mb", "N", "MB of rows a statement may hold to sort, group or join (SET work_memory_mb)"),
      Define("max_recursion", T::Integer, &S::max_recursion, "100000",
             "how many times a WITH RECURSIVE query's recursive term may run; past it the statement fails "
             "(SQLSTATE 54001) rather than running on (0: no limit)")
          .range(0, 1000000000)
          .odbc("MaxRecursion"),
      Define("spill_to_disk", T::Boolean, &S::spill_to_disk, "true",
             "ORDER BY past work_memory_mb writes sorted runs to temporary files and merges them; GROUP BY, "
             "DISTINCT, UNION, INTERSECT and EXCEPT write the rows of the groups that do not fit to partition files and group them one "
             "partition at a time; false makes them fail with 53200 instead")
          .odbc("SpillToDisk"),
      Define("temp_directory", T::Text, &S::temp_directory, "",
             "where those temporary files go (created mode 0600 and removed at once, so none outlives its "
             "statement); '' for $TMPDIR, else /tmp")
          .checked_by(check_temp_directory, "an absolute path, or '' for $TMPDIR")
          .odbc("TempDirectory"),
      Define("temp_file_limit_mb", T::Integer, &S::temp_file_limit_mb, "0",
             "MB one statement's temporary files may hold at once; past it the statement fails (SQLSTATE 53400) "
             "(0: no limit)")
          .range(0, 1073741824)
          .odbc("TempFileLimitMB"),
      Define("stream_start", T::Choice, &S::stream_start, "trim_horizon",
             "where stream tables start reading open shards: trim_horizon (all records) or latest (new ones)")
          .choices({"trim_horizon", "latest"}),
      Define("stream_follow", T::Boolean, &S::stream_follow, "false",
             "stream tables: keep reading new records until cancelled or a LIMIT is reached")
          .switch_flag("--follow", "true",
                       "stream tables: keep reading new records until interrupted (like tail -f);\n"
                       "prints JSON lines unless --format says otherwise"),
      Define("stream_checkpoint", T::Text, &S::stream_checkpoint, "",
             "stream tables: resume after the positions saved under this name, and save new ones")
          .checked_by(check_optional_checkpoint_name, "a plain name (no '/', no leading '.'), or '' for none"),
      Define("scan_checkpoint", T::Text, &S::scan_checkpoint, "",
             "INSERT and UPSERT save their scan position under this name and resume from it (see Scale-out)")
          .checked_by(check_optional_checkpoint_name, "a plain name (no '/', no leading '.'), or '' for none")
          .odbc("ScanCheckpoint"),
      Define("checkpoint_store", T::Choice, &S::checkpoint_store, "file",
             "where checkpoints are kept: files on this machine, or the DynamoDB table dynamosql_checkpoints")
          .choices({"file", "dynamodb"})
          .odbc("CheckpointStore"),
      Define("other_json", T::Choice, &S::other_json, "plain",
             "how text written to _other is read: plain JSON (as the console shows _other) or DynamoDB JSON, "
             "each attribute typed (as the ODBC driver shows it; the driver's default)")
          .choices({"plain", "dynamodb"})
          .odbc("OtherJson"),
      Define("endpoint", T::Text, &AwsSettings::endpoint, "",
             "the DynamoDB endpoint (default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, the profile, the region)")
          .kind(SettingKind::Connection)
          .odbc("Endpoint")
          .flag("--endpoint", "URL", "DynamoDB endpoint (default: from AWS_ENDPOINT_URL* or the region)"),
      Define("region", T::Text, &AwsSettings::region, "", "the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)")
          .kind(SettingKind::Connection)
          .odbc("Region")
          .flag("--region", "R", "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)"),
      Define("profile", T::Text, &AwsSettings::profile, "", "the profile in ~/.aws/credentials and ~/.aws/config")
          .kind(SettingKind::Connection)
          .odbc("Profile")
          .flag("--profile", "P", "profile in ~/.aws/credentials and ~/.aws/config"),
      Define("access_key_id", T::Text, &AwsSettings::access_key_id, "", "the access key (default: the AWS chain)")
          .kind(SettingKind::Credential)
          .odbc("AccessKeyId", "UID"),
      Define("secret_access_key", T::Text, &AwsSettings::secret_access_key, "", "the secret key")
          .kind(SettingKind::Credential)
          .odbc("SecretAccessKey", "PWD")
          .secret(),
      Define("session_token", T::Text, &AwsSettings::session_token, "", "the session token of temporary credentials")
          .kind(SettingKind::Credential)
          .odbc("SessionToken")
          .secret(),
  };
  std::vector<SettingInfo> table;
  for (auto& entry : entries) table.push_back(std::move(entry.info));
  return table;
}

bool equals_ignore_case(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && strcasecmp(a.c_str(), b.c_str()) == 0;
}

std::optional<bool> parse_boolean(const std::string& text) {
  for (const char* t : {"true", "on", "yes", "1"})
    if (equals_ignore_case(text, t)) return true;
  for (const char* f : {"false", "off", "no", "0"})
    if (equals_ignore_case(text, f)) return false;
  return std::nullopt;
}

// A number within the setting's range, exactly compared; nullopt otherwise.
std::optional<Number> number_in_range(const SettingInfo& setting, const std::string& text) {
  auto n = Number::parse(text);
  if (!n || *n < Number(setting.min) || *n > Number(setting.max)) return std::nullopt;
  if (setting.type == SettingType::Integer && !n->is_integer()) return std::nullopt;
  return n;
}

std::string number_text(double value) {
  char text[32];
  snprintf(text, sizeof text, "%.15g", value);
  return text;
}

}  // namespace

SessionSettings::SessionSettings() {
  for (const auto& setting : settings_table())
    if (setting.kind == SettingKind::Session) apply_setting(*this, setting, setting.default_text, setting.name);
}

const std::vector<SettingInfo>& settings_table() {
  static const std::vector<SettingInfo> table = build_table();
  return table;
}

const SettingInfo* find_setting(const std::string& name) {
  for (const auto& setting : settings_table())
    if (equals_ignore_case(setting.name, name)) return &setting;
  return nullptr;
}

const SettingInfo& setting_named(const std::string& name) {
  if (const SettingInfo* setting = find_setting(name)) return *setting;
  std::string known;
  for (const auto& setting : settings_table())
    if (setting.kind == SettingKind::Session) known += (known.empty() ? "" : ", ") + setting.name;
  throw Error(sqlstate::kInvalidParameter, "unknown setting \"" + name + "\" (" + known + ")");
}

const SettingInfo* find_setting_by_odbc_key(const std::string& key) {
  for (const auto& setting : settings_table())
    if (equals_ignore_case(setting.odbc_key, key) || equals_ignore_case(setting.odbc_alias, key)) return &setting;
  return nullptr;
}

std::string setting_requirement(const SettingInfo& setting) {
  switch (setting.type) {
    case SettingType::Boolean: return "true or false";
    case SettingType::Integer:
      return "an integer from " + std::to_string(setting.min) + " to " + std::to_string(setting.max);
    case SettingType::Number: return "a number from " + std::to_string(setting.min) + " to " + std::to_string(setting.max);
    case SettingType::Text: return setting.text_format.empty() ? "any text" : setting.text_format;
    case SettingType::Choice: {
      std::string out;
      for (size_t i = 0; i < setting.choices.size(); ++i)
        out += (i == 0 ? "" : i + 1 == setting.choices.size() ? " or " : ", ") + ("'" + setting.choices[i] + "'");
      return out;
    }
  }
  return "";
}

SettingValue parse_setting(const SettingInfo& setting, const std::string& text, const std::string& label) {
  auto invalid = [&] { return Error(sqlstate::kInvalidParameter, label + " must be " + setting_requirement(setting)); };
  switch (setting.type) {
    case SettingType::Boolean:
      if (auto b = parse_boolean(text)) return *b;
      throw invalid();
    case SettingType::Integer:
      if (auto n = number_in_range(setting, text)) return *n->to_int64();
      throw invalid();
    case SettingType::Number:
      if (auto n = number_in_range(setting, text)) {
        // A rate: double is exact enough. One too small for a double (1E-400) is refused, not read as 0,
        // which would mean "no limit".
        double rate = std::strtod(n->to_string().c_str(), nullptr);
        if (rate > 0 || n->is_zero()) return rate;
      }
      throw invalid();
    case SettingType::Choice:
      for (const auto& choice : setting.choices)
        if (equals_ignore_case(choice, text)) return choice;
      throw invalid();
    case SettingType::Text:
      if (setting.check) setting.check(text);
      return text;
  }
  throw invalid();
}

void apply_setting(SessionSettings& settings, const SettingInfo& setting, const std::string& text, const std::string& label) {
  store_setting(settings, setting, parse_setting(setting, text, label));
}

void store_setting(SessionSettings& settings, const SettingInfo& setting, const SettingValue& value) {
  std::visit(
      [&](auto member) {
        using Member = decltype(member);
        if constexpr (std::is_same_v<Member, bool SessionSettings::*>) settings.*member = std::get<bool>(value);
        else if constexpr (std::is_same_v<Member, int SessionSettings::*>) settings.*member = static_cast<int>(std::get<int64_t>(value));
        else if constexpr (std::is_same_v<Member, double SessionSettings::*>) settings.*member = std::get<double>(value);
        else if constexpr (std::is_same_v<Member, std::string SessionSettings::*>) settings.*member = std::get<std::string>(value);
        else settings.aws.*member = std::get<std::string>(value);
      },
      setting.field);
}

std::string setting_text(const SessionSettings& settings, const SettingInfo& setting) {
  return std::visit(
      [&](auto member) -> std::string {
        using Member = decltype(member);
        if constexpr (std::is_same_v<Member, bool SessionSettings::*>) return settings.*member ? "true" : "false";
        else if constexpr (std::is_same_v<Member, int SessionSettings::*>) return std::to_string(settings.*member);
        else if constexpr (std::is_same_v<Member, double SessionSettings::*>) return number_text(settings.*member);
        else if constexpr (std::is_same_v<Member, std::string SessionSettings::*>) return settings.*member;
        else return settings.aws.*member ? *(settings.aws.*member) : "";
      },
      setting.field);
}

}  // namespace dynamosql
