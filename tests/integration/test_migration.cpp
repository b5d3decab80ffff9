// Migrations under faults: 10,000 items copied through a proxy that throttles, answers 500 (before
// and after applying), drops connections (before and after applying) and returns partial
// UnprocessedItems. Afterwards the target is compared with the source item by item: nothing lost,
// nothing duplicated, nothing altered. Also: a COPY cut off by an outage resumes from its checkpoint.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "api/session.h"
#include "dynamosql/error.h"
#include "support/fault_proxy.h"
#include "support/test_tables.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

constexpr int kItems = 10000;

void require_every_fault(FaultProxy& proxy) {
  auto counts = proxy.counts();
  for (const char* kind : {"throttle", "error_before", "error_after", "drop_before", "drop_after", "partial"}) {
    INFO(kind);
    CHECK(counts[kind] > 0);
  }
}

}  // namespace

TEST_CASE("migrations through a faulty network lose nothing and duplicate nothing", "[migration]") {
  Session direct(local_session_settings());
  std::string source = make_varied_table(direct, "mig_src", kItems);
  auto expected = snapshot(SessionInternals(direct).client(), source);
  REQUIRE(expected.size() == static_cast<size_t>(kItems));
  std::string dir = scratch_dir();

  SECTION("COPY FROM a DynamoDB JSON export") {
    std::string file = dir + "/export.json";
    direct.execute("COPY " + source + " TO '" + file + "' WITH (format = 'dynamodb_json')")->fetch_all();
    std::string target = unique_name("mig_copy");
    create_table(direct, target);
    FaultProxy proxy(local_endpoint(), heavy_faults());
    Session faulty(through(proxy));
    auto cursor = faulty.execute("COPY " + target + " FROM '" + file + "' WITH (format = 'dynamodb_json')");
    CHECK(cursor->rows_affected() == kItems);
    {
      std::string diff = differences(snapshot(SessionInternals(direct).client(), target), expected);
      INFO(diff);
      CHECK(diff.empty());
    }
    require_every_fault(proxy);
  }

  SECTION("INSERT ... SELECT, reads and conditional writes both faulty") {
    std::string target = unique_name("mig_insert");
    create_table(direct, target);
    FaultProxy proxy(local_endpoint(), heavy_faults());
    Session faulty(through(proxy));
    // A put applied but unanswered, then retried, fails its attribute_not_exists condition on its own
    // item: that must count as inserted, not as a duplicate key.
    std::unique_ptr<Cursor> cursor;
    try {
      cursor = faulty.execute("INSERT INTO " + target + " SELECT * FROM " + source);
    } catch (const Error& e) {
      std::string details;
      for (const auto& d : e.details()) details += "\n" + d;
      FAIL(e.describe() << details);
    }
    CHECK(cursor->rows_affected() == kItems);
    {
      std::string diff = differences(snapshot(SessionInternals(direct).client(), target), expected);
      INFO(diff);
      CHECK(diff.empty());
    }
    auto counts = proxy.counts();
    CHECK(counts["drop_after"] + counts["error_after"] > 0);
  }

  SECTION("UPSERT ... SELECT through BatchWriteItem") {
    std::string target = unique_name("mig_upsert");
    create_table(direct, target);
    FaultProxy proxy(local_endpoint(), heavy_faults());
    Session faulty(through(proxy));
    auto cursor = faulty.execute("UPSERT INTO " + target + " SELECT * FROM " + source);
    CHECK(cursor->rows_affected() == kItems);
    {
      std::string diff = differences(snapshot(SessionInternals(direct).client(), target), expected);
      INFO(diff);
      CHECK(diff.empty());
    }
    CHECK(proxy.counts()["partial"] > 0);
  }

  SECTION("a COPY cut off by an outage resumes from its checkpoint, its reject files cut back") {
    ::setenv("DYNAMOSQL_CHECKPOINT_DIR", (dir + "/checkpoints").c_str(), 1);
    std::string file = dir + "/export.ddb.json";  // DynamoDB JSON keeps sets (plain JSON has none)
    direct.execute("COPY " + source + " TO '" + dir + "/clean.ddb.json' WITH (format = 'dynamodb_json')")->fetch_all();
    constexpr int kBadEvery = 250;  // a record that is not JSON after every 250th item: 40 in all
    {
      std::ifstream clean(dir + "/clean.ddb.json");
      std::ofstream with_bad(file);
      int n = 0;
      for (std::string line; std::getline(clean, line);) {
        with_bad << line << "\n";
        if (++n % kBadEvery == 0) with_bad << "{not json " << n << "\n";
      }
    }
    std::string rejects = dir + "/rejects.json";
    std::string target = unique_name("mig_resume");
    create_table(direct, target);
    std::string copy = "COPY " + target + " FROM '" + file + "' WITH (format = 'dynamodb_json', checkpoint = 'resume', concurrency = 4, reject_file = '" +
                       rejects + "')";
    {
      FaultProxy proxy(local_endpoint(), FaultRates{});
      proxy.outage_after(150);  // about 150 batches in, every request is dropped
      Session faulty(through(proxy, true));
      try {
        faulty.execute(copy)->fetch_all();
        FAIL("the COPY should have failed in the outage");
      } catch (const Error& e) {
        INFO(e.describe());
        CHECK(std::string(e.what()).find("run the same COPY again to continue from line") != std::string::npos);
      }
    }
    auto partial = snapshot(SessionInternals(direct).client(), target);
    CHECK(partial.size() > 0);
    CHECK(partial.size() < static_cast<size_t>(kItems));
    // Resumed through a proxy that still throttles and drops: the rest is written, once.
    FaultProxy proxy(local_endpoint(), heavy_faults());
    Session resumed(through(proxy));
    auto cursor = resumed.execute(copy);
    INFO(cursor->status());
    CHECK(cursor->rows_affected() < kItems);  // it continued; it did not start over
    CHECK(cursor->status().find("resumed at line") != std::string::npos);
    // Items written past the checkpoint's position before the outage were written again, but counted once.
    CHECK(cursor->status().find(", " + std::to_string(kItems) + " written in all") != std::string::npos);
    {
      std::string diff = differences(snapshot(SessionInternals(direct).client(), target), expected);
      INFO(diff);
      CHECK(diff.empty());
    }
    // Each bad record once in the reject file and its log: those rejected after the checkpoint's
    // position in the first run were cut off before the resumed run rejected them again.
    auto distinct_lines = [](const std::string& path, std::set<std::string>& lines) {
      std::ifstream in(path);
      size_t n = 0;
      for (std::string line; std::getline(in, line); ++n) lines.insert(line);
      return n;
    };
    std::set<std::string> rejected, logged;
    CHECK(distinct_lines(rejects, rejected) == kItems / kBadEvery);
    CHECK(rejected.size() == kItems / kBadEvery);
    CHECK(distinct_lines(rejects + ".log", logged) == kItems / kBadEvery);
    CHECK(logged.size() == kItems / kBadEvery);
    // Run again: the checkpoint says it is done.
    CHECK(resumed.execute(copy)->rows_affected() == 0);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("COPY's rate limits hold a load to the given items or write units per second", "[migration]") {
  Session session(local_session_settings());
  std::string dir = scratch_dir();
  std::string file = dir + "/rows.jsonl";
  {
    FILE* f = fopen(file.c_str(), "w");
    REQUIRE(f);
    // 300 items of about 1.5 KB: two write units each.
    for (int i = 0; i < 300; ++i) fprintf(f, "{\"pk\": \"r%d\", \"pad\": \"%s\"}\n", i, std::string(1500, 'x').c_str());
    fclose(f);
  }
  std::string table = unique_name("mig_rate");
  create_table(session, table);
  auto timed = [&](const std::string& options) {
    auto start = std::chrono::steady_clock::now();
    auto cursor = session.execute("COPY " + table + " FROM '" + file + "' WITH (" + options + ")");
    CHECK(cursor->rows_affected() == 300);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // 300 items at 100/s with a one-second burst: at least 2 s. Unlimited, the same load takes far less.
  double limited = timed("rows_per_second = 100");
  CHECK(limited >= 1.9);
  // 600 write units at 200/s: at least 2 s as well.
  double by_units = timed("write_units_per_second = 200");
  CHECK(by_units >= 1.9);
  double unlimited = timed("concurrency = 8");
  CHECK(unlimited < limited / 2);
  // Both limits at once: the tighter one (600 units at 200/s) holds.
  CHECK(timed("rows_per_second = 1000, write_units_per_second = 200") >= 1.9);
  // Without options of its own a COPY is under the session's limits.
  session.execute("SET write_rows_per_second = 100");
  CHECK(timed("format = 'jsonl'") >= 1.9);
  session.execute("SET write_rows_per_second = 0");
  // An export capped at 100 rows/s reads its 300 rows in no less than 2 s.
  auto start = std::chrono::steady_clock::now();
  session.execute("COPY " + table + " TO '" + dir + "/out.jsonl' WITH (rows_per_second = 100)")->fetch_all();
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= 1.9);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the session's write rate limits hold every write statement to the rate", "[migration]") {
  Session session(local_session_settings());
  std::string table = unique_name("mig_srate"), copy = unique_name("mig_srate_copy");
  create_table(session, table);
  create_table(session, copy);
  auto timed = [&](const std::string& sql, int64_t expected_rows) {
    auto start = std::chrono::steady_clock::now();
    auto cursor = session.execute(sql);
    CHECK(cursor->rows_affected() == expected_rows);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::string rows;  // 300 items of about 1.5 KB: two write units each
  for (int i = 0; i < 300; ++i)
    rows += std::string(rows.empty() ? "" : ", ") + "('w" + std::to_string(i) + "', '" + std::string(1500, 'x') + "')";
  std::string insert = "INSERT INTO " + table + " (pk, pad) VALUES " + rows;

  double unlimited = timed(insert, 300);
  timed("DELETE FROM " + table, 300);

  // 300 writes at 100 items/s after a one-second burst: at least 2 s, whatever the statement.
  session.execute("SET write_rows_per_second = 100");
  CHECK(timed(insert, 300) >= 1.9);
  // The ">= 1.9 s" checks tell a working limiter from a missing one only when the unlimited run is well
  // under the limit. On a machine so loaded that it is not (seen at load average 20 on 2 cores) they prove
  // nothing either way: say so instead of failing.
  if (unlimited >= 1.0) WARN("unlimited INSERT took " << unlimited << " s: too loaded to tell the limiter from the load");
  CHECK(timed("UPSERT INTO " + copy + " SELECT * FROM " + table, 300) >= 1.9);
  CHECK(timed("UPDATE " + table + " SET n = 1 WHERE pad <> 'y'", 300) >= 1.9);
  CHECK(timed("DELETE FROM " + copy, 300) >= 1.9);
  // The limiter outlives statements: 250 one-row statements take at least 1.5 s as well.
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 250; ++i) session.execute("UPDATE " + table + " SET n = 2 WHERE pk = 'w" + std::to_string(i) + "'");
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= 1.4);

  // By write units: 600 units at 200/s, at least 2 s; a COPY's own option replaces the session's limit.
  session.execute("SET write_rows_per_second = 0");
  session.execute("SET write_units_per_second = 200");
  CHECK(timed("UPSERT INTO " + copy + " SELECT * FROM " + table, 300) >= 1.9);
  // A batched DELETE is charged by the items as read (two units each here), not by their keys: 600
  // more units after the UPSERT spent the burst take 3 s (300 for keys alone would take 1.5 s).
  CHECK(timed("DELETE FROM " + copy, 300) >= 2.5);
  // A transaction's writes cost two units per KB: COMMIT of 50 items of two units each is 200 units,
  // which a fresh limit of 100 units/s lets go after about one second (the burst covers the other).
  session.execute("SET write_units_per_second = 100");
  session.execute("BEGIN");
  for (int i = 0; i < 50; ++i) session.execute("UPSERT INTO " + copy + " (pk, pad) VALUES ('t" + std::to_string(i) + "', '" + std::string(1500, 'x') + "')");
  start = std::chrono::steady_clock::now();
  session.execute("COMMIT");
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= 0.9);
  CHECK(session.execute("SELECT COUNT(*) FROM " + copy + " WHERE pk BETWEEN 't' AND 'u'")->fetch_all()[0][0].text() == "50");
}

