// Runs the SQL golden files in tests/sql/*.test against DynamoDB Local through the engine API.
//
// File format (after DuckDB's sqllogictest):
//   # comment
//   load sample                 the console's sample dataset (customers, orders, products)
//   load fixture NAME           tests/sql/fixtures/NAME.jsonl: line 1 a CreateTable request (JSON),
//                               then one item per line in DynamoDB JSON; the table is re-created
//   statement ok                the SQL follows, up to a blank line; optionally a line "----" and the
//                               statement's expected status (timings masked as "in # s (# rows/s)";
//                               a # in the expected status stands for any number)
//   statement error SQLSTATE [TEXT]
//                               it must fail with this SQLSTATE, and its message (as the console prints
//                               it: "ERROR 22018: ... (line:column)") must contain TEXT when given
//   query [rowsort] [types]     the SQL, a line "----", then the expected rows up to a blank line;
//                               values are separated by " | ", NULL prints as NULL, documents as JSON;
//                               rowsort compares the rows sorted (for results without ORDER BY);
//                               types: the first line is the result columns' SQL types (BIGINT | DECIMAL)
//   file PATH                   a line "----", then the file's expected lines up to a blank line
//   truncate PATH BYTES         cuts the file to BYTES, as a download that failed part-way leaves it
// In SQL and paths, __FIXTURES__ is tests/sql/fixtures and __TMP__ a fresh directory for this file
// (also where named checkpoints are kept).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "api/session.h"
#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "sample_data.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;
namespace fs = std::filesystem;

