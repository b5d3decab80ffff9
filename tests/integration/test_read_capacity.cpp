// Reads under production capacity limits, against DynamoDB Local: read_rows_per_second and
// read_units_per_second hold SELECT, COPY TO and UPDATE/DELETE's finding scans to their rate across
// segments and lose no row; max_read_units stops a statement before the request that could pass it;
// throttling slows every segment of a statement together (through a proxy that throttles).
#include <catch2/catch.hpp>

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "api/session.h"
#include "dynamosql/error.h"
#include "support/fault_proxy.h"
#include "support/test_env.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

constexpr int kItems = 600;

// A table of kItems items, each with a pad of `pad_bytes` bytes.
std::string make_table(Session& s, const std::string& prefix, size_t pad_bytes) {
  std::string table = unique_name(prefix);
  s.execute("CREATE TABLE " + table + " (pk VARCHAR PRIMARY KEY)")->fetch_all();
  std::string values;
  for (int i = 0; i < kItems; ++i) {
    if (!values.empty()) values += ", ";
    values += "{'pk': 'k" + std::to_string(i) + "', 'n': " + std::to_string(i) + ", 'pad': '" + std::string(pad_bytes, 'x') + "'}";
    if ((i + 1) % 100 == 0) {
      s.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
      values.clear();
    }
  }
  return table;
}

double seconds_of(const std::function<void()>& run) {
  auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The read units a full scan of `table` costs, as EXPLAIN ANALYZE reports them.
double scan_units(Session& s, const std::string& table) {
  auto rows = s.execute("EXPLAIN ANALYZE SELECT * FROM " + table)->fetch_all();
  std::smatch m;
  for (const auto& row : rows) {
    std::string line = row[0].text();
    if (std::regex_search(line, m, std::regex("capacity=([0-9.]+)"))) return std::stod(m[1]);
  }
  FAIL("no capacity in EXPLAIN ANALYZE");
  return 0;
}

}  // namespace

TEST_CASE("read_rows_per_second holds SELECT, COPY TO, UPDATE and DELETE to the rate and returns every row", "[capacity]") {
  Session session(local_session_settings());
  std::string table = make_table(session, "cap_rows", 100);
  size_t rows = 0;
  double unlimited = seconds_of([&] { rows = session.execute("SELECT * FROM " + table)->fetch_all().size(); });
  CHECK(rows == kItems);

  // 600 items at 200 a second, with the limiter's one second of burst: at least 2 s, whatever the
  // segments; and not much more (the machine may be loaded: a generous bound).
  session.execute("SET read_rows_per_second = 200");
  for (int segments : {1, 4}) {
    session.execute("SET scan_segments = " + std::to_string(segments));
    double limited = seconds_of([&] { rows = session.execute("SELECT * FROM " + table)->fetch_all().size(); });
    INFO(segments << " segments: " << limited << " s, unlimited " << unlimited << " s");
    CHECK(rows == kItems);
    CHECK(limited >= 1.8);
    CHECK(limited < 2 + 6);
  }
  // UPDATE and DELETE find their rows by scanning: the items DynamoDB reads count, not the rows found.
  CHECK(seconds_of([&] { session.execute("UPDATE " + table + " SET n = 0 WHERE n < 0")->fetch_all(); }) >= 1.8);
  CHECK(seconds_of([&] { session.execute("DELETE FROM " + table + " WHERE n < 0")->fetch_all(); }) >= 1.8);
  session.execute("SET read_rows_per_second = 0");
  CHECK(seconds_of([&] { session.execute("SELECT * FROM " + table)->fetch_all(); }) < 1.8);

  // COPY TO's own option replaces the session's limit for that COPY.
  std::string dir = scratch_dir();
  double copy = seconds_of([&] {
    session.execute("COPY " + table + " TO '" + dir + "/out.jsonl' WITH (read_rows_per_second = 200)")->fetch_all();
  });
  CHECK(copy >= 1.8);
  std::ifstream in(dir + "/out.jsonl");
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  CHECK(lines == kItems);
  std::filesystem::remove_all(dir);
}

