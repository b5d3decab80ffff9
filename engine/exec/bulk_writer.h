// BulkWriter: a streaming BatchWriteItem pipeline for loads (COPY FROM, UPSERT, key-only DELETE). The
// caller puts items (or delete keys) one by one; each goes to one of several lanes by its key (so the writes of one key stay in order and the
// last one wins), and every lane sends batches of up to 25 distinct keys, re-sending UnprocessedItems
// with backoff until written. An optional WriteThrottle caps items and/or write units per second.
//
// low_water() says how far the load is durable: every entry whose sequence number is below it has been
// written (or rejected). A checkpoint saved at that point can be resumed without losing an item, and
// the puts repeated after it are whole-item overwrites, so repeating them does not change the result.
//
// An item DynamoDB refuses as invalid (ValidationException on its own) is handed to the reject
// callback and the load goes on; any other failure stops the writer and is thrown by put()/finish().
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "dynamo/dynamo_client.h"
#include "dynamosql/error.h"
#include "exec/rate_limiter.h"

namespace dynamosql {

struct BulkEntry {
  Item item;         // the whole item for a put; for a delete its key, or the item as read (rate limits count its size)
  int64_t seq = 0;   // the caller's order; must increase
  int64_t line = 0;  // the input line, for messages
  std::string source;  // the input record, handed back to the reject callback
  bool is_put = true;
};

struct BulkWriterOptions {
  int lanes = 8;
  int max_attempts = 12;  // rounds of UnprocessedItems before giving up on a batch
  size_t queue_per_lane = 512;
  WriteThrottle throttle;  // items and/or write units per second
  const std::atomic<bool>* cancelled = nullptr;
};

struct BulkStats {
  int64_t written = 0;
  int64_t retried = 0;   // items sent again after UnprocessedItems
  int64_t rejected = 0;  // items DynamoDB refused as invalid
};

class BulkWriter {
 public:
  using RejectFn = std::function<void(const BulkEntry&, const Error&)>;  // called on a lane thread

  BulkWriter(DynamoClient& client, std::string table, KeySchema keys, BulkWriterOptions options, RejectFn on_reject);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // Queues a put or delete; blocks while the entry's lane is full. Throws the writer's failure, if any.
  void put(BulkEntry entry);
  // Waits until everything queued is written, calling `tick` every 200 ms meanwhile (progress);
  // throws the first failure.
  void finish(const std::function<void()>& tick = {});
  // Abandons queued entries and waits for the requests in flight (after a cancel or a failure).
  void stop();
  int64_t low_water() const;
  BulkStats stats() const;

 private:
  struct Lane {
    std::deque<BulkEntry> queue;
    std::vector<BulkEntry> in_flight;
    std::condition_variable work;
    std::thread thread;
  };
  void run_lane(Lane& lane);
  void send(std::vector<BulkEntry>& batch);
  void send_one_by_one(std::vector<BulkEntry>& batch);
  void fail(const Error& e);
  void join();

  DynamoClient& client_;
  std::string table_;
  KeySchema keys_;
  BulkWriterOptions options_;
  RejectFn on_reject_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  mutable std::mutex mutex_;
  std::condition_variable space_;
  std::condition_variable drained_;
  int running_lanes_ = 0;
  bool closing_ = false;
  bool stopping_ = false;
  std::optional<Error> error_;
  int64_t next_seq_ = 0;
  std::atomic<int64_t> written_{0}, retried_{0}, rejected_{0};
};

}  // namespace dynamosql
