// The engine API as the console and the ODBC driver use it: prepared statements with `?` parameters
// (bound, unbound, described before execution), row counts of writes, and cancellation between pages,
// which must end in an error (HY008), never in a silently short result.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api/session.h"
#include "dynamosql/error.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;

namespace {

SessionSettings local_settings() { return testing::local_session_settings(); }

}  // namespace

TEST_CASE("engine API: parameters, row counts and cancellation", "[integration][api]") {
  Session session(local_settings());
  std::string table = testing::unique_name("api");
  session.execute("CREATE TABLE \"" + table + "\" (pk VARCHAR PRIMARY KEY)")->fetch_all();

  SECTION("prepared statements with parameters") {
    auto insert = session.prepare("INSERT INTO \"" + table + "\" (pk, n, s) VALUES (?, ?, ?)");
    REQUIRE(insert->parameter_count() == 3);
    CHECK(insert->describe_columns().empty());
    for (int i = 0; i < 3; ++i) {
      insert->bind(0, Value::string("k" + std::to_string(i)));
      insert->bind(1, Value::number(Number(i * 10)));
      insert->bind(2, Value::string("it's \"quoted\""));
      auto cursor = insert->execute();
      CHECK(cursor->rows_affected() == 1);
    }
    auto select = session.prepare("SELECT pk, n, s FROM \"" + table + "\" WHERE pk = ? AND n >= ?");
    auto cols = select->describe_columns();  // before execution, no data read
    REQUIRE(cols.size() == 3);
    CHECK(cols[0].name == "pk");
    CHECK(cols[1].name == "n");
    select->bind(0, Value::string("k2"));
    select->bind(1, Value::number(Number(5)));
    auto rows = select->execute()->fetch_all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][1].text() == "20");
    CHECK(rows[0][2].text() == "it's \"quoted\"");
    // Rebinding reuses the statement.
    select->bind(0, Value::string("k0"));
    CHECK(select->execute()->fetch_all().empty());  // n = 0 < 5

    select->clear_bindings();
    try {
      select->execute()->fetch_all();
      FAIL("expected an unbound-parameter error");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == "07002");
    }
    CHECK_THROWS_AS(select->bind(5, Value::null()), Error);

    auto update = session.prepare("UPDATE \"" + table + "\" SET n = n + ? WHERE n >= ?");
    update->bind(0, Value::number(Number(1)));
    update->bind(1, Value::number(Number(10)));
    CHECK(update->execute()->rows_affected() == 2);
    auto del = session.prepare("DELETE FROM \"" + table + "\" WHERE pk = ?");
    del->bind(0, Value::string("k1"));
    CHECK(del->execute()->rows_affected() == 1);
    CHECK(del->execute()->rows_affected() == 0);
  }

  SECTION("cancel between pages ends in HY008, not a short result") {
    // About 4 MB: several 1 MB pages with one segment.
    std::string filler(4000, 'x');
    std::vector<WriteRequest> writes;
    for (int i = 0; i < 1000; ++i)
      writes.push_back({true, {{"filler", Value::string(filler)}, {"pk", Value::string("p" + std::to_string(i))}}});

    for (size_t i = 0; i < writes.size(); i += 25) {
      std::vector<WriteRequest> chunk(writes.begin() + static_cast<long>(i),
                                      writes.begin() + static_cast<long>(std::min(writes.size(), i + 25)));
      std::map<std::string, std::vector<WriteRequest>> request{{table, chunk}};
      while (!request.empty()) request = SessionInternals(session).client().batch_write_item(request).unprocessed;
    }
    session.execute("SET scan_segments = 1")->fetch_all();
    auto cursor = session.execute("SELECT pk, filler FROM \"" + table + "\"");
    RowBatch batch;
    REQUIRE(cursor->fetch(batch));
    size_t seen = batch.size();
    CHECK(seen < 1000);
    session.cancel();
    try {
      while (cursor->fetch(batch)) seen += batch.size(), batch.clear();
      FAIL("a cancelled statement ended without an error after " << seen << " rows");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == "HY008");
    }
    // A cancel stays until withdrawn, so one that arrives while the next statement is still being parsed
    // stops that statement too (the console pressed Ctrl-C just after Enter); the caller withdraws it where
    // its user's next request begins.
    CHECK_THROWS_WITH(session.execute("SELECT COUNT(*) FROM \"" + table + "\"")->fetch_all(), Catch::Contains("cancelled"));
    session.clear_cancel();
    CHECK(session.execute("SELECT COUNT(*) FROM \"" + table + "\"")->fetch_all()[0][0].text() == "1000");
  }
  session.execute("DROP TABLE \"" + table + "\"")->fetch_all();
}

