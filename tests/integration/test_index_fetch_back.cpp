// Index fetch-back against DynamoDB Local: a statement whose index (a KEYS_ONLY GSI, an INCLUDE GSI,
// an LSI) does not project every attribute it reads Queries the index for keys and fetches the items
// with BatchGetItem. Each query's rows are compared with the same query made to Scan (its index
// condition written as an expression DynamoDB cannot use), over more than 100 matched items (several
// batches), NULL and missing attributes, residual conditions, ORDER BY the index's sort key, LIMIT,
// consistent reads and a max_read_units budget; an item gone from the table is dropped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <regex>

#include "api/session.h"
#include "dynamosql/error.h"
#include "exec/fetch_back.h"
#include "support/test_env.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

constexpr int kItems = 400;

// kItems orders of about 3 KB (so a Scan costs more than fetching a third of them back): 250 of
// customer 'big', the rest spread over c0..c4; status PAID for every third; created unique; note a
// string, NULL (every 7th from 1) or missing (every 7th).
std::string make_orders(Session& s) {
  std::string table = unique_name("fb_orders");
  s.execute("CREATE TABLE " + table +
            " (customer VARCHAR, id NUMBER, PRIMARY KEY (customer, id),"
            " GLOBAL INDEX by_status (status VARCHAR, created NUMBER) WITH (projection = 'KEYS_ONLY'),"
            " GLOBAL INDEX by_region (region VARCHAR) WITH (projection = 'INCLUDE total'),"
            " LOCAL INDEX by_total (total NUMBER) WITH (projection = 'KEYS_ONLY'))")
      ->fetch_all();
  std::string values;
  const char* statuses[] = {"PAID", "OPEN", "SHIPPED"};
  for (int i = 0; i < kItems; ++i) {
    std::string item = "{'customer': '" + (i < 250 ? std::string("big") : "c" + std::to_string(i % 5)) +
                       "', 'id': " + std::to_string(i) + ", 'status': '" + statuses[i % 3] +
                       "', 'created': " + std::to_string(100000 - i * 7) + ", 'region': 'r" + std::to_string(i % 2) +
                       "', 'total': " + std::to_string(i % 10) + ", 'pad': '" + std::string(3000, 'x') + "'";
    if (i % 7 == 1) item += ", 'note': NULL";
    else if (i % 7 != 0) item += ", 'note': 'n" + std::to_string(i % 4) + "'";
    values += (values.empty() ? "" : ", ") + item + "}";
    if ((i + 1) % 50 == 0) {
      s.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
      values.clear();
    }
  }
  return table;
}

std::vector<std::string> rows_of(Session& s, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : s.execute(sql)->fetch_all()) {
    std::string line;
    for (const auto& v : row) line += (v.is_null_or_missing() ? std::string(v.is_missing() ? "MISSING" : "NULL") : value_to_text(v)) + "|";
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::string plan_of(Session& s, const std::string& sql) {
  std::string out;
  for (const auto& row : s.execute("EXPLAIN " + sql)->fetch_all()) out += row[0].text() + "\n";
  return out;
}

// The line of EXPLAIN ANALYZE `sql` that contains `what`.
std::string analyzed_line(Session& s, const std::string& sql, const std::string& what) {
  for (const auto& row : s.execute("EXPLAIN ANALYZE " + sql)->fetch_all())
    if (row[0].text().find(what) != std::string::npos) return row[0].text();
  FAIL("no line with " << what);
  return {};
}

uint64_t figure(const std::string& line, const std::string& name) {
  std::smatch m;
  REQUIRE(std::regex_search(line, m, std::regex(name + "=([0-9.]+)")));
  return static_cast<uint64_t>(std::stod(m[1]));
}

}  // namespace

