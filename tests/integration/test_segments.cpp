// One segment as a statement (SET scan_segment / scan_total_segments): for every statement kind that
// works row by row, the answers of all N segments together are the unsegmented answer, each row in
// exactly one segment: SELECT (filters, joins, derived tables, UNION ALL, key reads), COPY ... TO,
// UPSERT ... SELECT, INSERT ... SELECT, UPDATE and DELETE.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "api/session.h"
#include "support/test_tables.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

constexpr int kItems = 3000;

// Each row as text (exact: values as DynamoDB JSON), counted: a row twice in a union shows as two.
std::multiset<std::string> rows_of(Session& s, const std::string& sql) {
  std::multiset<std::string> out;
  for (const auto& row : s.execute(sql)->fetch_all()) {
    std::string text;
    for (const auto& v : row) text += (v.is_missing() ? std::string("MISSING") : wire_json(v)) + "|";
    out.insert(text);
  }
  return out;
}

void restrict_to(Session& s, int segment, int total) {
  s.execute("SET scan_total_segments = " + std::to_string(total))->fetch_all();
  s.execute("SET scan_segment = " + std::to_string(segment))->fetch_all();
}

// The rows of `sql` run once per segment of `total`, all together.
std::multiset<std::string> union_of_segments(Session& s, const std::string& sql, int total) {
  std::multiset<std::string> all;
  for (int segment = 0; segment < total; ++segment) {
    restrict_to(s, segment, total);
    auto rows = rows_of(s, sql);
    all.insert(rows.begin(), rows.end());
  }
  restrict_to(s, 0, 0);
  return all;
}

// 34 significant digits: more than a double holds.
std::string exact_number(int i) {
  char digits[8];
  snprintf(digits, sizeof digits, "%04d", i);
  return std::string("123456789012345678901234567890") + digits + ".5";
}

std::string make_source(Session& s) {
  std::string table = unique_name("seg_src");
  create_table(s, table);
  std::string values;
  for (int i = 0; i < kItems; ++i) {
    std::string n = std::to_string(i);
    values += std::string(values.empty() ? "" : ", ") + "{'pk': 'k" + n + "', 'n': " + exact_number(i) +
              ", 'grp': 'g" + std::to_string(i % 10) + "', 'flag': " + (i % 3 ? "true" : "false") + ", 'doc': {'l': [" + n +
              ", NULL]}" + (i % 5 ? "" : ", 'gone': NULL") + "}";
    if ((i + 1) % 500 == 0) {
      s.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
      values.clear();
    }
  }
  return table;
}

}  // namespace

TEST_CASE("all segments of a statement together give the unsegmented answer", "[segments]") {
  Session s(local_session_settings());
  DropAtEnd dropped(s);
  std::string src = dropped(make_source(s));
  std::string groups = dropped(unique_name("seg_groups"));
  s.execute("CREATE TABLE " + groups + " (grp VARCHAR, PRIMARY KEY (grp))")->fetch_all();
  s.execute("UPSERT INTO " + groups + " (grp, label) VALUES ('g1', 'one'), ('g2', 'two'), ('g3', 'three')")->fetch_all();

  for (int total : {1, 4, 7}) {
    DYNAMIC_SECTION(total << " segments") {
      for (std::string sql : {"SELECT * FROM " + src,
                              "SELECT pk, n FROM " + src + " WHERE flag = true AND n > 100",
                              "SELECT s.pk, g.label FROM " + src + " s JOIN " + groups + " g ON g.grp = s.grp",
                              "SELECT s.pk, g.label FROM " + src + " s LEFT JOIN " + groups + " g ON g.grp = s.grp",
                              "SELECT d.pk FROM (SELECT pk, grp FROM " + src + " WHERE grp <> 'g4') AS d WHERE d.pk > 'k2'",
                              "SELECT pk FROM " + src + " WHERE grp = 'g1' UNION ALL SELECT grp FROM " + groups,
                              "SELECT pk, n FROM " + src + " WHERE pk IN ('k1', 'k20', 'k300')",
                              "SELECT pk FROM " + src + " WHERE grp IN (SELECT grp FROM " + groups + " WHERE label > 'p')",
                              std::string("SELECT 'constant' AS c")}) {
        INFO(sql);
        auto whole = rows_of(s, sql);
        auto segmented = union_of_segments(s, sql, total);
        CHECK(segmented.size() == whole.size());
        CHECK(segmented == whole);
      }
    }
  }
  // A segment really is a part: with 4 segments none holds everything.
  restrict_to(s, 1, 4);
  auto part = rows_of(s, "SELECT pk FROM " + src);
  CHECK(part.size() > 0);
  CHECK(part.size() < static_cast<size_t>(kItems) / 2);
}

