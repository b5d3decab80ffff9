// The engine API as the console and the ODBC driver use it: prepared statements with `?` parameters
// (bound, unbound, described before execution), row counts of writes, and cancellation between pages,
// which must end in an error (HY008), never in a silently short result.
#include <catch2/catch.hpp>

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
    // The session is usable afterwards.
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