TEST_CASE("index fetch-back returns the rows a Scan returns", "[fetch_back]") {
  Session session(local_session_settings());
  const std::string t = make_orders(session);
  struct Case {
    std::string index;  // the index the plan fetches back from
    std::string where;  // through the index
    std::string scanned;  // the same condition, which only a Scan can serve
  };
  const std::vector<Case> cases = {
      {"by_status", "status = 'PAID' AND created > 0", "status || '' = 'PAID'"},
      {"by_status", "status = 'PAID' AND created > 0 AND note IS NULL", "status || '' = 'PAID' AND note IS NULL"},
      {"by_status", "status = 'PAID' AND created > 0 AND note IS MISSING", "status || '' = 'PAID' AND note IS MISSING"},
      {"by_status", "status = 'PAID' AND created > 0 AND note <> 'n1'", "status || '' = 'PAID' AND note <> 'n1'"},
      {"by_status", "status = 'PAID' AND created > 99000", "status || '' = 'PAID' AND created > 99000"},
      {"by_region", "region = 'r1' AND total > 5", "region || '' = 'r1' AND total > 5"},
      {"by_region", "region = 'r1' AND total > 5 AND note = 'n3'", "region || '' = 'r1' AND total > 5 AND note = 'n3'"},
      {"by_total", "customer = 'big' AND total = 3", "customer || '' = 'big' AND total = 3"},
  };
  for (const auto& c : cases) {
    for (const std::string columns : {"customer, id, note, total, created", "*"}) {
      std::string through_index = "SELECT " + columns + " FROM " + t + " WHERE " + c.where;
      std::string through_scan = "SELECT " + columns + " FROM " + t + " WHERE " + c.scanned;
      INFO(through_index);
      CHECK(plan_of(session, through_index).find("fetching back from index " + c.index) != std::string::npos);
      CHECK(plan_of(session, through_scan).find("-> Scan " + t + " ") != std::string::npos);
      auto expected = sorted(rows_of(session, through_scan));
      CHECK(!expected.empty());
      CHECK(sorted(rows_of(session, through_index)) == expected);
    }
  }
  // 134 PAID orders: two batches of keys.
  std::string paid = "SELECT customer, id, note FROM " + t + " WHERE status = 'PAID' AND created > 0";
  std::string fetch = analyzed_line(session, paid, "BatchGetItem");
  CHECK(figure(fetch, "returned") == 134);
  CHECK(figure(fetch, "requests") >= 2);
  CHECK(figure(fetch, "capacity") >= 60);  // measured: about half a unit per 3 KB item
}

TEST_CASE("index fetch-back keeps the index's order and stops with LIMIT", "[fetch_back]") {
  Session session(local_session_settings());
  const std::string t = make_orders(session);
  for (const std::string direction : {"", " DESC"}) {
    std::string through_index = "SELECT id, note, created FROM " + t + " WHERE status = 'PAID' AND created > 0 ORDER BY created" + direction;
    std::string through_scan = "SELECT id, note, created FROM " + t + " WHERE status || '' = 'PAID' ORDER BY created" + direction;
    INFO(through_index);
    std::string plan = plan_of(session, through_index);
    CHECK(plan.find("fetching back from index by_status") != std::string::npos);
    CHECK(plan.find("Sort") == std::string::npos);
    auto expected = rows_of(session, through_scan);
    CHECK(expected.size() == 134);
    CHECK(rows_of(session, through_index) == expected);
    // LIMIT: the rows a Scan and Sort give; in the index's order only as many keys are read and
    // fetched as the LIMIT needs.
    auto first = rows_of(session, through_index + " LIMIT 5");
    CHECK(first == std::vector<std::string>(expected.begin(), expected.begin() + 5));
    std::string fetch = analyzed_line(session, through_index + " LIMIT 5", "BatchGetItem");
    CHECK(fetch.find("5 keys a batch") != std::string::npos);
    CHECK(figure(fetch, "returned") == 5);
    // With a condition the index cannot check, the engine filters: one batch at most beyond the rows needed.
    std::string filtered = "SELECT id, note FROM " + t + " WHERE status = 'PAID' AND created > 0 AND note = 'n2' ORDER BY created" + direction;
    auto expected_filtered = rows_of(session, "SELECT id, note FROM " + t + " WHERE status || '' = 'PAID' AND note = 'n2' ORDER BY created" + direction);
    CHECK(rows_of(session, filtered + " LIMIT 3") == std::vector<std::string>(expected_filtered.begin(), expected_filtered.begin() + 3));
    CHECK(figure(analyzed_line(session, filtered + " LIMIT 3", "BatchGetItem"), "returned") <= 100);
  }
  // Without ORDER BY, a LIMIT fetches only as many keys as it returns.
  std::string line = analyzed_line(session, "SELECT id, note FROM " + t + " WHERE status = 'PAID' AND created > 0 LIMIT 3", "BatchGetItem");
  CHECK(line.find("3 keys a batch") != std::string::npos);
  CHECK(figure(line, "returned") == 3);
}

