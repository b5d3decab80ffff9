// The DynamoDB client against DynamoDB Local: every operation, a table with a GSI and an LSI, Query and
// Scan paging over more than 1 MB, BatchWriteItem with 25 items, BatchGetItem with 100 keys, a
// transaction that commits and one that is cancelled with its reasons, and Streams end to end.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "dynamosql/error.h"
#include "support/test_env.h"
#include "value/json.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

Item key_of(const std::string& pk, int64_t sk) { return {{"pk", Value::string(pk)}, {"sk", Value::number(Number(sk))}}; }

// A transaction's Update of attribute v: `SET #v = <value_expression>` with :v bound to `value`.
TransactWriteAction update_v(const std::string& table, Item key, const std::string& value_expression, const char* value) {
  TransactWriteAction a;
  a.kind = TransactWriteAction::Kind::Update;
  a.table = table;
  a.item = std::move(key);
  a.update = "SET #v = " + value_expression;
  a.attributes.names["#v"] = "v";
  a.attributes.values[":v"] = Value::number_text(value);
  return a;
}

CreateTableRequest orders_table(const std::string& name) {
  CreateTableRequest r;
  r.name = name;
  r.keys = {"pk", "sk"};
  r.attribute_definitions = {{"pk", "S"}, {"sk", "N"}, {"status", "S"}, {"amount", "N"}};
  IndexDescription gsi;
  gsi.name = "by_status";
  gsi.keys = {"status", "amount"};
  gsi.projection.type = "ALL";
  IndexDescription lsi;
  lsi.name = "by_amount";
  lsi.global = false;
  lsi.keys = {"pk", "amount"};
  lsi.projection.type = "KEYS_ONLY";
  r.indexes = {gsi, lsi};
  r.stream = {true, "NEW_AND_OLD_IMAGES"};
  return r;
}

struct TableGuard {
  DynamoClient& client;
  std::string name;
  ~TableGuard() {
    try {
      client.delete_table(name);
    } catch (...) {
    }
  }
};

}  // namespace

TEST_CASE("client: table lifecycle, indexes and TTL", "[integration]") {
  auto client = local_client();
  std::string name = unique_name("lifecycle");
  auto created = client->create_table(orders_table(name));
  TableGuard guard{*client, name};
  CHECK(created.name == name);
  auto d = client->wait_until_active(name, std::chrono::seconds(30));
  CHECK(d.keys.partition_key == "pk");
  CHECK(d.keys.sort_key == "sk");
  CHECK(d.billing_mode == "PAY_PER_REQUEST");
  REQUIRE(d.indexes.size() == 2);
  REQUIRE(d.find_index("by_status"));
  CHECK(d.find_index("by_status")->global);
  CHECK(d.find_index("by_status")->keys.partition_key == "status");
  REQUIRE(d.find_index("by_amount"));
  CHECK_FALSE(d.find_index("by_amount")->global);
  CHECK(d.find_index("by_amount")->projection.type == "KEYS_ONLY");
  CHECK(d.stream.enabled);
  CHECK(d.stream.view_type == "NEW_AND_OLD_IMAGES");
  CHECK_FALSE(d.latest_stream_arn.empty());
  CHECK(d.attribute_type("sk") == "N");

  auto tables = client->list_all_tables();
  CHECK(std::find(tables.begin(), tables.end(), name) != tables.end());

  client->update_time_to_live(name, "expires", true);
  auto ttl = client->describe_time_to_live(name);
  CHECK(ttl.status == "ENABLED");
  CHECK(ttl.attribute == "expires");

  // Billing mode and throughput changes (on a table without GSIs, whose throughput would need updating too).
  CreateTableRequest plain;
  plain.name = unique_name("plain");
  plain.keys = {"id", ""};
  plain.attribute_definitions = {{"id", "S"}};
  client->create_table(plain);
  TableGuard plain_guard{*client, plain.name};
  client->wait_until_active(plain.name, std::chrono::seconds(30));
  UpdateTableRequest u;
  u.name = plain.name;
  u.billing_mode = "PROVISIONED";
  u.throughput = ThroughputSetting{7, 3};
  client->update_table(u);
  auto p = client->wait_until_active(plain.name, std::chrono::seconds(30));
  CHECK(p.billing_mode == "PROVISIONED");
  CHECK(p.throughput.read_units == 7);
  CHECK(p.throughput.write_units == 3);

  // Creating the same table again is 42S01; describing a missing one 42S02.
  try {
    client->create_table(orders_table(name));
    FAIL("expected ResourceInUse");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "42S01");
  }
  try {
    client->describe_table(name + "_missing");
    FAIL("expected ResourceNotFound");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "42S02");
    CHECK(e.aws_type() == "ResourceNotFoundException");
  }
  client->delete_table(name);
  client->wait_until_deleted(name, std::chrono::seconds(30));
}