TEST_CASE("engine API: a write that stops part-way says exactly what it wrote", "[integration][api]") {
  Session session(local_settings());
  std::string source = testing::unique_name("src"), target = testing::unique_name("dst");
  session.execute("CREATE TABLE \"" + source + "\" (id VARCHAR PRIMARY KEY)")->fetch_all();
  session.execute("CREATE TABLE \"" + target + "\" (k VARCHAR PRIMARY KEY)")->fetch_all();
  // 2,500 source items; one of them has no `k`, the target's key. Scan order decides how many chunks
  // of 1,000 go out before the bad row is reached.
  std::vector<WriteRequest> writes;
  for (int i = 0; i < 2500; ++i) {
    Item item{{"id", Value::string("i" + std::to_string(i))}};
    if (i != 1234) item.emplace_back("k", Value::string("k" + std::to_string(i)));
    normalise_item(item);
    writes.push_back({true, item});
  }
  for (size_t i = 0; i < writes.size(); i += 25) {
    std::vector<WriteRequest> chunk(writes.begin() + static_cast<long>(i), writes.begin() + static_cast<long>(i + 25));
    std::map<std::string, std::vector<WriteRequest>> request{{source, chunk}};
    while (!request.empty()) request = SessionInternals(session).client().batch_write_item(request).unprocessed;
  }
  std::string message;
  try {
    session.execute("INSERT INTO \"" + target + "\" (k, id) SELECT k, id FROM \"" + source + "\"")->fetch_all();
    FAIL("expected an error for the row without a key");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "23000");
    message = e.what();
  }
  INFO(message);
  // "...; N rows were inserted before the failure; the rest were not" or "nothing was written".
  int64_t claimed = 0;
  auto pos = message.find(" rows were inserted before the failure");
  if (pos != std::string::npos) {
    size_t start = message.rfind("; ", pos) + 2;
    claimed = std::stoll(message.substr(start, pos - start));
  } else {
    CHECK(message.find("nothing was written") != std::string::npos);
  }
  auto count = session.execute("SELECT COUNT(*) FROM \"" + target + "\"")->fetch_all();
  CHECK(count[0][0].text() == std::to_string(claimed));
  session.execute("DROP TABLE \"" + source + "\"")->fetch_all();
  session.execute("DROP TABLE \"" + target + "\"")->fetch_all();
}

TEST_CASE("engine API: the inferred schema learns from this session's writes; others' land in _other", "[integration][api]") {
  Session session(local_settings());
  std::string t = testing::unique_name("api_schema");
  session.execute("CREATE TABLE " + t + " (pk VARCHAR, PRIMARY KEY (pk))");
  // Inferred now, while the table is empty: only the key.
  auto columns = session.prepare("SELECT * FROM " + t)->describe_columns();
  REQUIRE(columns.size() == 2);  // pk, _other

  session.execute("INSERT INTO " + t + " (pk, price) VALUES ('a', 1.25)");
  columns = session.prepare("SELECT * FROM " + t)->describe_columns();
  REQUIRE(columns.size() == 3);
  CHECK(columns[1].name == "price");
  CHECK(columns[1].type == SqlType::Decimal);
  CHECK(SessionInternals(session).catalog().table(t)->find("price")->scale == 2);
  // A second type for the same attribute makes it JSON.
  session.execute("INSERT INTO " + t + " (pk, price) VALUES ('b', 'n/a')");
  CHECK(SessionInternals(session).catalog().table(t)->find("price")->type == SqlType::Json);
  // An UPDATE that creates an attribute makes the next statement sample again.
  session.execute("UPDATE " + t + " SET colour = 'red' WHERE pk = 'a'");
  CHECK(SessionInternals(session).catalog().table(t)->find("colour") != nullptr);
  CHECK(SessionInternals(session).catalog().table(t)->sampled_items == 2);

  // Written by another client: not in the cached columns, so SELECT * carries it in `_other`, even
  // when WHERE reads it.
  auto client = testing::local_client();
  PutItemRequest put;
  put.table = t;
  put.item = {{"pk", Value::string("c")}, {"qty", Value::number_text("7")}};
  client->put_item(put);
  auto cursor = session.execute("SELECT * FROM " + t + " WHERE qty > 5");
  auto rows = cursor->fetch_all();
  REQUIRE(rows.size() == 1);
  REQUIRE(cursor->columns().back().name == "_other");
  CHECK(plain_json(rows[0].back()) == "{\"qty\":7}");
}

