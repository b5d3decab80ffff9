// Concurrent conditional writes and BatchWriteItem with retries; see item_writer.h.
#include "exec/item_writer.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "exec/bulk_writer.h"
#include "value/item_size.h"
#include "value/json.h"

namespace dynamosql {

int64_t WriteReport::applied() const {
  int64_t n = 0;
  for (auto s : status) n += s == WriteStatus::Applied;
  return n;
}
int64_t WriteReport::condition_failed() const {
  int64_t n = 0;
  for (auto s : status) n += s == WriteStatus::ConditionFailed;
  return n;
}
int64_t WriteReport::failed() const {
  int64_t n = 0;
  for (auto s : status) n += s == WriteStatus::Failed;
  return n;
}

WriteReport run_conditional_writes(size_t count, int workers, const std::function<void(size_t)>& task) {
  WriteReport report;
  report.status.assign(count, WriteStatus::Applied);
  report.errors.resize(count);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (const Error& e) {
        report.status[i] = e.aws_type() == "ConditionalCheckFailedException" ? WriteStatus::ConditionFailed : WriteStatus::Failed;
        report.errors[i] = e;
      } catch (const std::exception& e) {
        report.status[i] = WriteStatus::Failed;
        report.errors[i] = Error(sqlstate::kGeneral, e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  int n = static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(1, workers)), count));
  for (int t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  return report;
}

void check_numbers_storable(const Value& v) {
  if (v.type() == ValueType::Number) v.as_number().check_dynamodb_range();
  for (const auto& e : v.items()) check_numbers_storable(e);  // list elements and set members
  for (const auto& [k, e] : v.entries()) check_numbers_storable(e);
}

void check_item(const Item& item, const TableDescription& d) {
  for (const auto& key : {d.keys.partition_key, d.keys.sort_key}) {
    if (key.empty()) continue;
    const Value* v = find_attribute(item, key);
    if (!v || v->is_null_or_missing())
      throw Error(sqlstate::kIntegrityViolation, "key attribute \"" + key + "\" is missing or NULL");
    std::string want = d.attribute_type(key);
    if (want != type_descriptor(v->type()))
      throw Error(sqlstate::kInvalidCharacterValue,
                  "key attribute \"" + key + "\" must be of type " + want + ", got " + type_descriptor(v->type()));
    if ((v->type() == ValueType::String || v->type() == ValueType::Binary) && v->text().empty())
      throw Error(sqlstate::kInvalidCharacterValue, "key attribute \"" + key + "\" is empty");
  }
  for (const auto& [name, v] : item) check_numbers_storable(v);
  uint64_t size = item_size(item);
  if (size > kMaxItemBytes)
    throw Error(sqlstate::kLimitExceeded, "the item is " + std::to_string(size / 1024) + " KB; DynamoDB's limit is 400 KB");
}

bool put_was_applied_earlier(DynamoClient& client, const std::string& table, const KeySchema& keys, const Item& item) {
  GetItemRequest get;
  get.table = table;
  get.consistent_read = true;
  get.key = keys.key_of(item);
  auto stored = client.get_item(get).item;
  return stored && Value::map(*stored) == Value::map(item);
}

std::string describe_key(const Item& item, const KeySchema& keys) {
  auto part = [&](const std::string& name) {
    const Value* v = find_attribute(item, name);
    std::string text = !v ? "?" : v->type() == ValueType::String ? "'" + v->text() + "'" : plain_json(*v);
    return name + "=" + text;
  };
  return keys.sort_key.empty() ? part(keys.partition_key) : part(keys.partition_key) + ", " + part(keys.sort_key);
}

std::string new_client_request_token() {
  static const char hex[] = "0123456789abcdef";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string t;
  for (int i = 0; i < 32; ++i) t += hex[rng() % 16];
  return t;
}

void update_item_exactly_once(DynamoClient& client, const UpdateItemRequest& r) {
  TransactWriteAction a;
  a.kind = TransactWriteAction::Kind::Update;
  a.table = r.table;
  a.item = r.key;
  a.update = r.update;
  a.condition = r.condition;
  a.attributes = r.attributes;
  try {
    client.transact_write_items({a}, new_client_request_token());
  } catch (const Error& e) {
    if (e.aws_type() != "TransactionCanceledException") throw;
    for (const auto& d : e.details())
      if (d.find("ConditionalCheckFailed") != std::string::npos) {
        Error failed(sqlstate::kIntegrityViolation, "the conditional request failed", "ConditionalCheckFailedException");
        if (e.follows_ambiguous_attempt()) failed.after_ambiguous_attempt();
        throw failed;
      }
    throw;
  }
}

BatchStats batch_write(DynamoClient& client, const std::string& table, const std::vector<WriteRequest>& writes,
                       const KeySchema& keys, int workers, int max_attempts, WriteThrottle throttle,
                       const std::atomic<bool>* cancelled) {
  BulkWriterOptions options;
  options.lanes = std::max(1, workers);
  options.max_attempts = max_attempts;
  options.throttle = throttle;
  options.cancelled = cancelled;
  BulkWriter writer(client, table, keys, options, nullptr);
  int64_t seq = 0;
  for (const auto& w : writes) {
    writer.put({w.item, seq, seq, {}, w.is_put});  // a delete's item: its key, or the item as read
    ++seq;
  }
  writer.finish();
  BulkStats stats = writer.stats();
  return {stats.written, stats.retried};
}

}  // namespace dynamosql
