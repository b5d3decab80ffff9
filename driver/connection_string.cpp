// Connection strings and DSNs; see connection_string.h.
#include "connection_string.h"

#include <odbcinst.h>
#include <strings.h>

#include <cstdlib>

#include "dynamosql/error.h"

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

// Parses a key's value as the settings table says; a bad value is 08001 with the table's message.
SettingValue key_value(const SettingInfo& setting, const std::string& key, const std::string& value) {
  try {
    return parse_setting(setting, value, key);
  } catch (const Error& e) {
    throw Error(sqlstate::kUnableToConnect, e.what());
  }
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

namespace {

SettingInfo driver_key(const char* name, const char* description) {
  SettingInfo key;
  key.name = key.odbc_key = name;
  key.description = description;
  return key;
}

SettingInfo integer_driver_key(const char* name, int64_t min, int64_t max, int64_t default_value, const char* description) {
  SettingInfo key = driver_key(name, description);
  key.type = SettingType::Integer;
  key.min = min;
  key.max = max;
  key.default_text = std::to_string(default_value);
  return key;
}

}  // namespace

const std::vector<SettingInfo>& driver_keys() {
  static const std::vector<SettingInfo> keys = {
      integer_driver_key("LogLevel", 0, 3, 0, "the driver's log: 0 off, 1 errors, 2 connections and statements, 3 calls"),
      driver_key("LogFile", "where the driver's log goes"),
      integer_driver_key("StaticCursorMemoryMB", 1, 1048576, kDefaultStaticCursorMemoryMB,
                         "megabytes of rows a static (scrollable) cursor keeps in memory; the rest go to a temporary file"),
      integer_driver_key("NumberScale", 0, 38, kDefaultNumberScale,
                         "the fewest decimals a number column is described with: what editors show and keep"),
  };
  return keys;
}

bool is_secret_key(const std::string& name) {
  const SettingInfo* setting = find_setting_by_odbc_key(name);
  return setting && setting->secret;
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
  // The driver shows `_other` as DynamoDB JSON (each attribute typed), so that is how it reads it back
  // (key OtherJson=plain says otherwise).
  s.session.other_json = "dynamodb";
  const SettingInfo& log_level = driver_keys()[0];
  const SettingInfo& log_file = driver_keys()[1];
  const SettingInfo& cursor_memory = driver_keys()[2];
  const SettingInfo& number_scale = driver_keys()[3];
  for (const auto& [name, value] : keys) {
    if (value.empty()) continue;
    if (const SettingInfo* setting = find_setting_by_odbc_key(name)) {
      store_setting(s.session, *setting, key_value(*setting, setting->odbc_key, value));
    } else if (equals_ignore_case(name, log_level.odbc_key)) {
      s.log_level = static_cast<int>(std::get<int64_t>(key_value(log_level, log_level.odbc_key, value)));
    } else if (equals_ignore_case(name, log_file.odbc_key)) {
      s.log_file = value;
    } else if (equals_ignore_case(name, cursor_memory.odbc_key)) {
      s.static_cursor_memory_mb = std::get<int64_t>(key_value(cursor_memory, cursor_memory.odbc_key, value));
    } else if (equals_ignore_case(name, number_scale.odbc_key)) {
      s.number_scale = static_cast<int>(std::get<int64_t>(key_value(number_scale, number_scale.odbc_key, value)));
    }
    // DSN, Driver, Description and keys of other tools are not ours to judge.
  }
  return s;
}

}  // namespace dynamosql::odbc