TEST_CASE("engine API: each parameter is typed by where it stands, and text bound for a number is converted", "[integration][api]") {
  Session session(local_settings());
  std::string t = testing::unique_name("api_params");
  session.execute("CREATE TABLE " + t + " (pk VARCHAR, sk NUMBER, PRIMARY KEY (pk, sk))")->fetch_all();
  for (int i = 1; i <= 6; ++i)
    session.execute("INSERT INTO " + t + " (pk, sk, qty, name, active) VALUES ('c7', " + std::to_string(i) + ", " +
                    std::to_string(i * 2) + ", 'n" + std::to_string(i) + "', TRUE)")->fetch_all();
  auto types = [&](const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& p : session.prepare(sql)->describe_parameters()) {
      std::string d = std::string(sql_type_name(p.type)) + (p.known ? "" : "?");
      if (p.precision) d += "(" + std::to_string(*p.precision) + (p.scale ? "," + std::to_string(*p.scale) : "") + ")";
      out.push_back(d);
    }
    return out;
  };
  using V = std::vector<std::string>;

  SECTION("describe_parameters") {
    // A key's declared type; an inferred column's type; arithmetic; LIKE and ||; function arguments.
    CHECK(types("SELECT * FROM " + t + " WHERE pk = ? AND sk = ?") == V{"VARCHAR", "DECIMAL(38)"});
    CHECK(types("SELECT * FROM " + t + " WHERE ? < qty AND active = ?") == V{"DECIMAL(38)", "BOOLEAN"});
    CHECK(types("SELECT * FROM " + t + " WHERE sk BETWEEN ? AND ? OR sk IN (?, 5)") == V{"DECIMAL(38)", "DECIMAL(38)", "DECIMAL(38)"});
    CHECK(types("SELECT qty * ?, name || ?, SUBSTR(name, ?, 1) FROM " + t + " WHERE name LIKE ?") ==
          V{"DECIMAL(38)", "VARCHAR", "DECIMAL(38)", "VARCHAR"});
    // LIMIT/OFFSET: integers; a `?` nothing speaks for: VARCHAR, not known.
    CHECK(types("SELECT ?, name FROM " + t + " LIMIT ? OFFSET ?") == V{"VARCHAR?", "BIGINT(19,0)", "BIGINT(19,0)"});
    // Written into a column: that column's type, in VALUES, in a VALUE document and in SET.
    CHECK(types("INSERT INTO " + t + " (pk, sk, qty, name) VALUES (?, ?, ?, ?)") == V{"VARCHAR", "DECIMAL(38)", "DECIMAL(38)", "VARCHAR"});
    CHECK(types("INSERT INTO " + t + " VALUE {'pk': ?, 'sk': ?, 'extra': ?}") == V{"VARCHAR", "DECIMAL(38)", "VARCHAR?"});
    CHECK(types("UPDATE " + t + " SET qty = ?, note = ? WHERE pk = ? AND sk = ?") == V{"DECIMAL(38)", "VARCHAR?", "VARCHAR", "DECIMAL(38)"});
    CHECK(types("DELETE FROM " + t + " WHERE sk >= ?") == V{"DECIMAL(38)"});
    // Inside subqueries and EXPLAIN.
    CHECK(types("EXPLAIN SELECT name FROM " + t + " WHERE qty = (SELECT MAX(qty) FROM " + t + " WHERE sk < ?)") == V{"DECIMAL(38)"});
  }

  SECTION("text bound where a number is expected is converted exactly; a number where text is expected becomes text") {
    auto point = session.prepare("SELECT name FROM " + t + " WHERE pk = ? AND sk = ?");
    point->bind(0, Value::string("c7"));
    point->bind(1, Value::string("3"));  // as Perl, PHP and LibreOffice bind it
    auto rows = point->execute()->fetch_all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0].text() == "n3");
    auto range = session.prepare("SELECT COUNT(*) FROM " + t + " WHERE qty > ?");
    range->bind(0, Value::string(" 5 "));
    CHECK(range->execute()->fetch_all()[0][0].text() == "4");  // 6, 8, 10, 12
    range->bind(0, Value::string("1E1"));
    CHECK(range->execute()->fetch_all()[0][0].text() == "1");
    auto limited = session.prepare("SELECT sk FROM " + t + " WHERE pk = 'c7' ORDER BY sk LIMIT ?");
    limited->bind(0, Value::string("2"));
    CHECK(limited->execute()->fetch_all().size() == 2);
    auto by_text = session.prepare("SELECT COUNT(*) FROM " + t + " WHERE pk = ?");
    by_text->bind(0, Value::number(Number(7)));  // the key is a string: '7', not the number 7
    CHECK(by_text->execute()->fetch_all()[0][0].text() == "0");
    session.execute("INSERT INTO " + t + " (pk, sk) VALUES ('7', 1)")->fetch_all();
    CHECK(by_text->execute()->fetch_all()[0][0].text() == "1");
    auto flag = session.prepare("SELECT COUNT(*) FROM " + t + " WHERE active = ?");
    flag->bind(0, Value::string("true"));
    CHECK(flag->execute()->fetch_all()[0][0].text() == "6");
  }

  SECTION("a value that is not a number where one is expected is 22018 naming the parameter") {
    auto range = session.prepare("SELECT COUNT(*) FROM " + t + " WHERE qty > ? AND sk > ?");
    range->bind(0, Value::number(Number(1)));
    range->bind(1, Value::string("three"));
    try {
      range->execute()->fetch_all();
      FAIL("expected 22018");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == "22018");
      CHECK(std::string(e.what()).find("parameter 2") != std::string::npos);
      CHECK(e.column() > 0);
    }
  }

  SECTION("writes store a number bound as text as a number") {
    auto insert = session.prepare("INSERT INTO " + t + " (pk, sk, qty) VALUES (?, ?, ?)");
    insert->bind(0, Value::string("w"));
    insert->bind(1, Value::string("1"));
    insert->bind(2, Value::string("2.50"));
    CHECK(insert->execute()->rows_affected() == 1);
    auto update = session.prepare("UPDATE " + t + " SET qty = ? WHERE pk = ? AND sk = ?");
    update->bind(0, Value::string("7.25"));
    update->bind(1, Value::string("w"));
    update->bind(2, Value::string("1"));
    CHECK(update->execute()->rows_affected() == 1);
    auto rows = session.execute("SELECT typeof(sk), typeof(qty), qty FROM " + t + " WHERE pk = 'w'")->fetch_all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0].text() == "N");
    CHECK(rows[0][1].text() == "N");
    CHECK(rows[0][2].text() == "7.25");
  }

  SECTION("a date or timestamp bound for a number attribute is stored as its epoch number, as a literal is") {
    // qty's sampled numbers are seconds-sized; stamp_ms is millisecond-sized once an item holds one.
    session.execute("UPDATE " + t + " SET stamp_ms = 1769854830500 WHERE pk = 'c7' AND sk = 1")->fetch_all();
    Session writer(local_settings());  // a fresh sample of the table
    auto insert = writer.prepare("INSERT INTO " + t + " (pk, sk, qty, stamp_ms) VALUES ('e', ?, ?, ?)");
    insert->bind(0, Value::string("2026-03-05T10:00:00"));     // ODBC's timestamp text, into the number key
    insert->bind(1, Value::string("2026-03-05 10:00:00.25"));  // fraction kept
    insert->bind(2, Value::string("2026-03-05T10:00:00.25"));
    CHECK(insert->execute()->rows_affected() == 1);
    auto literal = writer.prepare("INSERT INTO " + t + " (pk, sk, qty, stamp_ms) VALUES ('l', TIMESTAMP '2026-03-05 10:00:00', "
                                  "TIMESTAMP '2026-03-05 10:00:00.25', TIMESTAMP '2026-03-05 10:00:00.25')");
    CHECK(literal->execute()->rows_affected() == 1);
    auto update = writer.prepare("UPDATE " + t + " SET qty = ?, stamp_ms = ? WHERE pk = 'c7' AND sk = 2");
    update->bind(0, Value::string("2026-01-02"));  // ODBC's date text
    update->bind(1, Value::string("20260102"));    // a number stays a number
    CHECK(update->execute()->rows_affected() == 1);
    auto rows = writer.execute("SELECT pk, sk, qty, stamp_ms FROM " + t + " WHERE pk IN ('e', 'l') OR (pk = 'c7' AND sk = 2) ORDER BY pk")
                    ->fetch_all();
    REQUIRE(rows.size() == 3);
    CHECK(value_to_text(rows[0][2]) == "1767312000");
    CHECK(value_to_text(rows[0][3]) == "20260102");
    for (size_t i = 1; i < 3; ++i) {
      INFO(rows[i][0].text());
      CHECK(value_to_text(rows[i][1]) == "1772704800");
      CHECK(value_to_text(rows[i][2]) == "1772704800.25");
      CHECK(value_to_text(rows[i][3]) == "1772704800250");
    }
    update->bind(0, Value::string("soon"));
    CHECK_THROWS_WITH(update->execute(), Catch::Contains("parameter 1: 'soon' is not a number"));
  }
  session.execute("DROP TABLE " + t)->fetch_all();
}

