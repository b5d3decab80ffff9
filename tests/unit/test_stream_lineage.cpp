// Stream shard lineage against a fake Streams API (DynamoDB Local has one shard): a parent split into
// two children, one of them split again, closed and open shards, listed children first over several
// DescribeStream pages. A parent is read completely before its children and the records of one key
// come in order; starting after a sequence number skips the shards before it; a checkpoint taken
// before the split resumes after it with nothing missed and nothing repeated. Sequence numbers of
// different shards are not comparable (DynamoDB promises order within a shard only), so one family
// has a child that starts below its parent: only ParentShardId can put the parent first there.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "dynamo/dynamo_client.h"
#include "streams/stream_reader.h"
#include "support/fake_stream_server.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

// A (closed) split into B (closed) and C (open); B split into D (open). E (closed) has one child, F
// (open), whose sequence numbers start below E's.
std::vector<FakeShard> split_shards() {
  FakeShard a{"A", "", "100", std::string("199"), {{"100", "k1"}, {"101", "k2"}, {"102", "k1"}}};
  FakeShard b{"B", "A", "200", std::string("299"), {{"200", "k1"}, {"201", "k3"}}};
  FakeShard c{"C", "A", "300", std::nullopt, {{"300", "k2"}, {"301", "k2"}}};
  FakeShard d{"D", "B", "400", std::nullopt, {{"400", "k1"}, {"401", "k3"}}};
  FakeShard e{"E", "", "700", std::string("799"), {{"700", "k9"}, {"701", "k9"}}};
  FakeShard f{"F", "E", "650", std::nullopt, {{"650", "k8"}, {"651", "k8"}}};
  return {d, f, c, b, e, a};  // children before parents, as nothing guarantees the order
}

struct Read {
  std::string shard, sequence, key;
};

struct Reading {
  std::vector<Read> records;
  StreamPositions positions;
};

Reading read_all(FakeStreamServer& server, StreamReadOptions options) {
  AwsSettings s;
  s.endpoint = server.endpoint();
  s.region = "us-east-1";
  s.access_key_id = "AKIDTEST";
  s.secret_access_key = "SECRET";
  DynamoClient client(resolve_aws(s, [](const std::string&) { return std::nullopt; }));
  ClientStreamApi api(client);
  StreamReader reader(api, FakeStreamServer::arn(), std::move(options));
  Reading out;
  std::vector<StreamRecord> page;
  while (reader.next(page, [] {})) {
    for (const auto& r : page) out.records.push_back({reader.current_shard(), r.sequence_number, find_attribute(r.keys, "pk")->text()});
    page.clear();
  }
  out.positions = reader.positions();
  return out;
}

std::vector<std::string> sequences(const Reading& r) {
  std::vector<std::string> out;
  for (const auto& x : r.records) out.push_back(x.sequence);
  return out;
}

// Independent shards are read in parallel, so only the order within a key (and a shard) is fixed:
// the records read, sorted.
std::vector<std::string> sorted_sequences(const Reading& r) {
  std::vector<std::string> out = sequences(r);
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return compare_sequence_numbers(a, b) < 0; });
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Each key's records come in the order of their sequence numbers.
void check_key_order(const Reading& r) {
  std::map<std::string, std::string> last_of_key;
  for (const auto& x : r.records) {
    INFO("key " << x.key << " at " << x.sequence);
    CHECK(compare_sequence_numbers(last_of_key[x.key].empty() ? "0" : last_of_key[x.key], x.sequence) < 0);
    last_of_key[x.key] = x.sequence;
  }
}

// The position in the reading of the last record of `shard` and of the first of `child`.
void check_parent_first(const Reading& r, const std::string& parent, const std::string& child) {
  size_t last_of_parent = 0, first_of_child = r.records.size();
  for (size_t i = 0; i < r.records.size(); ++i) {
    if (r.records[i].shard == parent) last_of_parent = i;
    if (r.records[i].shard == child) first_of_child = std::min(first_of_child, i);
  }
  INFO(parent << " before " << child);
  CHECK(last_of_parent < first_of_child);
}

}  // namespace

