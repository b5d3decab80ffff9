// Stream tables against DynamoDB Local: GetRecords paging past 1,000 records, order within a key,
// starting after a sequence number, named checkpoints (no gaps, no repeats, nothing saved by a
// statement that fails), follow mode, a simulated expired iterator and trimmed shard, and discovery.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include "api/session.h"
#include "dynamosql/error.h"
#include "streams/stream_reader.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;

namespace {

SessionSettings local_settings() { return testing::local_session_settings(); }

std::vector<Row> rows_of(Session& session, const std::string& sql) { return session.execute(sql)->fetch_all(); }

std::string text(const Value& v) { return v.type() == ValueType::String || v.type() == ValueType::Number ? v.text() : plain_json(v); }

std::string make_stream_table(Session& session, const std::string& prefix, const std::string& view = "NEW_AND_OLD_IMAGES") {
  std::string t = testing::unique_name(prefix);
  session.execute("CREATE TABLE " + t + " (pk VARCHAR, PRIMARY KEY (pk)) WITH (stream = '" + view + "')");
  return t;
}

void insert_range(Session& session, const std::string& table, int from, int to) {
  std::string values;
  for (int k = from; k < to; ++k) {
    values += std::string(values.empty() ? "" : ", ") + "('k" + std::to_string(k) + "', " + std::to_string(k) + ")";
    if ((k - from) % 200 == 199 || k + 1 == to) {
      session.execute("INSERT INTO " + table + " (pk, n) VALUES " + values);
      values.clear();
    }
  }
}

// Wraps the real calls; makes chosen GetRecords calls fail as DynamoDB would.
class FaultyStreamApi : public StreamApi {
 public:
  // Fails GetRecords call number `fail_on_call`, or every call from it on when `persistent`.
  FaultyStreamApi(DynamoClient& client, std::string fault, int fail_on_call, bool persistent = false)
      : real_(client), fault_(std::move(fault)), fail_on_(fail_on_call), persistent_(persistent) {}
  StreamDescription describe_stream(const std::string& arn, const std::string& start) override { return real_.describe_stream(arn, start); }
  std::string get_shard_iterator(const std::string& arn, const std::string& shard, ShardIteratorType type, const std::string& seq) override {
    ++iterators;
    return real_.get_shard_iterator(arn, shard, type, seq);
  }
  RecordsPage get_records(const std::string& iterator) override {
    ++calls;
    if (calls == fail_on_ || (persistent_ && calls > fail_on_)) throw Error(sqlstate::kGeneral, "simulated " + fault_, fault_);
    return real_.get_records(iterator);
  }
  int calls = 0;
  int iterators = 0;

 private:
  ClientStreamApi real_;
  std::string fault_;
  int fail_on_;
  bool persistent_;
};

}  // namespace

TEST_CASE("streams: more than 1,000 records, in order, each exactly once", "[integration][streams]") {
  Session session(local_settings());
  std::string t = make_stream_table(session, "st_many");
  insert_range(session, t, 0, 1200);
  session.execute("UPDATE " + t + " SET n = n + 1000 WHERE pk = 'k7'");
  session.execute("UPDATE " + t + " SET n = n + 1000 WHERE pk = 'k7'");
  session.execute("DELETE FROM " + t + " WHERE pk = 'k7'");
  auto rows = rows_of(session, "SELECT pk, event_name, sequence_number, new_image.n FROM streams." + t);
  REQUIRE(rows.size() == 1203);
  std::set<std::string> inserted;
  std::string previous;
  std::vector<std::string> k7;
  for (const auto& r : rows) {
    if (r[1].text() == "INSERT") inserted.insert(r[0].text());
    if (r[0].text() == "k7") k7.push_back(r[1].text() + ":" + (r[3].is_null_or_missing() ? "-" : r[3].text()));
    if (!previous.empty()) CHECK(Number::from_text(previous) < r[2].as_number());  // one shard: ascending
    previous = r[2].text();
  }
  CHECK(inserted.size() == 1200);
  CHECK(k7 == std::vector<std::string>{"INSERT:7", "MODIFY:1007", "MODIFY:2007", "REMOVE:-"});
  // EXPLAIN ANALYZE shows the paging: at least two GetRecords pages of at most 1,000 records.
  auto plan = rows_of(session, "EXPLAIN ANALYZE SELECT COUNT(*) FROM streams." + t);
  std::string all;
  for (auto& r : plan) all += r[0].text() + "\n";
  CHECK(all.find("records=1203") != std::string::npos);
}