TEST_CASE("UPDATE and DELETE through a faulty network apply each change once and count it once", "[migration]") {
  // More than one chunk (1,000 items): UPDATEs whose values can fail (n + 1) check every item, then
  // read them again and write them chunk by chunk; the others write as they read.
  constexpr int kRows = 1100;
  Session direct(local_session_settings());
  std::string table = unique_name("mig_update");
  create_table(direct, table);
  std::string values;
  for (int i = 0; i < kRows; ++i)
    values += std::string(values.empty() ? "" : ", ") + "{'pk': 'u" + std::to_string(i) + "', 'n': 0, 'l': [], 's': 'new'}";
  direct.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();

  FaultRates faults;  // answers lost after the write was applied, above all
  faults.error_after = 0.12;
  faults.drop_after = 0.12;
  faults.error_before = 0.04;
  faults.throttle = 0.04;
  FaultProxy proxy(local_endpoint(), faults);
  Session faulty(through(proxy));
  auto run = [&](const std::string& sql) {
    try {
      return faulty.execute(sql)->rows_affected();
    } catch (const Error& e) {
      std::string details;
      for (const auto& d : e.details()) details += "\n" + d;
      FAIL(e.describe() << details);
    }
    return int64_t(-1);
  };
  auto value_counts = [&](const std::string& expression) {
    std::map<std::string, int> out;
    for (const auto& row : direct.execute("SELECT " + expression + " FROM " + table)->fetch_all())
      out[row[0].is_null_or_missing() ? "missing" : plain_json(row[0])]++;
    return out;
  };

  // Arithmetic and list_append on the attribute they set: a retried request must not add twice.
  CHECK(run("UPDATE " + table + " SET n = n + 1, l = list_append(l, [7]) WHERE s = 'new'") == kRows);
  CHECK(value_counts("n") == std::map<std::string, int>{{"1", kRows}});
  CHECK(value_counts("l") == std::map<std::string, int>{{"[7]", kRows}});
  // The same with the whole key pinned: one request per statement.
  for (int i = 0; i < 100; ++i) CHECK(run("UPDATE " + table + " SET n = n + 1 WHERE pk = 'u" + std::to_string(i) + "'") == 1);
  CHECK(value_counts("n") == std::map<std::string, int>{{"1", kRows - 100}, {"2", 100}});
  // A conditional write applied but unanswered fails its own condition when sent again: still counted.
  CHECK(run("UPDATE " + table + " SET s = 'done' WHERE s = 'new'") == kRows);
  CHECK(run("DELETE FROM " + table + " WHERE n = 2 AND s = 'done'") == 100);
  CHECK(value_counts("s") == std::map<std::string, int>{{"\"done\"", kRows - 100}});
  // Items whose operands are NULL or missing get the values the engine computes (n + 1 is NULL, a
  // missing list counts as empty), each guarded by the operands as read: still once, still counted once.
  values.clear();
  for (int i = 0; i < 100; ++i)
    values += std::string(values.empty() ? "" : ", ") + "{'pk': 'v" + std::to_string(i) + "', 'n': NULL, 's': 'nulls'}";
  direct.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
  CHECK(run("UPDATE " + table + " SET n = n + 1, l = list_append(l, [7]) WHERE s = 'nulls'") == 100);
  CHECK(value_counts("s = 'nulls' AND n IS NULL AND NOT n IS MISSING AND l = [7]") ==
        std::map<std::string, int>{{"false", kRows - 100}, {"true", 100}});
  auto counts = proxy.counts();
  CHECK(counts["error_after"] > 10);
  CHECK(counts["drop_after"] > 10);
}
