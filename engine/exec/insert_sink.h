// The sink of an INSERT or UPSERT: the items of the source's rows (numbered from 1 as they arrive,
// checked by the caller), written a chunk of 1,000 at a time.
//
// INSERT writes each item with PutItem and attribute_not_exists(key), 16 in flight: a row whose key
// exists is refused (23000), the others are written. UPSERT streams through a BulkWriter
// (BatchWriteItem); an item DynamoDB refuses is refused alone. Inside a transaction each chunk becomes
// Put actions for COMMIT and nothing is sent. The refused rows are the statement's error at the end
// (refused()), naming them; low_water() is how far a scan checkpoint may advance.
#pragma once

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dynamo/dynamo_client.h"
#include "dynamosql/error.h"
#include "exec/bulk_writer.h"
#include "exec/rate_limiter.h"

namespace dynamosql {

struct InsertSinkOptions {
  bool upsert = false;
  // INSERT's condition on each put (the key absent), planned with its placeholders; none for UPSERT.
  std::string condition;
  ExpressionAttributes condition_attributes;
  WriteThrottle throttle;
  const std::atomic<bool>* cancelled = nullptr;
  // A resumed statement, whose earlier run may have written rows after its checkpoint: an INSERT that
  // finds its own item there does not count it as a conflict.
  bool resumed = false;
  // Inside a transaction: takes each chunk's puts and where each came from; nothing is sent.
  std::function<void(std::vector<TransactWriteAction>, std::vector<std::string>)> add_to_transaction;
};

class InsertSink {
 public:
  InsertSink(DynamoClient& client, const TableDescription& table, InsertSinkOptions options);

  // Takes source row `row`'s item; writes the chunk when it is full. Throws what stops the statement.
  void add(Item item, int64_t row);
  // Writes the rest, calling `tick` every 200 ms while an UPSERT's writers drain.
  void finish(const std::function<void()>& tick);
  // After a failure: abandons what is queued, waiting for the requests in flight.
  void stop();
  int64_t written() const;
  int64_t retried() const;  // items an UPSERT sent again after UnprocessedItems
  // The first row not known to be written (refused rows included): a scan checkpoint is saved below it.
  int64_t low_water() const;
  // The statement's error when rows were refused, naming them (23000 when each had an existing key);
  // `rows` is how many rows reached the sink.
  std::optional<Error> refused(int64_t rows) const;

 private:
  void flush();
  void add_chunk_to_transaction();
  void put_chunk();
  void refuse(int64_t row, const Item& item, const std::string& reason, const std::string& state, bool conflict);

  DynamoClient& client_;
  const TableDescription& table_;
  InsertSinkOptions options_;
  std::unique_ptr<BulkWriter> upserter_;  // UPSERT outside a transaction
  std::vector<Item> chunk_;
  std::vector<int64_t> chunk_rows_;
  int64_t written_ = 0;        // without an upserter
  int64_t inserted_below_ = 1;  // INSERT: the end of the last chunk written
  mutable std::mutex refused_mutex_;  // the upserter's lanes report refused rows
  int64_t failed_ = 0;
  int64_t first_failed_row_ = std::numeric_limits<int64_t>::max();
  bool only_conflicts_ = true;
  std::string first_state_;
  std::vector<std::string> failures_;
};

}  // namespace dynamosql
