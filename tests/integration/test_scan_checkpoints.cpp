// Scan checkpoints (SET scan_checkpoint) and the checkpoint stores. An UPSERT or INSERT ... SELECT cut
// off by a network outage (through the fault-injecting proxy, which also throttles and returns partial
// batches, so the writers lag one another) has saved only positions below which every item is written
// — checked item by item against the source — and the same statement run again, through every fault
// the proxy has, continues there: it reads fewer rows than the table, the target ends equal to the
// source, and a third run does nothing; the same through a forced KEYS_ONLY index, Scanned and
// fetched back, whose saved index positions never pass a key not yet fetched. Segments checkpoint
// separately, in files or in the DynamoDB table dynamosql_checkpoints, which streams and COPY FROM
// use as well. Plans that cannot resume part-way are refused.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "api/session.h"
#include "checkpoint/checkpoint_store.h"
#include "dynamosql/error.h"
#include "support/fault_proxy.h"
#include "support/test_env.h"
#include "support/test_tables.h"
#include "value/json.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

constexpr int kItems = 6000;

// Checkpoint files go to a private directory for this test run.
std::string use_private_checkpoint_dir() {
  static std::string dir = [] {
    std::string d = scratch_dir();
    setenv("DYNAMOSQL_CHECKPOINT_DIR", d.c_str(), 1);
    return d;
  }();
  return dir;
}

// The scan entries saved under `name` in `backend`, by entry key.
std::map<std::string, std::string> scan_entries(Session& s, const std::string& name, CheckpointBackend backend = CheckpointBackend::File) {
  std::map<std::string, std::string> out;
  if (backend == CheckpointBackend::File) {
    std::ifstream in(use_private_checkpoint_dir() + "/" + name + ".json");
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.IsObject())
      for (const auto& m : doc.GetObject()) {
        rapidjson::StringBuffer buffer;
        JsonWriter writer(buffer);
        m.value.Accept(writer);
        if (std::string(m.name.GetString()).rfind("scan:", 0) == 0) out[m.name.GetString()] = buffer.GetString();
      }
    return out;
  }
  for (const auto& row : s.execute("SELECT entry, state FROM dynamosql_checkpoints WHERE name = '" + name + "'")->fetch_all())
    out[row[0].text()] = row[1].text();
  return out;
}

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE(d.IsObject());
  return d;
}

// Whether `item` holds every attribute of `key` with its value.
bool has_key(const Item& item, const Item& key) {
  return std::all_of(key.begin(), key.end(), [&](const auto& attribute) {
    const Value* v = find_attribute(item, attribute.first);
    return v && *v == attribute.second;
  });
}

// Every source item the entry's positions claim written — each segment of the table (or of its index
// `index`) read in scan order up to and including the item of its saved start key, or whole when done —
// is in the target, unaltered. Returns how many items that is.
size_t check_written_below(DynamoClient& client, const std::string& source, const std::string& index, const rapidjson::Value& entry,
                           const std::map<std::string, std::string>& target, const std::map<std::string, std::string>& expected) {
  size_t checked = 0;
  for (const auto& p : entry["positions"].GetArray()) {
    bool done = p["done"].GetBool();
    if (!done && !p.HasMember("start_key")) continue;  // nothing below the start
    std::optional<Item> last;
    if (!done) last = item_from_wire(p["start_key"]);
    ScanRequest scan;
    scan.table = source;
    scan.index = index;
    scan.segment = p["segment"].GetInt();
    scan.total_segments = p["total"].GetInt();
    bool reached = false;
    while (!reached) {
      Page page = client.scan(scan);
      for (const auto& item : page.items) {
        std::string pk = find_attribute(item, "pk")->text();
        auto it = target.find(pk);
        INFO("item " << pk << " lies below a saved position");
        REQUIRE(it != target.end());
        CHECK(it->second == expected.at(pk));
        ++checked;
        if (last && has_key(item, *last)) {
          reached = true;
          break;
        }
      }
      if (!page.last_evaluated_key) break;
      scan.exclusive_start_key = page.last_evaluated_key;
    }
    CHECK((done || reached));
  }
  return checked;
}

}  // namespace

