// The sink of an UPDATE or DELETE: it writes the items the statement's plan finds, each as one
// conditional UpdateItem or DeleteItem that the plan prepares (plan/plan_write.cpp: WHERE re-applied
// as its condition, the values computed and checked), so an item changed in between is not wrongly
// written. Row counts are items actually changed.
//
// - The whole key pinned: one conditional call, nothing read; when it fails in a way only the item can
//   explain, the item is read and written as a found one.
// - Otherwise the found items are written a chunk at a time, 16 writes in flight. An UPDATE whose values
//   can fail on some item (ModificationWrites::check_first) first prepares every found item, keeping at
//   most one chunk: when more are found they are read again to be written, so such a failure writes
//   nothing. A DELETE whose WHERE reads only key attributes goes through BatchWriteItem.
// - Inside a transaction nothing is sent: the writes become actions for COMMIT (take_transaction).
// - Retries never apply a change twice: an expression that would change the item again goes with a
//   ClientRequestToken (update_item_exactly_once), and a conditional write that was applied, lost its
//   answer and was sent again (failing its own condition) is counted when the item reads as written.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dynamo/dynamo_client.h"
#include "exec/found_items.h"
#include "exec/rate_limiter.h"

namespace dynamosql {

// One item's conditional write, prepared before anything of the statement is written.
struct ItemWrite {
  Item key;
  std::string update;     // "SET ... REMOVE ..."; empty for a DELETE
  std::string condition;  // WHERE as DynamoDB evaluates it, the types it needs, guards
  ExpressionAttributes attributes;
  // Per assignment: the value the engine computed (MISSING for a REMOVE), or nullopt where DynamoDB
  // computes it from the item as it is when the write lands.
  std::vector<std::optional<Value>> values;
  // Repeating the expression would change the item again (n = n + 1): sent with a ClientRequestToken.
  bool reapplies = false;
  // The condition holds the types DynamoDB's arithmetic needs: a failed condition may mean only that an
  // attribute lacks one, and the item must be read for SQL's answer.
  bool relies_on_types = false;
};

// What the plan of an UPDATE or DELETE tells its sink.
class ModificationWrites {
 public:
  virtual ~ModificationWrites() = default;
  virtual bool is_update() const = 0;
  // The write of the item whose whole key WHERE pins, when everything else is expressible; nullopt
  // otherwise (and inside a transaction, where a missing item must be 0 rows, not a cancelled COMMIT).
  virtual std::optional<ItemWrite> pinned_write() const = 0;
  // The write of an item as found: its values computed and checked; an Error names the item.
  virtual ItemWrite prepare(const Item& found) const = 0;
  // Whether every found item must be prepared before the first write (see the file comment).
  virtual bool check_first() const = 0;
  // A DELETE whose WHERE reads only key attributes: found items are deleted by key.
  virtual bool deletes_by_key() const = 0;
  // After a retried write failed its own condition: whether the item as read now (nullopt: gone) is as
  // `write` leaves it.
  virtual bool is_as_written(const ItemWrite& write, const std::optional<Item>& now) const = 0;
  // A fresh read of the items WHERE finds.
  virtual std::unique_ptr<FoundItems> find() const = 0;
};

struct ModifySinkOptions {
  WriteThrottle throttle;
  const std::atomic<bool>* cancelled = nullptr;
  bool in_transaction = false;
};

class ModifySink {
 public:
  ModifySink(DynamoClient& client, const TableDescription& table, const ModificationWrites& plan, ModifySinkOptions options);

  // Writes the items; returns how many were changed (inside a transaction: will be, at COMMIT). An Error
  // says how many were written before it.
  int64_t run();
  // Inside a transaction: the writes for COMMIT, and for each where it came from.
  std::vector<TransactWriteAction> take_transaction_actions() { return std::move(actions_); }
  std::vector<std::string> take_transaction_origins() { return std::move(origins_); }

 private:
  std::optional<int64_t> try_pinned(const ItemWrite& write);
  void write_found();
  void write_chunk(std::vector<Item>& chunk);
  void write_one(const ItemWrite& write);
  void send(const ItemWrite& write);
  bool applied_earlier(const ItemWrite& write);

  DynamoClient& client_;
  const TableDescription& table_;
  const ModificationWrites& plan_;
  ModifySinkOptions options_;
  const char* verb_;
  int64_t changed_ = 0, failed_ = 0;
  std::vector<std::string> failures_;
  std::optional<Error> first_error_;
  std::mutex actions_mutex_;
  std::vector<TransactWriteAction> actions_;
  std::vector<std::string> origins_;
};

}  // namespace dynamosql
