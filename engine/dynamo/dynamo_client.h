// The DynamoDB client: one method per API call, each signed with SigV4, sent over the pooled HTTP
// client, checked against x-amz-crc32, and retried with exponential backoff and full jitter on
// throttling, 5xx, dropped connections, timeouts and CRC mismatches (never on ConditionalCheckFailed,
// Validation, ResourceNotFound or TransactionCanceled). Every failure is an Error with an SQLSTATE and
// the AWS error name. Thread-safe: parallel scan segments and batch writers share one client.
// It knows nothing of SQL.
#pragma once

#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dynamo/api_types.h"
#include "dynamo/aws_config.h"
#include "dynamo/http_client.h"

namespace dynamosql {

enum class Api { DynamoDB, Streams };

// Counters for EXPLAIN ANALYZE, progress and tests.
struct ClientCounters {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> retries{0};
  std::atomic<uint64_t> throttles{0};
};

// Paces the attempts of the calls it is given to (Scan and Query requests that carry one): a
// statement's reads share one, so that when DynamoDB throttles one segment all of them slow down
// (exec/read_pacer.h).
class CallPacer {
 public:
  virtual ~CallPacer() = default;
  virtual void before_attempt() = 0;  // may wait
  virtual void after_attempt(bool throttled) = 0;  // each answer, throttled or not (not transport failures)
};

class DynamoClient {
 public:
  explicit DynamoClient(ResolvedAws aws, ClientOptions options = {});

  // One API call with retries; returns the response document. `operation` is e.g. "Query".
  rapidjson::Document call(Api api, const char* operation, const std::string& body);
  // Reads a successful response's body (which it may modify); returns false when the body is not a
  // valid response (retried as a server error). An Error it throws ends the call, not retried.
  using ResponseReader = std::function<bool(std::string& body)>;
  // One API call with retries whose successful response goes to `read`; `pacer`, when given, paces
  // every attempt.
  void call(Api api, const char* operation, const std::string& body, const ResponseReader& read,
            CallPacer* pacer = nullptr);

  // Tables.
  std::vector<std::string> list_tables(const std::string& exclusive_start = {}, int limit = 0,
                                       std::string* last_evaluated = nullptr);
  std::vector<std::string> list_all_tables();
  TableDescription describe_table(const std::string& table);
  TableDescription create_table(const CreateTableRequest& request);
  TableDescription update_table(const UpdateTableRequest& request);
  TableDescription delete_table(const std::string& table);
  TimeToLive describe_time_to_live(const std::string& table);
  void update_time_to_live(const std::string& table, const std::string& attribute, bool enabled);
  // Polls DescribeTable until the table and all its GSIs are ACTIVE; throws HYT00 after `timeout`.
  TableDescription wait_until_active(const std::string& table, std::chrono::seconds timeout);
  // Polls until DescribeTable says ResourceNotFound.
  void wait_until_deleted(const std::string& table, std::chrono::seconds timeout);

  // Items.
  GetItemResult get_item(const GetItemRequest& request);
  WriteResult put_item(const PutItemRequest& request);
  WriteResult update_item(const UpdateItemRequest& request);
  WriteResult delete_item(const DeleteItemRequest& request);
  BatchGetResult batch_get_item(const std::map<std::string, BatchGetTable>& request, bool return_capacity = false);
  BatchWriteResult batch_write_item(const std::map<std::string, std::vector<WriteRequest>>& request);
  Page query(const QueryRequest& request);
  Page scan(const ScanRequest& request);

  // Transactions. A cancelled transaction throws TransactionCanceledException with one detail line per
  // action ("action 3: ConditionalCheckFailed: ...").
  void transact_write_items(const std::vector<TransactWriteAction>& actions, const std::string& client_request_token);
  std::vector<std::optional<Item>> transact_get_items(const std::vector<TransactGetAction>& actions);

  // Streams.
  std::vector<StreamSummary> list_streams(const std::string& table);
  StreamDescription describe_stream(const std::string& stream_arn, const std::string& exclusive_start_shard_id = {});
  std::string get_shard_iterator(const std::string& stream_arn, const std::string& shard_id, ShardIteratorType type,
                                 const std::string& sequence_number = {});
  RecordsPage get_records(const std::string& shard_iterator, int limit = 0);

  const ResolvedAws& aws() const { return aws_; }
  ClientCounters& counters() { return counters_; }

 private:
  HttpRequest build_request(Api api, const char* operation, const std::string& body);

  ResolvedAws aws_;
  ClientOptions options_;
  HttpClient http_;
  ClientCounters counters_;
  std::atomic<bool> answered_{false};  // some request got an HTTP answer (see classify_transport_failure)
};

}  // namespace dynamosql
