// Write helpers. run_conditional_writes runs single-item writes (conditional PutItem, UpdateItem,
// DeleteItem) with several in flight and records, per row, whether it was applied, its condition failed,
// or it failed. batch_write sends a known list of puts or deletes through a BulkWriter (bulk_writer.h:
// 25 per request, several in flight, UnprocessedItems retried with backoff until written or a clear
// error naming the keys not written; one key's writes stay in order, so the last one wins).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dynamo/dynamo_client.h"
#include "dynamosql/error.h"
#include "exec/rate_limiter.h"

namespace dynamosql {

enum class WriteStatus { Applied, ConditionFailed, Failed };

struct WriteReport {
  std::vector<WriteStatus> status;   // one per task
  std::vector<std::optional<Error>> errors;
  int64_t applied() const;
  int64_t condition_failed() const;
  int64_t failed() const;
};

// Runs task(i) for i in [0, count) on `workers` threads. A ConditionalCheckFailed error marks the task
// ConditionFailed; any other Error marks it Failed with its error; neither stops the others.
WriteReport run_conditional_writes(size_t count, int workers, const std::function<void(size_t)>& task);

struct BatchStats {
  int64_t written = 0;
  int64_t retried = 0;  // items sent again after UnprocessedItems
};

// Puts (WriteRequest::is_put) or deletes through BatchWriteItem, on `workers` lanes, until all are
// written. A delete's item may be the whole item as read (a rate limit then counts its size) or its key.
// Throws Error naming the keys not written after `max_attempts` rounds of UnprocessedItems.
BatchStats batch_write(DynamoClient& client, const std::string& table, const std::vector<WriteRequest>& writes,
                       const KeySchema& keys, int workers = 4, int max_attempts = 12, WriteThrottle throttle = {},
                       const std::atomic<bool>* cancelled = nullptr);

// Checks that every number in `v` (in lists, maps and sets too) is one DynamoDB can store: at most 38
// significant digits, magnitude from 1E-130 to under 1E+126. Throws 22003 naming the number.
void check_numbers_storable(const Value& v);

// Checks an item before it is written to table `d`: key attributes present, of the key's type and not
// empty strings/binaries, numbers within DynamoDB's range, at most 400 KB. Throws Error (23000 for a
// missing key, 22xxx otherwise) whose message is the reason.
void check_item(const Item& item, const TableDescription& d);

// A conditional put (INSERT's attribute_not_exists) that failed its condition after an earlier attempt
// of the same call went unanswered: true when the stored item is exactly `item`, i.e. that attempt
// was applied and the condition failed on our own write. Reads the item with a consistent GetItem.
bool put_was_applied_earlier(DynamoClient& client, const std::string& table, const KeySchema& keys, const Item& item);

// An UpdateItem whose expression would change the item again if repeated (n = n + 1, list_append on
// the attribute it sets): sent as a one-action TransactWriteItems with a ClientRequestToken, so a
// request retried after a lost answer is applied once (DynamoDB remembers the token for ten minutes;
// the price is two write units per KB instead of one). A failed condition is thrown as
// ConditionalCheckFailedException, as UpdateItem throws it.
void update_item_exactly_once(DynamoClient& client, const UpdateItemRequest& request);

// A fresh ClientRequestToken: 32 random hex digits.
std::string new_client_request_token();

// "pk='a', sk=1" for messages.
std::string describe_key(const Item& item, const KeySchema& keys);

}  // namespace dynamosql