TEST_CASE("index fetch-back reads consistently when asked, and counts against max_read_units", "[fetch_back]") {
  Session session(local_session_settings());
  const std::string t = make_orders(session);
  std::string big = "SELECT id, note FROM " + t + " WHERE customer = 'big' AND total = 3";
  auto eventual = sorted(rows_of(session, big));
  session.execute("SET consistent_read = true");
  std::string plan = plan_of(session, big);
  CHECK(plan.find("consistent fetching back from index by_total") != std::string::npos);
  CHECK(sorted(rows_of(session, big)) == eventual);
  CHECK(eventual.size() == 25);
  session.execute("SET consistent_read = false");

  // The fetch-back's reads are paced and counted like every read: a budget below them stops the
  // statement before the request that would pass it.
  std::string paid = "SELECT id, note FROM " + t + " WHERE status = 'PAID' AND created > 0";
  session.execute("SET max_read_units = 20");
  try {
    session.execute(paid)->fetch_all();
    FAIL("expected 53400");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "53400");
  }
  session.execute("SET max_read_units = 500");
  CHECK(rows_of(session, paid).size() == 134);
  session.execute("SET max_read_units = 0");

  // read_rows_per_second holds the index Query and the fetch-back together: 134 keys and 134 items
  // at 100 a second, with the limiter's second of burst, take at least about 1.7 s.
  session.execute("SET read_rows_per_second = 100");
  auto start = std::chrono::steady_clock::now();
  CHECK(rows_of(session, paid).size() == 134);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds >= 1.5);
  CHECK(seconds < 2.7 + 8);  // a loaded machine may be slower, never much faster
}

TEST_CASE("index fetch-back drops an item the table no longer holds and keeps the keys' order", "[fetch_back]") {
  Session session(local_session_settings());
  std::string table = unique_name("fb_gone");
  session.execute("CREATE TABLE " + table + " (pk VARCHAR, sk NUMBER, PRIMARY KEY (pk, sk))")->fetch_all();
  session.execute("INSERT INTO " + table + " VALUE {'pk': 'a', 'sk': 1, 'v': 'a1'}, {'pk': 'a', 'sk': 2, 'v': 'a2'}, "
                  "{'pk': 'b', 'sk': 1, 'v': 'b1'}, {'pk': 'c', 'sk': 5, 'v': 'c5'}")->fetch_all();
  // Keys as an index read would hand them out, one of an item deleted since (a GSI lags the table)
  // and one repeated (an item moved along the index while it was read).
  std::vector<Row> keys = {{Value::string("c"), Value::number_text("5")}, {Value::string("a"), Value::number_text("9")},
                           {Value::string("b"), Value::number_text("1")}, {Value::string("b"), Value::number_text("1")},
                           {Value::string("a"), Value::number_text("2")}, {Value::string("a"), Value::number_text("1")}};
  auto index_read = std::make_unique<RowsSource>(std::vector<OutputColumn>(2), keys, "keys");
  DynamoRead fetch;
  fetch.table = table;
  IndexFetchSource source(std::move(index_read), {"pk", "sk"}, fetch, ItemShape{{"v"}, false, {}}, 2, "test", "");
  auto client = local_client();
  ExecContext ctx;
  ctx.client = client.get();
  source.open(ctx);
  std::vector<std::string> values;
  RowBatch batch;
  while (source.next(batch)) {
    for (const auto& row : batch) values.push_back(row[0].text());
    batch.clear();
  }
  source.close();
  CHECK(values == std::vector<std::string>{"c5", "b1", "b1", "a2", "a1"});
}

TEST_CASE("UPDATE and DELETE find their items through an index fetch-back", "[fetch_back]") {
  Session session(local_session_settings());
  const std::string t = make_orders(session);
  // UPDATE and DELETE find their items as SELECT * with their WHERE does (EXPLAIN runs queries only).
  // Setting the index's own key moves each item along the index the Query is still reading: every
  // PAID order is updated once, none twice, none missed.
  CHECK(plan_of(session, "SELECT * FROM " + t + " WHERE status = 'PAID' AND created > 0").find("fetching back from index by_status") !=
        std::string::npos);
  std::string update = "UPDATE " + t + " SET status = 'REFUNDED', note = 'r' WHERE status = 'PAID' AND created > 0";
  session.execute(update)->fetch_all();
  CHECK(rows_of(session, "SELECT COUNT(*) FROM " + t + " WHERE status || '' = 'REFUNDED' AND note = 'r'") ==
        std::vector<std::string>{"134|"});
  CHECK(rows_of(session, "SELECT COUNT(*) FROM " + t + " WHERE status || '' = 'PAID'") == std::vector<std::string>{"0|"});
  CHECK(plan_of(session, "SELECT * FROM " + t + " WHERE region = 'r1' AND total > 5").find("fetching back from index by_region") !=
        std::string::npos);
  std::string remove = "DELETE FROM " + t + " WHERE region = 'r1' AND total > 5";
  session.execute(remove)->fetch_all();
  CHECK(rows_of(session, "SELECT COUNT(*) FROM " + t + " WHERE region || '' = 'r1' AND total > 5") ==
        std::vector<std::string>{"0|"});
  CHECK(rows_of(session, "SELECT COUNT(*) FROM " + t) == std::vector<std::string>{std::to_string(kItems - 80) + "|"});
}