TEST_CASE("streams: starting after a sequence number", "[integration][streams]") {
  Session session(local_settings());
  std::string t = make_stream_table(session, "st_after");
  insert_range(session, t, 0, 10);
  auto all = rows_of(session, "SELECT sequence_number, pk FROM streams." + t);
  REQUIRE(all.size() == 10);
  std::string third = all[2][0].text();
  auto after = rows_of(session, "SELECT pk FROM streams." + t + " WHERE sequence_number > " + third);
  REQUIRE(after.size() == 7);
  CHECK(after[0][0].text() == all[3][1].text());
  auto at = session.prepare("SELECT pk FROM streams." + t + " WHERE sequence_number >= ?");
  at->bind(0, Value::number_text(third));
  auto rows = at->execute()->fetch_all();
  REQUIRE(rows.size() == 8);
  CHECK(rows[0][0].text() == all[2][1].text());
}

TEST_CASE("streams: a named checkpoint resumes without gaps or repeats", "[integration][streams]") {
  std::string dir = testing::scratch_dir();
  setenv("DYNAMOSQL_CHECKPOINT_DIR", dir.c_str(), 1);
  Session session(local_settings());
  std::string t = make_stream_table(session, "st_checkpoint");
  std::string copy = testing::unique_name("st_copy");
  session.execute("CREATE TABLE " + copy + " (id VARCHAR, PRIMARY KEY (id))");
  insert_range(session, t, 0, 5);
  session.execute("SET stream_checkpoint = 'replica'");
  std::string replicate = "INSERT INTO " + copy + " (id, pk, kind) SELECT event_id, pk, event_name FROM streams." + t;
  CHECK(session.execute(replicate)->rows_affected() == 5);
  CHECK(session.execute(replicate)->rows_affected() == 0);  // nothing new
  insert_range(session, t, 5, 8);
  session.execute("DELETE FROM " + t + " WHERE pk = 'k0'");
  CHECK(session.execute(replicate)->rows_affected() == 4);
  // A SELECT that fails part-way saves nothing: the next read still sees the same records.
  insert_range(session, t, 8, 10);
  CHECK_THROWS_AS(session.execute("SELECT pk, 1 / (n - 9) FROM streams." + t)->fetch_all(), Error);
  CHECK(session.execute(replicate)->rows_affected() == 2);
  // Every record exactly once, none missed.
  auto counts = rows_of(session, "SELECT kind, COUNT(*), COUNT(DISTINCT pk) FROM " + copy + " GROUP BY kind ORDER BY kind");
  REQUIRE(counts.size() == 2);
  CHECK(text(counts[0][0]) + " " + text(counts[0][1]) + " " + text(counts[0][2]) == "INSERT 10 10");
  CHECK(text(counts[1][0]) + " " + text(counts[1][1]) == "REMOVE 1");
  // A second session resumes from the file.
  Session other(local_settings());
  other.execute("SET stream_checkpoint = 'replica'");
  insert_range(session, t, 10, 11);
  auto fresh = rows_of(other, "SELECT pk FROM streams." + t);
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0][0].text() == "k10");
  // Inside a transaction the checkpoint moves at COMMIT; ROLLBACK keeps it.
  insert_range(session, t, 11, 12);
  session.execute("BEGIN");
  session.execute(replicate);
  session.execute("ROLLBACK");
  session.execute("BEGIN");
  // k11 only: k10 was consumed under the same name by the other session; the rolled-back read did not count.
  CHECK(session.execute(replicate)->rows_affected() == 1);
  session.execute("COMMIT");
  CHECK(session.execute(replicate)->rows_affected() == 0);
  // A damaged checkpoint file is an error, never a silent restart from the beginning.
  std::string copied = rows_of(session, "SELECT COUNT(*) FROM " + copy)[0][0].text();
  std::ofstream(dir + "/replica.json") << "{not json";
  try {
    session.execute(replicate);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == sqlstate::kDataException);
  }
  CHECK(rows_of(session, "SELECT COUNT(*) FROM " + copy)[0][0].text() == copied);
  unsetenv("DYNAMOSQL_CHECKPOINT_DIR");
}