TEST_CASE("read_units_per_second holds a scan to the read units DynamoDB reports", "[capacity]") {
  Session session(local_session_settings());
  std::string table = make_table(session, "cap_units", 3000);  // about 3 KB an item
  double units = scan_units(session, table);
  REQUIRE(units > 20);
  // A quarter of the scan's units a second: the scan takes at least (units - one second's burst) / rate.
  double rate = units / 4;
  session.execute("SET read_units_per_second = " + std::to_string(rate));
  size_t rows = 0;
  double limited = seconds_of([&] { rows = session.execute("SELECT * FROM " + table)->fetch_all().size(); });
  INFO(units << " units at " << rate << "/s: " << limited << " s");
  CHECK(rows == kItems);
  CHECK(limited >= 0.9 * (units - rate) / rate);
}

TEST_CASE("max_read_units stops a statement before the request that could pass it", "[capacity]") {
  Session session(local_session_settings());
  std::string table = make_table(session, "cap_budget", 2000);
  double units = scan_units(session, table);
  REQUIRE(units > 20);
  for (int segments : {1, 4}) {
    session.execute("SET scan_segments = " + std::to_string(segments));
    double budget = units / 2;
    session.execute("SET max_read_units = " + std::to_string(budget));
    INFO(segments << " segments, a scan of " << units << " units, budget " << budget);
    try {
      session.execute("SELECT * FROM " + table)->fetch_all();
      FAIL("a scan over its budget returned as if complete");
    } catch (const Error& e) {
      CHECK(std::string(e.sqlstate()) == "53400");
      std::smatch m;
      std::string message = e.what();
      INFO(message);
      REQUIRE(std::regex_search(message, m, std::regex("it has read ([0-9.]+) read units")));
      CHECK(std::stod(m[1]) <= budget);
      CHECK(std::stod(m[1]) > 0);
    }
    // COPY TO writes nothing when its budget stops it.
    std::string dir = scratch_dir();
    CHECK_THROWS_AS(session.execute("COPY " + table + " TO '" + dir + "/out.csv'")->fetch_all(), Error);
    CHECK_FALSE(std::filesystem::exists(dir + "/out.csv"));
    std::filesystem::remove_all(dir);
    // A budget the statement fits in changes nothing.
    session.execute("SET max_read_units = " + std::to_string(units * 2 + 10));
    CHECK(session.execute("SELECT * FROM " + table)->fetch_all().size() == kItems);
    CHECK(session.execute("SELECT * FROM " + table + " WHERE pk = 'k7'")->fetch_all().size() == 1);
  }
}

TEST_CASE("throttling slows all segments of a statement together and loses no row", "[capacity]") {
  Session direct(local_session_settings());
  std::string table = make_table(direct, "cap_throttle", 100);
  FaultRates rates;
  rates.throttle = 0.5;
  FaultProxy proxy(local_endpoint(), rates);
  SessionSettings settings = local_session_settings();
  settings.aws.endpoint = proxy.endpoint();
  Session session(settings);
  session.execute("SELECT pk FROM " + table + " WHERE pk = 'k1'")->fetch_all();  // the schema, read once
  session.execute("SET read_rows_per_second = 400");  // pages of 100 items: about ten Scan requests
  auto lines = session.execute("EXPLAIN ANALYZE SELECT * FROM " + table)->fetch_all();
  std::string total = lines.back()[0].text();
  INFO(total);
  CHECK(total.find(std::to_string(kItems) + " rows") != std::string::npos);
  CHECK(proxy.counts()["throttle"] > 0);
  CHECK(total.find("throttled") != std::string::npos);
  CHECK(total.find("reads slowed to") != std::string::npos);
  CHECK(session.execute("SELECT * FROM " + table)->fetch_all().size() == kItems);
}

