// The settings table without a server: every setting has one set of limits and messages whether it
// comes from SET, an ODBC connection key or a console flag; SHOW and SHOW ALL print what SET stored and
// never a credential; and the README's settings table, ODBC keys and console flags match the table
// (DYNAMOSQL_README_RECORD=1 rewrites the README's table from it, to be reviewed like golden files).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "api/session.h"
#include "connection_string.h"
#include "dynamosql/error.h"

using namespace dynamosql;

namespace {

// A session that never connects: SET and SHOW need no server.
SessionSettings offline_settings() {
  SessionSettings s;
  s.aws.endpoint = "http://127.0.0.1:9";
  s.aws.region = "eu-west-3";
  s.aws.access_key_id = "AKIDEXAMPLE";
  s.aws.secret_access_key = "TopSecretValue42";
  return s;
}

std::string show(Session& session, const std::string& name) {
  auto rows = session.execute("SHOW " + name)->fetch_all();
  REQUIRE(rows.size() == 1);
  return rows[0][0].text();
}

// The SQLSTATE and message `run` fails with.
template <typename Run>
std::pair<std::string, std::string> failure(Run run) {
  try {
    run();
  } catch (const Error& e) {
    return {e.sqlstate(), e.what()};
  }
  return {"", "no error"};
}

std::string set_failure_message(Session& session, const std::string& sql) {
  auto [state, message] = failure([&] { session.execute(sql); });
  CHECK(state == "22023");
  return message;
}

std::string odbc_failure_message(const std::string& key, const std::string& value) {
  auto [state, message] = failure([&] { odbc::settings_from_keys({{key, value}}); });
  CHECK(state == "08001");
  return message;
}

// Values just inside and just outside the range of an Integer or Number setting.
std::vector<std::string> accepted_values(const SettingInfo& s) { return {std::to_string(s.min), std::to_string(s.max)}; }
std::vector<std::string> refused_values(const SettingInfo& s) {
  std::vector<std::string> out = {std::to_string(s.min - 1), std::to_string(s.max + 1), "'many'"};
  if (s.type == SettingType::Integer) out.push_back(std::to_string(s.min) + ".5");
  if (s.type == SettingType::Number && s.min == 0) out.push_back("1E-400");  // positive, but no double holds it
  return out;
}

std::string read_readme() {
  std::ifstream in(DYNAMOSQL_README);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_readme(const std::string& text) {
  std::ofstream out(DYNAMOSQL_README);
  out << text;
  REQUIRE(out);
}

// The README's table of settings, as the settings table says it must read.
std::string expected_readme_table() {
  std::string out = "| Setting | Default | Values | ODBC key | Console flag | What it does |\n|---|---|---|---|---|---|\n";
  for (const auto& s : settings_table()) {
    if (s.kind == SettingKind::Credential) continue;
    bool session = s.kind == SettingKind::Session;
    std::string flag = s.console_flag.empty() ? "" : "`" + s.console_flag + (s.console_argument.empty() ? "" : " " + s.console_argument) + "`";
    out += "| `" + s.name + "` | " + (session ? s.default_text : "") + " | " +
           (session ? setting_requirement(s) : "fixed when connecting") + " | " +
           (s.odbc_key.empty() ? "" : "`" + s.odbc_key + "`") + " | " + flag + " | " + s.description + " |\n";
  }
  return out;
}

// The README paragraph or block that starts with `start`, up to the next blank line.
std::string readme_part(const std::string& readme, const std::string& start) {
  size_t at = readme.find(start);
  REQUIRE(at != std::string::npos);
  return readme.substr(at, readme.find("\n\n", at) - at + 1);
}

}  // namespace

TEST_CASE("settings: every default is valid and is what a new session shows", "[settings]") {
  SessionSettings fresh;
  for (const auto& s : settings_table()) {
    if (s.kind != SettingKind::Session) continue;
    INFO(s.name);
    CHECK_NOTHROW(parse_setting(s, s.default_text, s.name));
    CHECK(setting_text(fresh, s) == s.default_text);
    CHECK(&setting_named(s.name) == &s);
    if (!s.odbc_key.empty()) CHECK(find_setting_by_odbc_key(s.odbc_key) == &s);
  }
}

TEST_CASE("settings: SET and the ODBC keys take the same range, with the same message", "[settings]") {
  Session session(offline_settings());
  for (const auto& s : settings_table()) {
    if (s.type != SettingType::Integer && s.type != SettingType::Number) continue;
    INFO(s.name);
    for (const auto& value : accepted_values(s)) {
      session.execute("SET " + s.name + " = " + value);
      CHECK(show(session, s.name) == value);
      if (!s.odbc_key.empty()) {
        SessionSettings from_key = odbc::settings_from_keys({{s.odbc_key, value}}).session;
        CHECK(setting_text(from_key, s) == value);
      }
    }
    const std::string requirement = " must be " + setting_requirement(s);
    for (const auto& value : refused_values(s)) {
      INFO(value);
      CHECK(set_failure_message(session, "SET " + s.name + " = " + value) == s.name + requirement);
      if (!s.odbc_key.empty()) {
        std::string text = value.front() == '\'' ? value.substr(1, value.size() - 2) : value;
        CHECK(odbc_failure_message(s.odbc_key, text) == s.odbc_key + requirement);
      }
    }
  }
  // The ranges that differed between the paths before there was one table.
  CHECK(setting_requirement(setting_named("scan_segments")) == "an integer from 1 to 1000");
  CHECK(setting_requirement(setting_named("schema_sample_size")) == "an integer from 0 to 1000000");
}

TEST_CASE("settings: booleans, choices and checked text", "[settings]") {
  Session session(offline_settings());
  for (const auto& [text, shown] : std::vector<std::pair<std::string, std::string>>{
           {"true", "true"}, {"OFF", "false"}, {"'yes'", "true"}, {"0", "false"}}) {
    session.execute("SET consistent_read = " + text);
    CHECK(show(session, "consistent_read") == shown);
  }
  CHECK(set_failure_message(session, "SET consistent_read = 'maybe'") == "consistent_read must be true or false");
  CHECK(odbc_failure_message("AllowFullScan", "maybe") == "AllowFullScan must be true or false");

  session.execute("SET stream_start = LATEST");
  CHECK(show(session, "stream_start") == "latest");
  CHECK(set_failure_message(session, "SET stream_start = 'yesterday'") ==
        "stream_start must be 'trim_horizon' or 'latest'");

  session.execute("SET stream_checkpoint = 'replica'");
  CHECK(show(session, "stream_checkpoint") == "replica");
  set_failure_message(session, "SET stream_checkpoint = '../escape'");
  session.execute("SET stream_checkpoint = NULL");
  CHECK(show(session, "stream_checkpoint").empty());
}

TEST_CASE("settings: unknown names, connection settings and credentials", "[settings]") {
  Session session(offline_settings());
  std::string unknown = set_failure_message(session, "SET no_such_setting = 1");
  CHECK(unknown.find("unknown setting \"no_such_setting\"") != std::string::npos);
  CHECK(unknown.find("scan_segments") != std::string::npos);

  CHECK(show(session, "region") == "eu-west-3");
  CHECK(show(session, "endpoint") == "http://127.0.0.1:9");
  CHECK(set_failure_message(session, "SET region = 'us-east-1'").find("fixed when the session starts") != std::string::npos);
  CHECK(set_failure_message(session, "SET secret_access_key = 'x'").find("fixed when the session starts") != std::string::npos);
  auto [state, message] = failure([&] { session.execute("SHOW secret_access_key"); });
  CHECK(state == "22023");
  CHECK(message.find("TopSecretValue42") == std::string::npos);

  CHECK(odbc::is_secret_key("secretaccesskey"));
  CHECK(odbc::is_secret_key("PWD"));
  CHECK(odbc::is_secret_key("SessionToken"));
  CHECK_FALSE(odbc::is_secret_key("AccessKeyId"));
  SessionSettings keys = odbc::settings_from_keys({{"UID", "AKID"}, {"pwd", "s3cret"}, {"Region", "ap-south-1"}}).session;
  CHECK(keys.aws.access_key_id == "AKID");
  CHECK(keys.aws.secret_access_key == "s3cret");
  CHECK(keys.aws.region == "ap-south-1");
}

TEST_CASE("settings: SHOW ALL lists every setting but the credentials, with value and description", "[settings]") {
  Session session(offline_settings());
  session.execute("SET write_units_per_second = 250.5");
  auto cursor = session.execute("SHOW ALL");
  REQUIRE(cursor->columns().size() == 3);
  CHECK(cursor->columns()[0].name == "name");
  CHECK(cursor->columns()[1].name == "setting");
  CHECK(cursor->columns()[2].name == "description");
  auto rows = cursor->fetch_all();
  size_t listed = 0;
  for (const auto& s : settings_table()) {
    if (s.kind == SettingKind::Credential) continue;
    INFO(s.name);
    REQUIRE(listed < rows.size());
    const auto& row = rows[listed++];
    CHECK(row[0].text() == s.name);
    CHECK(row[1].text() == show(session, s.name));
    CHECK(row[2].text() == s.description);
  }
  CHECK(listed == rows.size());
  CHECK(show(session, "write_units_per_second") == "250.5");
  for (const auto& row : rows)
    for (const auto& cell : row) CHECK(cell.text().find("TopSecretValue42") == std::string::npos);
}

TEST_CASE("settings: the README lists every setting, ODBC key and console flag the table has", "[settings]") {
  std::string readme = read_readme();
  std::string expected = expected_readme_table();
  std::string table = readme_part(readme, "| Setting | Default |");
  if (std::getenv("DYNAMOSQL_README_RECORD") && table != expected) {  // rewrites it, to be reviewed before committing
    write_readme(readme.replace(readme.find(table), table.size(), expected));
    table = expected;
  }
  INFO("DYNAMOSQL_README_RECORD=1 build/tests/unit_settings writes the table the settings table implies");
  CHECK(table == expected);

  std::string keys = readme_part(readme, "Keys (DSN entries and connection strings");
  for (const auto& s : settings_table()) {
    for (const auto& key : {s.odbc_key, s.odbc_alias})
      if (!key.empty()) CHECK(keys.find("`" + key + "`") != std::string::npos);
  }
  for (const auto& s : odbc::driver_keys()) CHECK(keys.find("`" + s.odbc_key + "`") != std::string::npos);

  std::string synopsis = readme_part(readme, "dynamosql [--endpoint URL]");
  for (const auto& s : settings_table())
    if (!s.console_flag.empty())
      CHECK(synopsis.find(s.console_flag + (s.console_argument.empty() ? "]" : " " + s.console_argument)) != std::string::npos);
}