TEST_CASE("streams: an expired iterator is renewed; trimmed or vanished shards are errors", "[integration][streams]") {
  Session session(local_settings());
  std::string t = make_stream_table(session, "st_faults");
  insert_range(session, t, 0, 1500);  // two GetRecords pages at least
  std::string arn = SessionInternals(session).catalog().table(t)->description.latest_stream_arn;
  auto read_all = [&](StreamApi& api, StreamReadOptions options) {
    StreamReader reader(api, arn, std::move(options));
    std::vector<StreamRecord> records;
    while (reader.next(records, [] {})) {
    }
    return records;
  };
  SECTION("ExpiredIteratorException on the second page") {
    FaultyStreamApi api(SessionInternals(session).client(), "ExpiredIteratorException", 2);
    auto records = read_all(api, {});
    REQUIRE(records.size() == 1500);
    std::set<std::string> seen;
    for (auto& r : records) seen.insert(r.sequence_number);
    CHECK(seen.size() == 1500);  // no repeats
    CHECK(api.iterators == 2);   // a fresh iterator after the last record read
  }
  SECTION("a stale iterator (TrimmedDataAccessException once) is renewed from the same position") {
    FaultyStreamApi api(SessionInternals(session).client(), "TrimmedDataAccessException", 2);
    auto records = read_all(api, {});
    REQUIRE(records.size() == 1500);
    std::set<std::string> seen;
    for (auto& r : records) seen.insert(r.sequence_number);
    CHECK(seen.size() == 1500);
  }
  SECTION("records that are really gone (TrimmedDataAccessException again) are an error saying so") {
    FaultyStreamApi api(SessionInternals(session).client(), "TrimmedDataAccessException", 1, true);
    try {
      read_all(api, {});
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == sqlstate::kDataException);
      CHECK(std::string(e.what()).find("records were lost") != std::string::npos);
    }
  }
  SECTION("a checkpointed shard that no longer exists") {
    ClientStreamApi api(SessionInternals(session).client());
    StreamReadOptions options;
    options.checkpoint["shardId-00000000000000000000-gone"] = {"42", false};
    try {
      read_all(api, options);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == sqlstate::kDataException);
      CHECK(std::string(e.what()).find("no longer exists") != std::string::npos);
    }
  }
}

TEST_CASE("streams: follow mode picks up records written while it waits", "[integration][streams]") {
  Session writer(local_settings());
  std::string t = make_stream_table(writer, "st_follow");
  insert_range(writer, t, 0, 3);  // history that LATEST skips
  Session follower(local_settings());
  follower.execute("SET stream_follow = true");
  follower.execute("SET stream_start = 'latest'");
  std::vector<Row> got;
  std::exception_ptr error;
  std::atomic<bool> returned{false};
  std::thread reader([&] {
    try {
      got = follower.execute("SELECT pk, event_name FROM streams." + t + " LIMIT 2")->fetch_all();
    } catch (...) {
      error = std::current_exception();
    }
    returned = true;
  });
  // Writes keep coming (the follower may take its LATEST iterator at any moment); bounded: after 30 s
  // the follower is cancelled and the test fails.
  int late = 0;
  for (int waited = 0; waited < 60 && !returned; ++waited) {
    writer.execute("INSERT INTO " + t + " (pk) VALUES ('late" + std::to_string(++late) + "')");
    for (int k = 0; k < 5 && !returned; ++k) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!returned) follower.cancel();
  reader.join();
  if (error) std::rethrow_exception(error);
  REQUIRE(got.size() == 2);
  // Only records written after it started (LATEST skips the history k0..k2), in order.
  CHECK(got[0][0].text().rfind("late", 0) == 0);
  CHECK(got[1][0].text().rfind("late", 0) == 0);
  CHECK(std::stoi(got[0][0].text().substr(4)) + 1 == std::stoi(got[1][0].text().substr(4)));
  CHECK(got[1][1].text() == "INSERT");
}

TEST_CASE("streams: discovery through SHOW TABLES and DESCRIBE", "[integration][streams]") {
  Session session(local_settings());
  std::string t = make_stream_table(session, "st_show", "KEYS_ONLY");
  std::string plain = testing::unique_name("st_plain");
  session.execute("CREATE TABLE " + plain + " (pk VARCHAR, PRIMARY KEY (pk))");
  std::set<std::string> names;
  for (auto& r : rows_of(session, "SHOW TABLES")) names.insert(r[0].text());
  CHECK(names.count(t) == 1);
  CHECK(names.count("streams." + t) == 1);
  CHECK(names.count(plain) == 1);
  CHECK(names.count("streams." + plain) == 0);
  auto describe = rows_of(session, "DESCRIBE streams." + t);
  REQUIRE(describe.size() == 14);  // 12 record columns, the key, the stream
  CHECK(describe[12][1].text() == "pk");
  CHECK(describe[13][0].text() == "stream");
  CHECK(describe[13][2].text() == "KEYS_ONLY");
  try {
    rows_of(session, "SELECT * FROM streams." + plain);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "55000");
    CHECK(e.line() == 1);
  }
}