TEST_CASE("EXPLAIN predicts each read's units and requests from DescribeTable; ANALYZE shows them beside the actual", "[capacity]") {
  Session session(local_session_settings());
  std::string table = make_table(session, "cap_estimate", 3000);  // 600 items of about 3 KB: about 1.8 MB
  session.execute("SET scan_segments = 1");
  auto estimate_of = [](const std::string& line, const char* what) {
    std::smatch m;
    INFO(line);
    REQUIRE(std::regex_search(line, m, std::regex(std::string("~([0-9,.]+) ") + what)));
    std::string digits = m[1];
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    return std::stod(digits);
  };
  // A full scan: DynamoDB counts 4 KB units over the bytes read, half for an eventually consistent read.
  auto plan = session.execute("EXPLAIN ANALYZE SELECT * FROM " + table)->fetch_all();
  std::string scan_line;
  for (const auto& row : plan)
    if (row[0].text().find("Scan ") != std::string::npos) scan_line = row[0].text();
  std::smatch m;
  REQUIRE(std::regex_search(scan_line, m, std::regex("capacity=([0-9.]+)")));
  double actual = std::stod(m[1]);
  double predicted = estimate_of(scan_line, "RCU");
  INFO(scan_line);
  CHECK(estimate_of(scan_line, "items") == kItems);
  CHECK(predicted > 0.5 * actual);
  CHECK(predicted < 2 * actual);
  CHECK(estimate_of(scan_line, "requests") >= 2);  // 1.8 MB: at least two 1 MB pages
  // A key read: one GetItem of a 3 KB item, half a unit; strongly consistent, one.
  auto get_line = [&] {
    for (const auto& row : session.execute("EXPLAIN SELECT * FROM " + table + " WHERE pk = 'k1'")->fetch_all())
      if (row[0].text().find("GetItem") != std::string::npos) return row[0].text();
    FAIL("no GetItem in the plan");
    return std::string();
  };
  CHECK(estimate_of(get_line(), "RCU") == 0.5);
  session.execute("SET consistent_read = true");
  CHECK(estimate_of(get_line(), "RCU") == 1.0);
}

// Review 3, item 8: EXPLAIN used to DescribeTable every table the session had cached, failing on any
// of them and re-sampling (changing the columns of) tables it did not read.
TEST_CASE("EXPLAIN refreshes only the tables it reads; a failing DescribeTable leaves the estimate marked stale", "[capacity]") {
  FaultProxy proxy(local_endpoint(), FaultRates{});
  Session session(through(proxy, true));
  Session direct(local_session_settings());
  std::string a = make_table(direct, "cap_refresh_a", 10), b = make_table(direct, "cap_refresh_b", 10);
  std::string empty = unique_name("cap_refresh_empty");
  direct.execute("CREATE TABLE " + empty + " (pk VARCHAR PRIMARY KEY)")->fetch_all();
  for (const auto& t : {a, b, empty}) session.execute("SELECT * FROM " + t)->fetch_all();  // cached by the session
  direct.execute("UPSERT INTO " + empty + " VALUE {'pk': 'x', 'extra': 1}")->fetch_all();
  proxy.deny_table(a);

  auto plan_text = [&](const std::string& table) {
    std::string text;
    for (const auto& row : session.execute("EXPLAIN SELECT * FROM " + table)->fetch_all()) text += row[0].text() + "\n";
    return text;
  };
  std::string plan_b = plan_text(b);
  INFO(plan_b);
  CHECK(plan_b.find("est. ~600 items") != std::string::npos);
  CHECK(plan_b.find("stale") == std::string::npos);
  // The empty table's entry was neither erased nor sampled again: its columns are those of before.
  auto cursor = session.execute("SELECT * FROM " + empty);
  std::vector<std::string> names;
  for (const auto& c : cursor->columns()) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"pk", "_other"});
  // The denied table itself: estimated from the description cached before, and marked so.
  std::string plan_a = plan_text(a);
  INFO(plan_a);
  CHECK(plan_a.find("est. ~600 items") != std::string::npos);
  CHECK(plan_a.find("from stale figures (DescribeTable failed: AccessDeniedException)") != std::string::npos);
  proxy.deny_table("");
  CHECK(plan_text(a).find("stale") == std::string::npos);
}

TEST_CASE("The schema sample a table's first statement reads is held to the read limits too", "[capacity]") {
  Session writer(local_session_settings());
  std::string table = make_table(writer, "cap_sample", 10);
  SessionSettings settings = local_session_settings();
  settings.schema_sample_size = 400;
  Session session(settings);
  session.execute("SET read_rows_per_second = 100");
  // One GetItem after a sample of 400 items at 100 a second, a second's worth of burst: about 3 s.
  size_t rows = 0;
  double seconds = seconds_of([&] { rows = session.execute("SELECT * FROM " + table + " WHERE pk = 'k1'")->fetch_all().size(); });
  INFO(seconds << " s");
  CHECK(rows == 1);
  CHECK(seconds >= 2.5);
  CHECK(seconds < 3 + 6);
  // The sample saw every attribute, paced in short pages.
  auto cursor = session.execute("SELECT * FROM " + table + " WHERE pk = 'k2'");
  std::vector<std::string> names;
  for (const auto& c : cursor->columns()) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"pk", "n", "pad", "_other"});
}