TEST_CASE("streams: split shards are read parent first, each key in order", "[streams]") {
  FakeStreamServer server(split_shards());
  Reading r = read_all(server, {});
  std::vector<std::string> seen = sequences(r);
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"100", "101", "102", "200", "201", "300", "301", "400", "401", "650", "651", "700", "701"});
  check_parent_first(r, "A", "B");
  check_parent_first(r, "A", "C");
  check_parent_first(r, "B", "D");
  check_parent_first(r, "E", "F");
  check_key_order(r);
  // Closed shards are done; open ones are where the reading stopped.
  CHECK(r.positions["A"].done);
  CHECK(r.positions["B"].done);
  CHECK_FALSE(r.positions["C"].done);
  CHECK(r.positions["C"].sequence_number == "301");
  CHECK(r.positions["D"].sequence_number == "401");
  CHECK(r.positions["E"].done);
  CHECK(r.positions["F"].sequence_number == "651");
  CHECK(sorted(server.iterator_calls()) == std::vector<std::string>{"GetShardIterator A TRIM_HORIZON", "GetShardIterator B TRIM_HORIZON",
                                                                    "GetShardIterator C TRIM_HORIZON", "GetShardIterator D TRIM_HORIZON",
                                                                    "GetShardIterator E TRIM_HORIZON", "GetShardIterator F TRIM_HORIZON"});
}

TEST_CASE("streams: starting after a sequence number skips the shards that end before it", "[streams]") {
  FakeStreamServer server(split_shards());
  StreamReadOptions after;
  after.from_sequence = "201";
  Reading r = read_all(server, after);
  CHECK(sorted_sequences(r) == std::vector<std::string>{"300", "301", "400", "401", "650", "651", "700", "701"});
  check_key_order(r);
  check_parent_first(r, "E", "F");
  // A ends before 201: never read. B holds it: read after it. The others start later: from their start.
  CHECK(sorted(server.iterator_calls()) == std::vector<std::string>{"GetShardIterator B AFTER_SEQUENCE_NUMBER 201",
                                                                    "GetShardIterator C TRIM_HORIZON", "GetShardIterator D TRIM_HORIZON",
                                                                    "GetShardIterator E TRIM_HORIZON", "GetShardIterator F TRIM_HORIZON"});

  FakeStreamServer again(split_shards());
  StreamReadOptions at = after;
  at.from_inclusive = true;
  CHECK(sorted_sequences(read_all(again, at)) == std::vector<std::string>{"201", "300", "301", "400", "401", "650", "651", "700", "701"});
}

TEST_CASE("streams: a checkpoint taken before a split resumes across it", "[streams]") {
  // Before the split: A alone and open, two records.
  FakeStreamServer server({FakeShard{"A", "", "100", std::nullopt, {{"100", "k1"}, {"101", "k2"}}}});
  Reading before = read_all(server, {});
  CHECK(sequences(before) == std::vector<std::string>{"100", "101"});
  REQUIRE_FALSE(before.positions["A"].done);

  // A got one more record and closed; its children and a grandchild appeared.
  server.set_shards(split_shards());
  StreamReadOptions resume;
  resume.checkpoint = before.positions;
  Reading after = read_all(server, resume);
  CHECK(sorted_sequences(after) == std::vector<std::string>{"102", "200", "201", "300", "301", "400", "401", "650", "651", "700", "701"});
  check_key_order(after);
  check_parent_first(after, "A", "B");
  CHECK(server.iterator_calls().at(1) == "GetShardIterator A AFTER_SEQUENCE_NUMBER 101");

  // Resuming again: the closed shards are done, the open ones continue after their last record.
  auto grown = split_shards();
  grown[0].records.push_back({"402", "k1"});
  server.set_shards(grown);
  resume.checkpoint = after.positions;
  CHECK(sequences(read_all(server, resume)) == std::vector<std::string>{"402"});
  auto calls = server.iterator_calls();
  CHECK(std::vector<std::string>(calls.end() - 3, calls.end()) ==
        std::vector<std::string>{"GetShardIterator C AFTER_SEQUENCE_NUMBER 301", "GetShardIterator D AFTER_SEQUENCE_NUMBER 401",
                                 "GetShardIterator F AFTER_SEQUENCE_NUMBER 651"});
}