TEST_CASE("client: item operations with expressions and placeholders", "[integration]") {
  auto client = local_client();
  std::string name = unique_name("items");
  client->create_table(orders_table(name));
  TableGuard guard{*client, name};
  client->wait_until_active(name, std::chrono::seconds(30));

  PutItemRequest put;
  put.table = name;
  put.item = {{"pk", Value::string("a")}, {"sk", Value::number_text("1")},
              {"status", Value::string("new")}, {"amount", Value::number_text("12345678901234567890.123456789")},
              {"odd.name", Value::string("dots")}, {"tags", Value::string_set({"x", "y"})},
              {"blob", Value::binary(std::string("\0\1\2", 3))}, {"nothing", Value::null()}};
  put.condition = "attribute_not_exists(#pk)";
  put.attributes.names["#pk"] = "pk";
  client->put_item(put);
  // The same put again fails its condition: 23000, not retried.
  try {
    client->put_item(put);
    FAIL("expected ConditionalCheckFailed");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "23000");
  }

  GetItemRequest get;
  get.table = name;
  get.key = key_of("a", 1);
  get.consistent_read = true;
  auto got = client->get_item(get);
  REQUIRE(got.item);
  CHECK(find_attribute(*got.item, "amount")->text() == "12345678901234567890.123456789");
  CHECK(find_attribute(*got.item, "odd.name")->text() == "dots");
  CHECK(find_attribute(*got.item, "blob")->text() == std::string("\0\1\2", 3));
  CHECK(find_attribute(*got.item, "nothing")->type() == ValueType::Null);
  CHECK(find_attribute(*got.item, "tags")->type() == ValueType::StringSet);

  get.projection = "#n";
  get.attributes.names["#n"] = "odd.name";
  got = client->get_item(get);
  REQUIRE(got.item);
  CHECK(got.item->size() == 1);

  UpdateItemRequest up;
  up.table = name;
  up.key = key_of("a", 1);
  up.update = "SET #amount = #amount + :inc, #status = :s REMOVE #nothing";
  up.condition = "#status = :old";
  up.attributes.names = {{"#amount", "amount"}, {"#status", "status"}, {"#nothing", "nothing"}};
  up.attributes.values = {{":inc", Value::number_text("0.876543211")}, {":s", Value::string("paid")},
                          {":old", Value::string("new")}};
  up.return_values = "ALL_NEW";
  auto updated = client->update_item(up);
  REQUIRE(updated.attributes);
  CHECK(find_attribute(*updated.attributes, "amount")->as_number() == Number::from_text("12345678901234567891"));
  CHECK(find_attribute(*updated.attributes, "nothing") == nullptr);
  try {
    client->update_item(up);  // the condition is false now
    FAIL("expected ConditionalCheckFailed");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "23000");
    CHECK(e.aws_type() == "ConditionalCheckFailedException");
  }

  DeleteItemRequest del;
  del.table = name;
  del.key = key_of("a", 1);
  del.return_old = true;
  auto deleted = client->delete_item(del);
  REQUIRE(deleted.attributes);
  CHECK(find_attribute(*deleted.attributes, "status")->text() == "paid");
  get.projection.clear();
  get.attributes = {};
  CHECK_FALSE(client->get_item(get).item);
}