namespace {

std::string render(const Value& v) {
  if (v.is_null_or_missing()) return "NULL";
  if (v.type() == ValueType::String) return v.text();
  return value_to_text(v);
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

void load_fixture(DynamoClient& client, const fs::path& file) {
  auto lines = read_lines(file);
  REQUIRE(!lines.empty());
  rapidjson::Document create;
  create.Parse(lines[0].c_str());
  REQUIRE_FALSE(create.HasParseError());
  std::string table = create["TableName"].GetString();
  try {
    client.delete_table(table);
    client.wait_until_deleted(table, std::chrono::seconds(30));
  } catch (const Error& e) {
    if (e.aws_type() != "ResourceNotFoundException") throw;
  }
  client.call(Api::DynamoDB, "CreateTable", lines[0]);
  client.wait_until_active(table, std::chrono::seconds(30));
  std::vector<WriteRequest> writes;
  auto flush = [&] {
    std::map<std::string, std::vector<WriteRequest>> request{{table, writes}};
    while (!request.empty()) request = client.batch_write_item(request).unprocessed;
    writes.clear();
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    rapidjson::Document item;
    item.Parse(lines[i].c_str());
    INFO(file.filename().string() << " line " << i + 1);
    REQUIRE_FALSE(item.HasParseError());
    writes.push_back({true, item_from_wire(item)});
    if (writes.size() == 25) flush();
  }
  if (!writes.empty()) flush();
}

std::string mask_timings(const std::string& status) {
  static const std::regex timing(R"( in [0-9.]+ s \([0-9]+ rows/s\))");
  return std::regex_replace(status, timing, " in # s (# rows/s)");
}

// The status matches the expected lines, where # stands for any number (or the # of a masked one).
bool status_matches(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  if (actual.size() != expected.size()) return false;
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  for (size_t i = 0; i < actual.size(); ++i) {
    std::string pattern = std::regex_replace(expected[i], special, "\\$&");
    for (size_t at = 0; (at = pattern.find('#', at)) != std::string::npos; at += 12) pattern.replace(at, 1, "(?:[0-9.]+|#)");
    if (!std::regex_match(actual[i], std::regex(pattern))) return false;
  }
  return true;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

// With DYNAMOSQL_SQL_RECORD set, query results are written back into the file (to be reviewed by a
// person before committing, as with DuckDB's record mode); errors' SQLSTATEs likewise.
void run_file(const fs::path& file) {
  const bool record = std::getenv("DYNAMOSQL_SQL_RECORD") != nullptr;
  std::vector<std::string> recorded;
  SessionSettings settings;
  auto aws = testing::local_aws();
  settings.aws.endpoint = aws.endpoint;
  settings.aws.region = aws.region;
  settings.aws.access_key_id = "local";
  settings.aws.secret_access_key = "local";
  Session session(settings);
  fs::path tmp = fs::temp_directory_path() / ("dynamosql-sql-" + std::to_string(::getpid())) / file.stem();
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  ::setenv("DYNAMOSQL_CHECKPOINT_DIR", (tmp / "checkpoints").c_str(), 1);
  auto substitute = [&](std::string text) {
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"__FIXTURES__", (file.parent_path() / "fixtures").string()},
                                   std::pair<std::string, std::string>{"__TMP__", tmp.string()}})
      for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
    return text;
  };
  auto lines = read_lines(file);
  size_t i = 0;
  auto block = [&](size_t from, size_t& end, bool stop_at_dashes) {
    std::string sql;
    end = from;
    while (end < lines.size() && !lines[end].empty() && !(stop_at_dashes && lines[end] == "----")) {
      sql += (sql.empty() ? "" : "\n") + lines[end];
      ++end;
    }
    return sql;
  };
  while (i < lines.size()) {
    const std::string line = lines[i];
    if (line.empty() || line[0] == '#') {
      if (record && !line.empty()) recorded.push_back(line);
      ++i;
      continue;
    }
    size_t directive_start = i;
    std::string where = file.filename().string() + ":" + std::to_string(i + 1);
    INFO(where);
    if (record && line.rfind("load", 0) == 0) recorded.push_back(line);
    if (line == "load sample") {
      load_sample_data(session);
      SessionInternals(session).catalog().invalidate_all();
      ++i;
    } else if (line.rfind("load fixture ", 0) == 0) {
      load_fixture(SessionInternals(session).client(), file.parent_path() / "fixtures" / (line.substr(13) + ".jsonl"));
      SessionInternals(session).catalog().invalidate_all();
      ++i;
    } else if (line == "statement ok") {
      size_t end;
      std::string sql = substitute(block(i + 1, end, true));
      bool has_status = end < lines.size() && lines[end] == "----";
      std::vector<std::string> expected;
      size_t j = end;
      if (has_status)
        for (j = end + 1; j < lines.size() && !lines[j].empty(); ++j) expected.push_back(lines[j]);
      INFO(sql);
      std::vector<std::string> actual;
      try {
        auto cursor = session.execute(sql);
        cursor->fetch_all();
        std::string status = mask_timings(cursor->status());
        for (size_t at; (at = status.find(tmp.string())) != std::string::npos;) status.replace(at, tmp.string().size(), "__TMP__");
        actual = split_lines(status);
      } catch (const Error& e) {
        FAIL("unexpected error: " << e.describe());
      }
      if (record) {
        for (size_t k = i; k < end; ++k) recorded.push_back(lines[k]);
        if (has_status) {
          recorded.push_back("----");
          for (const auto& a : actual) recorded.push_back(a);
        }
        recorded.push_back("");
      } else if (has_status) {
        if (!status_matches(actual, expected)) CHECK(actual == expected);  // fails, showing both
      }
      i = j;
    } else if (line.rfind("truncate ", 0) == 0) {
      std::string rest = line.substr(9);
      size_t space = rest.rfind(' ');
      REQUIRE(space != std::string::npos);
      fs::path path = substitute(rest.substr(0, space));
      uintmax_t bytes = std::stoull(rest.substr(space + 1));
      INFO(path.string());
      REQUIRE(fs::file_size(path) > bytes);  // else the cut would not cut
      fs::resize_file(path, bytes);
      if (record) recorded.push_back(line), recorded.push_back("");
      ++i;
    } else if (line.rfind("file ", 0) == 0) {
      fs::path path = substitute(line.substr(5));
      std::vector<std::string> expected;
      size_t j = i + 1;
      REQUIRE((j < lines.size() && lines[j] == "----"));
      for (++j; j < lines.size() && !lines[j].empty(); ++j) expected.push_back(lines[j]);
      INFO(path.string());
      REQUIRE(fs::exists(path));
      std::vector<std::string> actual = read_lines(path);
      if (record) {
        recorded.push_back(line);
        recorded.push_back("----");
        for (const auto& a : actual) recorded.push_back(a);
        recorded.push_back("");
      } else {
        CHECK(actual == expected);
      }
      i = j;
    } else if (line.rfind("statement error", 0) == 0) {
      std::string expected = line.size() > 16 ? line.substr(16) : "";
      std::string fragment;  // optional: text the message must contain
      if (size_t space = expected.find(' '); space != std::string::npos) {
        fragment = expected.substr(space + 1);
        expected.resize(space);
      }
      size_t end;
      std::string sql = substitute(block(i + 1, end, false));
      INFO(sql);
      try {
        session.execute(sql)->fetch_all();
        if (!record) FAIL("expected an error " << expected);
        expected = "NO-ERROR";
      } catch (const Error& e) {
        if (record) {
          expected = e.sqlstate();
          std::cerr << file.filename().string() << ": " << e.describe() << "\n";
        }
        INFO(e.describe());
        CHECK((record || e.sqlstate() == expected));
        CHECK((record || e.describe().find(fragment) != std::string::npos));
      }
      if (record) {
        recorded.push_back("statement error " + expected + (fragment.empty() ? "" : " " + fragment));
        for (size_t k = i + 1; k < end; ++k) recorded.push_back(lines[k]);
        recorded.push_back("");
      }
      i = end;
    } else if (line.rfind("query", 0) == 0) {
      bool rowsort = line.find("rowsort") != std::string::npos;
      bool types = line.find("types") != std::string::npos;
      size_t end;
      std::string sql = substitute(block(i + 1, end, true));
      std::vector<std::string> expected;
      size_t j = end;
      if (end < lines.size() && lines[end] == "----")
        for (j = end + 1; j < lines.size() && !lines[j].empty(); ++j) expected.push_back(lines[j]);
      else
        REQUIRE(record);
      INFO(sql);
      std::vector<std::string> actual;
      try {
        auto cursor = session.execute(sql);
        if (types) {
          std::string text;
          for (const auto& c : cursor->columns()) text += (text.empty() ? "" : " | ") + std::string(sql_type_name(c.type));
          actual.push_back(text);
        }
        for (const auto& row : cursor->fetch_all()) {
          std::string text;
          for (size_t c = 0; c < row.size(); ++c) text += (c ? " | " : "") + render(row[c]);
          actual.push_back(text);
        }
      } catch (const Error& e) {
        FAIL("unexpected error: " << e.describe());
      }
      if (rowsort) {
        size_t header = types ? 1 : 0;
        std::sort(actual.begin() + static_cast<long>(std::min(header, actual.size())), actual.end());
        std::sort(expected.begin() + static_cast<long>(std::min(header, expected.size())), expected.end());
      }
      if (record) {
        for (size_t k = directive_start; k < end; ++k) recorded.push_back(lines[k]);
        recorded.push_back("----");
        for (const auto& r : actual) recorded.push_back(r);
        recorded.push_back("");
        i = j;
        continue;
      }
      std::string a, x;
      for (const auto& r : actual) a += r + "\n";
      for (const auto& r : expected) x += r + "\n";
      CHECK(a == x);
      i = j;
    } else {
      FAIL("unknown directive: " << line);
    }
  }
  if (record) {
    while (!recorded.empty() && recorded.back().empty()) recorded.pop_back();
    std::ofstream out(file);
    for (const auto& l : recorded) out << l << "\n";
  }
}

}  // namespace

TEST_CASE("SQL golden files", "[sql]") {
  fs::path dir = DYNAMOSQL_SQL_TEST_DIR;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  const char* only = std::getenv("DYNAMOSQL_SQL_TEST");
  for (const auto& f : files) {
    if (only && f.filename().string().find(only) == std::string::npos) continue;
    DYNAMIC_SECTION(f.filename().string()) { run_file(f); }
  }
}
