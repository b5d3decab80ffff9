// Connection strings and DSNs; see connection_string.h.
#include "connection_string.h"

#include <odbcinst.h>
#include <strings.h>

#include <cstdlib>

#include "common/error.h"

namespace dynamosql::odbc {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool equals_ignore_case(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strcasecmp(a.c_str(), b.c_str()) == 0;
}

int integer_setting(const std::string& name, const std::string& value, int min, int max) {
  char* end = nullptr;
  long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || v < min || v > max)
    throw Error(sqlstate::kUnableToConnect, name + "=" + value + " is not a whole number from " + std::to_string(min) +
                                               " to " + std::to_string(max));
  return static_cast<int>(v);
}

bool boolean_setting(const std::string& name, const std::string& value) {
  for (const char* t : {"1", "true", "yes", "on"})
    if (equals_ignore_case(value, t)) return true;
  for (const char* f : {"0", "false", "no", "off"})
    if (equals_ignore_case(value, f)) return false;
  throw Error(sqlstate::kUnableToConnect, name + "=" + value + " is not a boolean (true/false, 1/0, yes/no)");
}

}  // namespace

ConnectionKeys parse_connection_string(const std::string& text) {
  ConnectionKeys keys;
  size_t i = 0;
  while (i < text.size()) {
    size_t eq = text.find('=', i);
    size_t semi = text.find(';', i);
    if (eq == std::string::npos || (semi != std::string::npos && semi < eq)) {
      // A bare word without '=' (or an empty segment): skip it.
      if (semi == std::string::npos) break;
      i = semi + 1;
      continue;
    }
    std::string name = trim(text.substr(i, eq - i));
    size_t v = eq + 1;
    while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
    std::string value;
    if (v < text.size() && text[v] == '{') {
      size_t close = v + 1;
      for (;; ++close) {
        if (close >= text.size()) throw Error(sqlstate::kUnableToConnect, "connection string: value of " + name + " has no closing '}'");
        if (text[close] == '}') {
          if (close + 1 < text.size() && text[close + 1] == '}') {  // "}}" is a literal brace
            value += '}';
            ++close;
            continue;
          }
          break;
        }
        value += text[close];
      }
      i = text.find(';', close);
      i = i == std::string::npos ? text.size() : i + 1;
    } else {
      size_t end = text.find(';', v);
      value = trim(text.substr(v, end == std::string::npos ? std::string::npos : end - v));
      i = end == std::string::npos ? text.size() : end + 1;
    }
    if (!name.empty()) set_key(keys, name, value);
  }
  return keys;
}

std::string format_connection_string(const ConnectionKeys& keys) {
  std::string out;
  for (const auto& [name, value] : keys) {
    out += name + "=";
    if (value.find_first_of(";{}= ") != std::string::npos) {
      out += '{';
      for (char c : value) {
        out += c;
        if (c == '}') out += '}';
      }
      out += '}';
    } else {
      out += value;
    }
    out += ';';
  }
  return out;
}

bool is_secret_key(const std::string& name) {
  return equals_ignore_case(name, "SecretAccessKey") || equals_ignore_case(name, "PWD") ||
         equals_ignore_case(name, "SessionToken");
}

const std::string* find_key(const ConnectionKeys& keys, const std::string& name) {
  for (const auto& [k, v] : keys)
    if (equals_ignore_case(k, name)) return &v;
  return nullptr;
}

void set_key(ConnectionKeys& keys, const std::string& name, const std::string& value) {
  for (auto& [k, v] : keys)
    if (equals_ignore_case(k, name)) {
      v = value;
      return;
    }
  keys.emplace_back(name, value);
}

ConnectionKeys read_dsn(const std::string& dsn) {
  ConnectionKeys keys;
  if (dsn.empty()) return keys;
  std::string names(8192, '\0');
  int n = SQLGetPrivateProfileString(dsn.c_str(), nullptr, "", names.data(), static_cast<int>(names.size()), "odbc.ini");
  if (n <= 0) return keys;
  names.resize(static_cast<size_t>(n));
  for (size_t start = 0; start < names.size();) {
    size_t end = names.find('\0', start);
    if (end == std::string::npos) end = names.size();
    std::string key = names.substr(start, end - start);
    start = end + 1;
    if (key.empty()) continue;
    std::string value(4096, '\0');
    int len = SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), "", value.data(), static_cast<int>(value.size()), "odbc.ini");
    value.resize(len > 0 ? static_cast<size_t>(len) : 0);
    set_key(keys, key, trim(value));
  }
  return keys;
}

DriverSettings settings_from_keys(const ConnectionKeys& keys) {
  DriverSettings s;
  auto& aws = s.session.aws;
  for (const auto& [name, value] : keys) {
    if (value.empty()) continue;
    if (equals_ignore_case(name, "Endpoint")) aws.endpoint = value;
    else if (equals_ignore_case(name, "Region")) aws.region = value;
    else if (equals_ignore_case(name, "Profile")) aws.profile = value;
    else if (equals_ignore_case(name, "AccessKeyId") || equals_ignore_case(name, "UID")) aws.access_key_id = value;
    else if (equals_ignore_case(name, "SecretAccessKey") || equals_ignore_case(name, "PWD")) aws.secret_access_key = value;
    else if (equals_ignore_case(name, "SessionToken")) aws.session_token = value;
    else if (equals_ignore_case(name, "ScanSegments")) s.session.scan_segments = integer_setting(name, value, 1, 1000000);
    else if (equals_ignore_case(name, "ScanSegment")) s.session.scan_segment = integer_setting(name, value, 0, 999999);
    else if (equals_ignore_case(name, "ScanTotalSegments")) s.session.scan_total_segments = integer_setting(name, value, 0, 1000000);
    else if (equals_ignore_case(name, "SchemaSampleSize")) s.session.schema_sample_size = integer_setting(name, value, 0, 1000000);
    else if (equals_ignore_case(name, "ConsistentRead")) s.session.consistent_read = boolean_setting(name, value);
    else if (equals_ignore_case(name, "AllowFullScan")) s.session.allow_full_scan = boolean_setting(name, value);
    else if (equals_ignore_case(name, "WriteRowsPerSecond")) s.session.write_rows_per_second = integer_setting(name, value, 0, 100000000);
    else if (equals_ignore_case(name, "WriteUnitsPerSecond")) s.session.write_units_per_second = integer_setting(name, value, 0, 100000000);
    else if (equals_ignore_case(name, "LogLevel")) s.log_level = integer_setting(name, value, 0, 3);
    else if (equals_ignore_case(name, "LogFile")) s.log_file = value;
    // DSN, Driver, Description and keys of other tools are not ours to judge.
  }
  return s;
}

}  // namespace dynamosql::odbc