TEST_CASE("an interrupted INSERT or UPSERT ... SELECT resumes from its scan checkpoint", "[checkpoints]") {
  use_private_checkpoint_dir();
  Session direct(local_session_settings());
  DropAtEnd dropped(direct);
  std::string source = dropped(make_varied_table(direct, "ckpt_src", kItems));
  // Through this forced index, which holds only the keys, the copy Scans it and fetches every item back.
  direct.execute("CREATE INDEX by_n ON " + source + " (n NUMBER) WITH (projection = 'KEYS_ONLY')");
  auto expected = snapshot(SessionInternals(direct).client(), source);

  for (std::string index : {"", "by_n"})
  for (const char* verb : {"UPSERT", "INSERT"}) {
    DYNAMIC_SECTION(verb << " ... SELECT cut off by an outage, reading " << (index.empty() ? "the table" : "a forced index")) {
      std::string target = dropped(unique_name("ckpt_dst")), name = unique_name("ckpt");
      create_table(direct, target);
      std::string query = "SELECT * FROM " + source + (index.empty() ? "" : ".\"" + index + "\"");
      std::string sql = std::string(verb) + " INTO " + target + " " + query;
      if (!index.empty()) {
        std::string plan;
        for (const auto& row : direct.execute("EXPLAIN " + query)->fetch_all()) plan += row[0].text() + "\n";
        INFO(plan);
        REQUIRE(plan.find("fetching back from index by_n (KEYS_ONLY)") != std::string::npos);
        REQUIRE(plan.find("Scan " + source + ".by_n") != std::string::npos);
      }
      {
        // Held to 2,000 rows/s; the network goes away once a position with rows below it is saved.
        // Until then batches come back partial and requests are throttled, so the writers' lanes lag
        // one another. Nothing may fail a row before that save: a failed row holds every later
        // position back (an INSERT's put throttled on all of this session's 3 attempts did, now and
        // then, among thousands of puts, and the run ended with nothing saved). So no errors or drops,
        // a request is throttled at most once, and a BatchWriteItem of at most 25 items can come back
        // partial at most 5 times in a row (half is kept each time), below the writer's 12 rounds.
        FaultRates lagging;
        lagging.partial = 0.25;
        lagging.throttle = 0.03;
        lagging.throttle_each_request_once = true;
        FaultProxy proxy(local_endpoint(), lagging);
        Session faulty(through(proxy, true));
        faulty.execute("SET scan_checkpoint = '" + name + "'");
        faulty.execute("SET scan_segments = 3");
        faulty.execute("SET write_rows_per_second = 2000");
        std::atomic<bool> finished{false};
        std::thread outage([&] {
          while (!finished) {
            auto entries = scan_entries(direct, name);
            if (!entries.empty() && parsed(entries.begin()->second)["rows_written"].GetInt64() > 0) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
          proxy.set_outage(true);
        });
        try {
          faulty.execute(sql);
          FAIL("the outage should have stopped the statement");
        } catch (const Error& e) {
          INFO(e.describe());
          CHECK(std::string(e.what()).find("could not be saved") == std::string::npos);
        }
        finished = true;
        outage.join();
      }
      // Everything the saved position claims is written, is.
      auto entries = scan_entries(direct, name);
      REQUIRE(entries.size() == 1);
      auto entry = parsed(entries.begin()->second);
      CHECK(entry["runs"].GetInt64() == 1);
      CHECK_FALSE(entry["done"].GetBool());
      int64_t saved = entry["rows_written"].GetInt64();
      CHECK(saved > 0);
      CHECK(saved < kItems);
      auto partial = snapshot(SessionInternals(direct).client(), target);
      CHECK(check_written_below(SessionInternals(direct).client(), source, index, entry, partial, expected) == static_cast<size_t>(saved));

      // The same statement again, still through faults: it continues, writes the rest once, and an
      // INSERT does not mistake rows its first run wrote after the checkpoint for duplicates.
      FaultProxy proxy(local_endpoint(), heavy_faults());
      Session resumed(through(proxy, false));
      resumed.execute("SET scan_checkpoint = '" + name + "'");
      auto cursor = resumed.execute(sql);
      INFO(cursor->notice());
      CHECK(cursor->notice().find("run 2, resumed after " + std::to_string(saved) + " rows written") != std::string::npos);
      CHECK(cursor->rows_affected() == kItems - saved);
      std::string diff = differences(snapshot(SessionInternals(direct).client(), target), expected);
      INFO(diff);
      CHECK(diff.empty());
      auto done = parsed(scan_entries(direct, name).begin()->second);
      CHECK(done["done"].GetBool());
      CHECK(done["rows_written"].GetInt64() == kItems);
      CHECK(done["rows_read"].GetInt64() == kItems);
      // A third run: done, nothing to do.
      auto again = resumed.execute(sql);
      CHECK(again->rows_affected() == 0);
      CHECK(again->status().find("completed under checkpoint '" + name + "'") != std::string::npos);
    }
  }
}

TEST_CASE("segments checkpoint separately in the DynamoDB table dynamosql_checkpoints", "[checkpoints]") {
  Session direct(local_session_settings());
  DropAtEnd dropped(direct);
  std::string source = dropped(make_varied_table(direct, "ckpt_seg_src", kItems));
  auto expected = snapshot(SessionInternals(direct).client(), source);
  std::string target = dropped(unique_name("ckpt_seg_dst")), name = unique_name("ckpt_seg");
  create_table(direct, target);
  std::string sql = "UPSERT INTO " + target + " SELECT * FROM " + source;
  auto segment_session = [&](int segment) {
    auto s = std::make_unique<Session>(local_session_settings());
    s->execute("SET checkpoint_store = 'dynamodb'");
    s->execute("SET scan_checkpoint = '" + name + "'");
    s->execute("SET scan_total_segments = 4");
    s->execute("SET scan_segment = " + std::to_string(segment));
    return s;
  };
  // Segment 2 is cancelled part-way (held to 100 rows/s, cancelled once it has saved progress); the
  // others finish. Its ~1,500 rows are a page of ~1,000 (10 s) before the first save, then ~5 s in which
  // the watcher must see that save and cancel: at 150 rows/s (~3 s) a loaded machine missed it once.
  int64_t first_runs = 0;
  for (int segment = 0; segment < 4; ++segment) {
    auto s = segment_session(segment);
    if (segment != 2) {
      first_runs += s->execute(sql)->rows_affected();
      continue;
    }
    s->execute("SET write_rows_per_second = 100");
    std::thread cancel([&] {  // once a position with rows below it is saved
      Session watcher(local_session_settings());
      for (;;) {
        auto entries = scan_entries(watcher, name, CheckpointBackend::Table);
        bool progress = false;
        for (const auto& [key, state] : entries)
          progress |= key.substr(key.size() - 4) == ":2/4" && parsed(state)["rows_written"].GetInt64() > 0;
        if (progress) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      s->cancel();
    });
    std::string outcome = "completed";
    try {
      s->execute(sql);
    } catch (const Error& e) {
      outcome = e.sqlstate();
    }
    cancel.join();
    REQUIRE(outcome == "HY008");  // cancelled part-way
  }
  auto entries = scan_entries(direct, name, CheckpointBackend::Table);
  REQUIRE(entries.size() == 4);
  int64_t saved = 0;
  for (const auto& [key, state] : entries) {
    auto entry = parsed(state);
    if (key.substr(key.size() - 4) != ":2/4") {
      CHECK(entry["done"].GetBool());
      continue;
    }
    CHECK_FALSE(entry["done"].GetBool());
    saved = entry["rows_written"].GetInt64();
    CHECK(saved > 0);
    CHECK(check_written_below(SessionInternals(direct).client(), source, "", entry, snapshot(SessionInternals(direct).client(), target), expected) == static_cast<size_t>(saved));
  }
  // Every segment again: the finished ones do nothing, segment 2 continues.
  int64_t second_runs = 0;
  for (int segment = 0; segment < 4; ++segment) {
    auto cursor = segment_session(segment)->execute(sql);
    second_runs += cursor->rows_affected();
    if (segment != 2) CHECK(cursor->rows_affected() == 0);
    else CHECK(cursor->notice().find("segment 2 of 4: read ") != std::string::npos);
  }
  CHECK(first_runs + saved + second_runs == kItems);
  CHECK(differences(snapshot(SessionInternals(direct).client(), target), expected).empty());
  // The table shows the job's progress to anyone with SQL.
  auto rows = direct.execute("SELECT entry, rows_written, runs, done FROM dynamosql_checkpoints WHERE name = '" + name + "'")->fetch_all();
  REQUIRE(rows.size() == 4);
  int64_t written = 0;
  for (const auto& row : rows) {
    written += *row[1].as_number().to_int64();
    CHECK(row[3].as_bool());
    bool is_segment_2 = row[0].text().substr(row[0].text().size() - 4) == ":2/4";
    CHECK(*row[2].as_number().to_int64() == (is_segment_2 ? 2 : 1));
  }
  CHECK(written == kItems);
}

TEST_CASE("scan checkpoints: plans that cannot resume, statements without a scan, one name for a script", "[checkpoints]") {
  use_private_checkpoint_dir();
  Session s(local_session_settings());
  DropAtEnd dropped(s);
  std::string source = dropped(make_varied_table(s, "ckpt_plan_src", 300));
  std::string target = dropped(unique_name("ckpt_plan_dst"));
  create_table(s, target);
  s.execute("SET scan_checkpoint = '" + unique_name("ckpt_plan") + "'");
  for (std::string sql : {"UPSERT INTO " + target + " (pk, c) SELECT note, COUNT(*) FROM " + source + " GROUP BY note",
                          "UPSERT INTO " + target + " SELECT DISTINCT * FROM " + source,
                          "UPSERT INTO " + target + " SELECT * FROM " + source + " ORDER BY pk",
                          "UPSERT INTO " + target + " SELECT * FROM " + source + " LIMIT 10",
                          "UPSERT INTO " + target + " SELECT * FROM " + source + " UNION ALL SELECT * FROM " + source,
                          "UPSERT INTO " + target + " SELECT * FROM " + source + " EXCEPT SELECT * FROM " + source + " WHERE pk = 'x'",
                          "UPSERT INTO " + target + " SELECT r.* FROM " + source + " l RIGHT JOIN " + source + " r ON l.pk = r.pk"}) {
    INFO(sql);
    try {
      s.execute(sql);
      FAIL("refused");
    } catch (const Error& e) {
      CHECK(std::string(e.sqlstate()) == "0A000");
      CHECK(std::string(e.what()).find("scan_checkpoint") != std::string::npos);
    }
  }
  // Two statements under one name, and one without a scan (VALUES): each is marked done on its own.
  std::string copy_all = "UPSERT INTO " + target + " SELECT * FROM " + source;
  std::string one_row = "INSERT INTO " + target + " (pk, v) VALUES ('extra', 1)";
  CHECK(s.execute(copy_all)->rows_affected() == 300);
  CHECK(s.execute(one_row)->rows_affected() == 1);
  CHECK(s.execute(copy_all)->rows_affected() == 0);
  CHECK(s.execute(one_row)->rows_affected() == 0);  // would be a duplicate key without the checkpoint
  // A parameter is part of the statement: another value is another statement.
  auto insert = s.prepare("INSERT INTO " + target + " (pk, v) VALUES (?, 2)");
  insert->bind(0, Value::string("p1"));
  CHECK(insert->execute()->rows_affected() == 1);
  CHECK(insert->execute()->rows_affected() == 0);
  insert->bind(0, Value::string("p2"));
  CHECK(insert->execute()->rows_affected() == 1);
  // Not inside a transaction.
  s.execute("BEGIN");
  CHECK_THROWS_AS(s.execute("UPSERT INTO " + target + " (pk) VALUES ('t')"), Error);
  s.execute("ROLLBACK");
  CHECK_THROWS_AS(s.execute("SET checkpoint_store = 'floppy'"), Error);
  CHECK_THROWS_AS(s.execute("SET scan_checkpoint = '../x'"), Error);
}

TEST_CASE("checkpoint stores: concurrent saves keep every entry; a finished entry is final", "[checkpoints]") {
  use_private_checkpoint_dir();
  auto client = local_client();
  for (CheckpointBackend backend : {CheckpointBackend::File, CheckpointBackend::Table}) {
    DYNAMIC_SECTION(checkpoint_backend_name(backend)) {
      std::string name = unique_name("ckpt_store");
      // Eight processes' worth of writers saving their own entries of one name at once.
      std::vector<std::thread> writers;
      for (int w = 0; w < 8; ++w)
        writers.emplace_back([&, w] {
          auto store = open_checkpoint_store(backend, name, *client);
          for (int round = 0; round < 15; ++round) {
            rapidjson::Document entry;
            entry.SetObject();
            entry.AddMember("round", round, entry.GetAllocator());
            store->save_entry("entry" + std::to_string(w), entry);
          }
        });
      for (auto& t : writers) t.join();
      auto store = open_checkpoint_store(backend, name, *client);
      for (int w = 0; w < 8; ++w) {
        auto entry = store->load_entry("entry" + std::to_string(w));
        REQUIRE(entry.HasMember("round"));
        CHECK(entry["round"].GetInt() == 14);
      }
      rapidjson::Document done;
      done.SetObject();
      done.AddMember("done", true, done.GetAllocator());
      CHECK(store->save_entry("finished", done));
      rapidjson::Document late;
      late.SetObject();
      late.AddMember("done", false, late.GetAllocator());
      CHECK_FALSE(store->save_entry("finished", late));
      CHECK(store->load_entry("finished")["done"].GetBool());
      CHECK(store->load_entry("never saved").ObjectEmpty());
    }
  }
}

TEST_CASE("stream checkpoints and COPY FROM checkpoints in the DynamoDB store", "[checkpoints]") {
  Session s(local_session_settings());
  DropAtEnd dropped(s);
  s.execute("SET checkpoint_store = 'dynamodb'");
  std::string table = dropped(unique_name("ckpt_stream"));
  s.execute("CREATE TABLE " + table + " (pk VARCHAR PRIMARY KEY) WITH (stream = 'NEW_IMAGE')");
  s.execute("INSERT INTO " + table + " (pk) VALUES ('a'), ('b'), ('c')");
  std::string name = unique_name("ckpt_stream");
  s.execute("SET stream_checkpoint = '" + name + "'");
  CHECK(s.execute("SELECT pk FROM streams." + table)->fetch_all().size() == 3);
  s.execute("INSERT INTO " + table + " (pk) VALUES ('d'), ('e')");
  // Another session, as on another machine, continues after the saved positions.
  Session other(local_session_settings());
  other.execute("SET checkpoint_store = 'dynamodb'");
  other.execute("SET stream_checkpoint = '" + name + "'");
  std::set<std::string> next;
  for (const auto& row : other.execute("SELECT pk FROM streams." + table)->fetch_all()) next.insert(row[0].text());
  CHECK(next == std::set<std::string>{"d", "e"});

  std::string dir = scratch_dir();
  std::ofstream(dir + "/rows.jsonl") << "{\"pk\": \"x\"}\n{\"pk\": \"y\"}\n";
  std::string copy = "COPY " + table + " FROM '" + dir + "/rows.jsonl' WITH (checkpoint = '" + unique_name("ckpt_copy") + "')";
  CHECK(s.execute(copy)->rows_affected() == 2);
  CHECK(other.execute(copy)->rows_affected() == 0);  // the other session finds it done
  std::filesystem::remove_all(dir);
}