TEST_CASE("client: batches, paging over 1 MB, indexes", "[integration]") {
  auto client = local_client();
  std::string name = unique_name("paging");
  client->create_table(orders_table(name));
  TableGuard guard{*client, name};
  client->wait_until_active(name, std::chrono::seconds(30));

  // 200 items of ~8 KB: 1.6 MB, so Query and Scan must page.
  std::string filler(8000, 'x');
  size_t accepted = 0;  // items DynamoDB took, by its own account (sent minus UnprocessedItems)
  for (int batch = 0; batch < 8; ++batch) {
    std::vector<WriteRequest> writes;
    for (int i = 0; i < 25; ++i) {
      int n = batch * 25 + i;
      writes.push_back({true, {{"pk", Value::string("p")}, {"sk", Value::number(Number(n))},
                               {"status", Value::string(n % 2 ? "odd" : "even")},
                               {"amount", Value::number(Number(n * 10))}, {"filler", Value::string(filler)}}});
    }
    std::map<std::string, std::vector<WriteRequest>> request{{name, writes}};
    while (!request.empty()) {
      auto result = client->batch_write_item(request);
      auto left = result.unprocessed.find(name);
      accepted += request[name].size() - (left == result.unprocessed.end() ? 0 : left->second.size());
      request = result.unprocessed;
    }
  }
  CHECK(accepted == 200);

  QueryRequest q;
  q.table = name;
  q.key_condition = "#pk = :pk";
  q.attributes.names["#pk"] = "pk";
  q.attributes.values[":pk"] = Value::string("p");
  int pages = 0, items = 0;
  int64_t last_sk = -1;
  bool ordered = true;
  do {
    Page page = client->query(q);
    ++pages;
    for (const auto& item : page.items) {
      int64_t sk = *find_attribute(item, "sk")->as_number().to_int64();
      ordered &= sk > last_sk;
      last_sk = sk;
    }
    items += static_cast<int>(page.items.size());
    q.exclusive_start_key = page.last_evaluated_key;
  } while (q.exclusive_start_key);
  CHECK(items == 200);
  CHECK(pages >= 2);
  CHECK(ordered);

  // Parallel scan: two segments together see every item once.
  std::set<int64_t> seen;
  int scan_pages = 0;
  for (int segment = 0; segment < 2; ++segment) {
    ScanRequest s;
    s.table = name;
    s.segment = segment;
    s.total_segments = 2;
    s.projection = "sk";
    do {
      Page page = client->scan(s);
      ++scan_pages;
      for (const auto& item : page.items) seen.insert(*find_attribute(item, "sk")->as_number().to_int64());
      s.exclusive_start_key = page.last_evaluated_key;
    } while (s.exclusive_start_key);
  }
  CHECK(seen.size() == 200);

  ScanRequest big;
  big.table = name;
  int big_pages = 0;
  size_t big_items = 0;
  do {
    Page page = client->scan(big);
    ++big_pages;
    big_items += page.items.size();
    big.exclusive_start_key = page.last_evaluated_key;
  } while (big.exclusive_start_key);
  CHECK(big_items == 200);
  CHECK(big_pages >= 2);

  // GSI query in descending order.
  QueryRequest gq;
  gq.table = name;
  gq.index = "by_status";
  gq.key_condition = "#s = :s AND #a >= :a";
  gq.attributes.names = {{"#s", "status"}, {"#a", "amount"}};
  gq.attributes.values = {{":s", Value::string("odd")}, {":a", Value::number_text("1500")}};
  gq.scan_forward = false;
  Page gp = client->query(gq);
  REQUIRE_FALSE(gp.items.empty());
  CHECK(find_attribute(gp.items.front(), "amount")->text() == "1990");

  // LSI with KEYS_ONLY projects only keys.
  QueryRequest lq;
  lq.table = name;
  lq.index = "by_amount";
  lq.key_condition = "#pk = :pk AND #a BETWEEN :lo AND :hi";
  lq.attributes.names = {{"#pk", "pk"}, {"#a", "amount"}};
  lq.attributes.values = {{":pk", Value::string("p")}, {":lo", Value::number_text("100")}, {":hi", Value::number_text("190")}};
  Page lp = client->query(lq);
  CHECK(lp.items.size() == 10);
  CHECK(find_attribute(lp.items.front(), "filler") == nullptr);

  // BatchGetItem with 100 keys.
  BatchGetTable bg;
  for (int i = 0; i < 100; ++i) bg.keys.push_back(key_of("p", i * 2));
  bg.projection = "sk";
  std::map<std::string, BatchGetTable> request{{name, bg}};
  std::set<int64_t> got;
  while (!request.empty()) {
    auto r = client->batch_get_item(request);
    for (const auto& item : r.items[name]) got.insert(*find_attribute(item, "sk")->as_number().to_int64());
    std::map<std::string, BatchGetTable> next;
    for (auto& [t, keys] : r.unprocessed_keys) {
      BatchGetTable again = bg;
      again.keys = keys;
      next[t] = again;
    }
    request = next;
  }
  CHECK(got.size() == 100);
  CHECK(*got.rbegin() == 198);
}