TEST_CASE("engine API: EXPLAIN of CREATE INDEX and ALTER TABLE sends no request for a table the session holds", "[integration][api]") {
  Session session(local_settings());
  std::string t = testing::unique_name("api_explain_ddl");
  session.execute("CREATE TABLE " + t + " (pk VARCHAR PRIMARY KEY)");
  session.execute("SELECT COUNT(*) FROM " + t)->fetch_all();  // the session holds its description now
  // Dropped behind the session's back: any request about the table would now fail with 42S02.
  auto client = testing::local_client();
  client->delete_table(t);
  auto plan = [&](const std::string& sql) {
    std::string text;
    for (const auto& row : session.execute(sql)->fetch_all()) text += row[0].text() + "\n";
    return text;
  };
  CHECK(plan("EXPLAIN ALTER TABLE " + t + " SET (stream = 'keys_only')") == "UpdateTable " + t + " stream=KEYS_ONLY\n");
  CHECK_THAT(plan("EXPLAIN CREATE INDEX by_n ON " + t + " (n NUMBER)"), Catch::StartsWith("UpdateTable " + t));
  // Running it describes the table again first.
  try {
    session.execute("ALTER TABLE " + t + " SET (stream = 'keys_only')");
    FAIL("ALTER TABLE of a dropped table succeeded");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "42S02");
  }
}