TEST_CASE("streams: independent shards are read in parallel, one reader a shard, children after their parents", "[streams]") {
  // Eight families: a closed parent of four records and an open child of two, one key per family
  // moving from the parent to the child.
  std::vector<FakeShard> shards;
  for (int f = 0; f < 8; ++f) {
    std::string key = "k" + std::to_string(f), parent = "P" + std::to_string(f);
    int base = 1000 * (f + 1);
    FakeShard p{parent, "", std::to_string(base), std::to_string(base + 99), {}};
    for (int i = 0; i < 4; ++i) p.records.push_back({std::to_string(base + i), key});
    FakeShard c{"C" + std::to_string(f), parent, std::to_string(base + 100), std::nullopt,
                {{std::to_string(base + 100), key}, {std::to_string(base + 101), key}}};
    shards.push_back(c);
    shards.push_back(p);
  }
  FakeStreamServer server(shards);
  server.set_get_records_delay(std::chrono::milliseconds(30));
  Reading r = read_all(server, {});
  CHECK(r.records.size() == 8 * 6);
  check_key_order(r);
  for (int f = 0; f < 8; ++f) check_parent_first(r, "P" + std::to_string(f), "C" + std::to_string(f));
  CHECK(server.most_get_records_in_flight() > 1);   // shards read at once
  CHECK(server.most_get_records_in_flight() <= 4);  // at most four
  CHECK(server.most_get_records_in_flight_on_one_shard() == 1);  // DynamoDB allows two readers a shard
}

TEST_CASE("streams: with more busy shards than are read at once, every shard gets its turn", "[streams]") {
  // Ten open shards, each with ten pages of records: the four read at once rotate, least recently read
  // first, instead of the oldest four being read until they have nothing more (a shard left unread past
  // the stream's 24-hour retention would lose records).
  const int kShards = 10, kPages = 10;
  std::vector<FakeShard> shards;
  for (int s = 0; s < kShards; ++s) {
    int base = 1000 * (s + 1);
    FakeShard shard{"S" + std::to_string(s), "", std::to_string(base), std::nullopt, {}};
    for (int i = 0; i < kPages * 2; ++i) shard.records.push_back({std::to_string(base + i), "k" + std::to_string(s)});
    shards.push_back(shard);
  }
  FakeStreamServer server(shards);
  Reading r = read_all(server, {});
  REQUIRE(r.records.size() == static_cast<size_t>(kShards * kPages * 2));
  check_key_order(r);
  // The shard of each page, in the order read (two records a page).
  std::vector<std::string> pages;
  for (size_t i = 0; i < r.records.size(); i += 2) pages.push_back(r.records[i].shard);
  // Four pages a round: every shard is read in each three rounds (twelve pages) until it runs out.
  const size_t kBound = 12;
  std::map<std::string, size_t> last_page;
  std::map<std::string, int> read;
  for (size_t i = 0; i < pages.size(); ++i) {
    size_t since = last_page.count(pages[i]) ? i - last_page[pages[i]] : i + 1;
    INFO("page " << i << " from " << pages[i]);
    CHECK(since <= kBound);
    last_page[pages[i]] = i;
    ++read[pages[i]];
  }
  CHECK(read.size() == static_cast<size_t>(kShards));
  for (const auto& [shard, n] : read) CHECK(n == kPages);
}
