// The streaming BatchWriteItem pipeline; see bulk_writer.h.
#include "exec/bulk_writer.h"

#include <algorithm>
#include <limits>
#include <map>
#include <random>

#include "exec/item_writer.h"
#include "value/item_size.h"

namespace dynamosql {
namespace {
constexpr std::chrono::milliseconds kLinger{5};
}  // namespace

BulkWriter::BulkWriter(DynamoClient& client, std::string table, KeySchema keys, BulkWriterOptions options, RejectFn on_reject)
    : client_(client), table_(std::move(table)), keys_(std::move(keys)), options_(options), on_reject_(std::move(on_reject)) {
  int n = std::max(1, options_.lanes);
  for (int i = 0; i < n; ++i) lanes_.push_back(std::make_unique<Lane>());
  running_lanes_ = n;
  for (auto& lane : lanes_) lane->thread = std::thread([this, l = lane.get()] { run_lane(*l); });
}

BulkWriter::~BulkWriter() { stop(); }

void BulkWriter::put(BulkEntry entry) {
  Item key;
  for (const auto& k : {keys_.partition_key, keys_.sort_key})
    if (!k.empty())
      if (const Value* v = find_attribute(entry.item, k)) key.emplace_back(k, *v);
  Lane& lane = *lanes_[Value::map(std::move(key)).hash() % lanes_.size()];
  std::unique_lock<std::mutex> lock(mutex_);
  space_.wait(lock, [&] { return error_ || stopping_ || lane.queue.size() < options_.queue_per_lane; });
  if (error_) throw *error_;
  if (stopping_) throw Error(sqlstate::kOperationCanceled, "the writer was stopped");
  next_seq_ = std::max(next_seq_, entry.seq + 1);
  lane.queue.push_back(std::move(entry));
  if (lane.queue.size() == 1 || lane.queue.size() >= 25) lane.work.notify_one();
}

void BulkWriter::finish(const std::function<void()>& tick) {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    closing_ = true;
    for (auto& lane : lanes_) lane->work.notify_one();
    while (!drained_.wait_for(lock, std::chrono::milliseconds(200), [&] { return running_lanes_ == 0; }))
      if (tick) {
        lock.unlock();
        tick();
        lock.lock();
      }
  }
  join();
  std::lock_guard<std::mutex> lock(mutex_);
  if (error_) throw *error_;
}

void BulkWriter::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& lane : lanes_) lane->work.notify_one();
    space_.notify_all();
  }
  join();
}

void BulkWriter::join() {
  for (auto& lane : lanes_)
    if (lane->thread.joinable()) lane->thread.join();
}

int64_t BulkWriter::low_water() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t low = std::numeric_limits<int64_t>::max();
  for (const auto& lane : lanes_) {
    if (!lane->in_flight.empty()) low = std::min(low, lane->in_flight.front().seq);
    else if (!lane->queue.empty()) low = std::min(low, lane->queue.front().seq);
  }
  return low == std::numeric_limits<int64_t>::max() ? next_seq_ : low;
}

BulkStats BulkWriter::stats() const { return {written_.load(), retried_.load(), rejected_.load()}; }

void BulkWriter::fail(const Error& e) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!error_) error_ = e;
  for (auto& lane : lanes_) lane->work.notify_one();
  space_.notify_all();
}

void BulkWriter::run_lane(Lane& lane) {
  struct Exit {  // however the lane ends, finish() hears of it
    BulkWriter& w;
    ~Exit() {
      std::lock_guard<std::mutex> lock(w.mutex_);
      --w.running_lanes_;
      w.drained_.notify_all();
    }
  } exit{*this};
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      lane.work.wait(lock, [&] { return stopping_ || error_ || closing_ || !lane.queue.empty(); });
      // Linger a moment for a full batch: a slow producer should not cause a request per item.
      lane.work.wait_for(lock, kLinger, [&] { return stopping_ || error_ || closing_ || lane.queue.size() >= 25; });
      if (stopping_ || error_ || lane.queue.empty()) return;  // empty here means closing and drained
      // Up to 25 entries with no key twice: DynamoDB refuses a batch that names one key twice.
      std::vector<std::string> seen;
      while (!lane.queue.empty() && lane.in_flight.size() < 25) {
        std::string key = describe_key(lane.queue.front().item, keys_);
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) break;
        seen.push_back(std::move(key));
        lane.in_flight.push_back(std::move(lane.queue.front()));
        lane.queue.pop_front();
      }
      space_.notify_all();
    }
    try {
      send(lane.in_flight);
    } catch (const Error& e) {
      fail(e);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (error_ || stopping_) return;  // in_flight stays: low_water() must not pass unwritten entries
    lane.in_flight.clear();
  }
}

void BulkWriter::send(std::vector<BulkEntry>& batch) {
  if (options_.throttle.active()) {
    std::vector<const Item*> items;
    for (const auto& e : batch) items.push_back(&e.item);
    options_.throttle.await(items, false, options_.cancelled);
  }
  std::map<std::string, std::vector<WriteRequest>> request;
  auto& writes = request[table_];
  for (const auto& e : batch) writes.push_back({e.is_put, e.is_put ? e.item : keys_.key_of(e.item)});
  thread_local std::mt19937 rng{std::random_device{}()};
  int64_t sent = static_cast<int64_t>(batch.size());
  for (int attempt = 0; !request.empty(); ++attempt) {
    if (attempt >= options_.max_attempts) {
      std::vector<std::string> details;
      for (const auto& w : request[table_]) details.push_back("not written: " + describe_key(w.item, keys_));
      throw Error(sqlstate::kGeneral,
                  std::to_string(request[table_].size()) + " items were still unprocessed after " +
                      std::to_string(options_.max_attempts) + " BatchWriteItem attempts; " +
                      std::to_string(written_.load()) + " items were written",
                  "ProvisionedThroughputExceededException")
          .with_details(details);
    }
    if (attempt > 0) {
      std::uniform_int_distribution<int> jitter(0, std::min(5000, 50 << std::min(attempt, 7)));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    }
    BatchWriteResult r;
    try {
      r = client_.batch_write_item(request);
    } catch (const Error& e) {
      bool puts_only = std::all_of(batch.begin(), batch.end(), [](const BulkEntry& b) { return b.is_put; });
      if (e.aws_type() == "ValidationException" && attempt == 0 && puts_only) return send_one_by_one(batch);
      throw;
    }
    int64_t left = 0;
    auto it = r.unprocessed.find(table_);
    if (it != r.unprocessed.end()) left = static_cast<int64_t>(it->second.size());
    written_ += sent - left;
    retried_ += left;
    sent = left;
    request = std::move(r.unprocessed);
  }
}

// DynamoDB refused the batch as a whole: find the item it refuses by writing them singly.
void BulkWriter::send_one_by_one(std::vector<BulkEntry>& batch) {
  for (const auto& e : batch) {
    PutItemRequest put;
    put.table = table_;
    put.item = e.item;
    try {
      client_.put_item(put);
      ++written_;
    } catch (const Error& error) {
      if (error.aws_type() != "ValidationException") throw;
      ++rejected_;
      if (on_reject_) on_reject_(e, error);
    }
  }
}

}  // namespace dynamosql