TEST_CASE("client: transactions commit, or cancel with reasons", "[integration]") {
  auto client = local_client();
  std::string name = unique_name("tx");
  client->create_table(orders_table(name));
  TableGuard guard{*client, name};
  client->wait_until_active(name, std::chrono::seconds(30));

  std::vector<TransactWriteAction> actions(2);
  actions[0].kind = TransactWriteAction::Kind::Put;
  actions[0].table = name;
  actions[0].item = {{"pk", Value::string("t")}, {"sk", Value::number_text("1")}, {"v", Value::number_text("1")}};
  actions[1].kind = TransactWriteAction::Kind::Put;
  actions[1].table = name;
  actions[1].item = {{"pk", Value::string("t")}, {"sk", Value::number_text("2")}, {"v", Value::number_text("2")}};
  client->transact_write_items(actions, unique_name("commit"));
  // A transaction that changes the item again when repeated (v = v + 1), sent twice with one token
  // within the idempotency window: applied once, and the second call does not fail.
  std::vector<TransactWriteAction> increment{update_v(name, key_of("t", 1), "#v + :v", "1")};
  std::string token = unique_name("increment");
  client->transact_write_items(increment, token);
  client->transact_write_items(increment, token);
  GetItemRequest get;
  get.table = name;
  get.key = key_of("t", 1);
  get.consistent_read = true;
  CHECK(find_attribute(*client->get_item(get).item, "v")->text() == "2");
  // A new token is a new transaction.
  client->transact_write_items(increment, unique_name("increment"));
  CHECK(find_attribute(*client->get_item(get).item, "v")->text() == "3");

  auto read = client->transact_get_items({{name, key_of("t", 1), "", {}}, {name, key_of("t", 2), "", {}},
                                          {name, key_of("t", 3), "", {}}});
  REQUIRE(read.size() == 3);
  CHECK(read[0]);
  CHECK(read[1]);
  CHECK_FALSE(read[2]);

  std::vector<TransactWriteAction> failing{update_v(name, key_of("t", 1), ":v", "100"), TransactWriteAction{}};
  failing[1].kind = TransactWriteAction::Kind::ConditionCheck;
  failing[1].table = name;
  failing[1].item = key_of("t", 2);
  failing[1].condition = "#v = :nope";
  failing[1].attributes.names["#v"] = "v";
  failing[1].attributes.values[":nope"] = Value::number_text("999");
  try {
    client->transact_write_items(failing, unique_name("cancel"));
    FAIL("expected TransactionCanceled");
  } catch (const Error& e) {
    CHECK(e.aws_type() == "TransactionCanceledException");
    REQUIRE(e.details().size() == 1);
    CHECK(e.details()[0].find("action 2: ConditionalCheckFailed") == 0);
  }
  auto after = client->transact_get_items({{name, key_of("t", 1), "", {}}});
  CHECK(find_attribute(*after[0], "v")->text() == "3");  // the update was not applied
}

TEST_CASE("client: streams end to end", "[integration]") {
  auto client = local_client();
  std::string name = unique_name("streams");
  client->create_table(orders_table(name));
  TableGuard guard{*client, name};
  auto d = client->wait_until_active(name, std::chrono::seconds(30));

  PutItemRequest put;
  put.table = name;
  put.item = {{"pk", Value::string("s")}, {"sk", Value::number_text("1")}, {"state", Value::string("new")}};
  client->put_item(put);
  UpdateItemRequest up;
  up.table = name;
  up.key = key_of("s", 1);
  up.update = "SET #st = :v";
  up.attributes.names["#st"] = "state";
  up.attributes.values[":v"] = Value::string("done");
  client->update_item(up);
  DeleteItemRequest del;
  del.table = name;
  del.key = key_of("s", 1);
  client->delete_item(del);

  auto streams = client->list_streams(name);
  REQUIRE(streams.size() == 1);
  CHECK(streams[0].arn == d.latest_stream_arn);
  auto desc = client->describe_stream(streams[0].arn);
  CHECK(desc.view_type == "NEW_AND_OLD_IMAGES");
  REQUIRE_FALSE(desc.shards.empty());

  std::vector<StreamRecord> records;
  for (const auto& shard : desc.shards) {
    std::string it = client->get_shard_iterator(desc.arn, shard.shard_id, ShardIteratorType::TrimHorizon);
    for (int i = 0; i < 10 && !it.empty(); ++i) {
      auto page = client->get_records(it);
      records.insert(records.end(), page.records.begin(), page.records.end());
      if (page.records.empty() && shard.ending_sequence_number.empty()) break;  // caught up on an open shard
      it = page.next_shard_iterator;
    }
  }
  REQUIRE(records.size() == 3);
  CHECK(records[0].event_name == "INSERT");
  CHECK_FALSE(records[0].old_image);
  CHECK(find_attribute(*records[0].new_image, "state")->text() == "new");
  CHECK(records[1].event_name == "MODIFY");
  CHECK(find_attribute(*records[1].old_image, "state")->text() == "new");
  CHECK(find_attribute(*records[1].new_image, "state")->text() == "done");
  CHECK(records[2].event_name == "REMOVE");
  CHECK(find_attribute(*records[2].old_image, "state")->text() == "done");
  CHECK_FALSE(records[2].new_image);
  CHECK(find_attribute(records[2].keys, "pk")->text() == "s");
  CHECK(Number::from_text(records[0].sequence_number) < Number::from_text(records[1].sequence_number));

  // AFTER_SEQUENCE_NUMBER starts after the first record.
  std::string it = client->get_shard_iterator(desc.arn, desc.shards[0].shard_id, ShardIteratorType::AfterSequenceNumber,
                                              records[0].sequence_number);
  auto after = client->get_records(it);
  REQUIRE_FALSE(after.records.empty());
  CHECK(after.records[0].event_name == "MODIFY");
}