// Nothing but cancellation ends a recursion without a stop condition under max_recursion = 0: cancel (the
// console's Ctrl-C, SQLCancel) stops it between iterations with HY008. The limit here is far above what
// half a second runs, so a cancel that did not stop it would end in 54001, not a hang.
TEST_CASE("engine API: a WITH RECURSIVE that never ends is cancelled", "[integration][api]") {
  Session session(local_settings());
  session.execute("SET max_recursion = 50000000")->fetch_all();
  std::thread canceller([&session] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    session.cancel();
  });
  try {
    session.execute("WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT COUNT(*) FROM t")->fetch_all();
    FAIL("an endless recursion ended without an error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "HY008");
  }
  canceller.join();
  session.clear_cancel();
  CHECK(session.execute("WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT COUNT(*) FROM t")
            ->fetch_all()[0][0]
            .text() == "3");
}

// A recursive term reads its tables from DynamoDB once, not once per iteration: the joined table is held
// after its first read (`Held`), and a correlated subquery's table is read at the first iteration only.
// On a hash join's build side (right) the held table is hashed once, at the first iteration, and the
// join keeps its hash table for the others: it hands out its rows once. On the probe side (left) it
// hands them out at every iteration.
TEST_CASE("engine API: WITH RECURSIVE reads the recursive term's tables once", "[integration][api]") {
  Session session(local_settings());
  std::string table = testing::unique_name("edges");
  session.execute("CREATE TABLE \"" + table + "\" (id VARCHAR PRIMARY KEY)")->fetch_all();
  session.execute("INSERT INTO \"" + table + "\" (id, src, dst) VALUES ('ab', 'a', 'b'), ('bc', 'b', 'c'), ('cd', 'c', 'd'), ('de', 'd', 'e')")
      ->fetch_all();
  // From a: b, c, d (each with an edge out) in three iterations; the fourth, from d, adds nothing (e has none).
  std::string t = "\"" + table + "\"";
  for (bool build_side : {false, true}) {
    std::string from = build_side ? "reach r JOIN " + t + " e" : t + " e JOIN reach r";
    std::vector<std::string> plan;
    for (const auto& row : session.execute("EXPLAIN ANALYZE WITH RECURSIVE reach (node) AS (SELECT 'a' UNION SELECT e.dst FROM " + from +
                                           " ON e.src = r.node WHERE EXISTS (SELECT 1 FROM " + t +
                                           " x WHERE x.src = e.dst)) SELECT node FROM reach")
                               ->fetch_all())
      plan.push_back(row[0].text());
    std::string text;
    for (const auto& line : plan) text += line + "\n";
    INFO(text);
    int scans = 0;
    for (const auto& line : plan) {
      if (line.find("-> Scan") != std::string::npos) {
        ++scans;
        CHECK(line.find("returned=4 ") != std::string::npos);
        CHECK(line.find("[rows=4]") != std::string::npos);
      }
      if (line.find("-> Held e") != std::string::npos)  // 4 iterations: once on the build side, at each on the probe side
        CHECK(line.find(build_side ? "[rows=4]" : "[rows=16]") != std::string::npos);
      if (line.find("-> RecursiveCte") != std::string::npos) CHECK(line.find("[rows=4]") != std::string::npos);
    }
    CHECK(scans == 2);
  }
  session.execute("DROP TABLE " + t)->fetch_all();
}