TEST_CASE("COPY TO, UPSERT ... SELECT and INSERT ... SELECT split into segments copy everything once", "[segments]") {
  Session s(local_session_settings());
  DropAtEnd dropped(s);
  std::string src = dropped(make_source(s));
  auto expected = snapshot(SessionInternals(s).client(), src);
  REQUIRE(expected.size() == static_cast<size_t>(kItems));
  const int total = 5;

  SECTION("COPY ... TO one file per segment") {
    std::string dir = scratch_dir();
    s.execute("COPY " + src + " TO '" + dir + "/whole.jsonl'")->fetch_all();
    int64_t rows = 0;
    for (int segment = 0; segment < total; ++segment) {
      restrict_to(s, segment, total);
      rows += s.execute("COPY " + src + " TO '" + dir + "/part-{segment}.jsonl'")->rows_affected();
    }
    CHECK(rows == kItems);
    auto lines = [](const std::string& path) {
      std::multiset<std::string> out;
      std::ifstream in(path);
      for (std::string line; std::getline(in, line);) out.insert(line);
      return out;
    };
    std::multiset<std::string> parts;
    for (int segment = 0; segment < total; ++segment) {
      auto p = lines(dir + "/part-" + std::to_string(segment) + ".jsonl");
      CHECK(!p.empty());
      parts.insert(p.begin(), p.end());
    }
    CHECK(parts == lines(dir + "/whole.jsonl"));
    std::filesystem::remove_all(dir);
  }

  for (const char* verb : {"UPSERT", "INSERT"}) {
    DYNAMIC_SECTION(verb << " ... SELECT, one statement per segment") {
      std::string target = dropped(unique_name("seg_dst"));
      create_table(s, target);
      int64_t rows = 0;
      for (int segment = 0; segment < total; ++segment) {
        restrict_to(s, segment, total);
        rows += s.execute(std::string(verb) + " INTO " + target + " SELECT * FROM " + src)->rows_affected();
      }
      CHECK(rows == kItems);
      CHECK(differences(snapshot(SessionInternals(s).client(), target), expected).empty());
    }
  }
}

TEST_CASE("UPDATE and DELETE split into segments change every item once", "[segments]") {
  Session s(local_session_settings());
  DropAtEnd dropped(s);
  std::string src = dropped(make_source(s));
  const int total = 3;
  int64_t updated = 0, deleted = 0, pinned = 0;
  for (int segment = 0; segment < total; ++segment) {
    restrict_to(s, segment, total);
    // n = n + 1 would show an item updated in two segments; a key update runs in segment 0 only.
    updated += s.execute("UPDATE " + src + " SET n = n + 1 WHERE flag = true")->rows_affected();
    pinned += s.execute("UPDATE " + src + " SET n = n + 1 WHERE pk = 'k0'")->rows_affected();
    deleted += s.execute("DELETE FROM " + src + " WHERE grp = 'g9'")->rows_affected();
  }
  restrict_to(s, 0, 0);
  CHECK(updated == 2000);
  CHECK(pinned == 1);
  CHECK(deleted == 300);
  auto after = snapshot(SessionInternals(s).client(), src);
  CHECK(after.size() == static_cast<size_t>(kItems - 300));
  int wrong = 0;
  for (const auto& [pk, item] : after) {
    int i = std::stoi(pk.substr(1));
    bool plus_one = i % 3 != 0 || i == 0;
    if (item.find("\"n\":{\"N\":\"" + exact_number(i + (plus_one ? 1 : 0)) + "\"}") == std::string::npos) ++wrong;
  }
  CHECK(wrong == 0);
}
