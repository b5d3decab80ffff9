// Request and response types of the DynamoDB and DynamoDB Streams calls we make. Only modern expression
// parameters exist here (KeyConditionExpression, FilterExpression, ProjectionExpression,
// UpdateExpression, ConditionExpression with #name/:value placeholders); the legacy parameters do not.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynamosql/value.h"
#include "value/item_layout.h"

namespace dynamosql {

// Placeholders shared by all the expressions of one request: "#n0" -> name, ":v0" -> value.
struct ExpressionAttributes {
  std::map<std::string, std::string> names;
  std::map<std::string, Value> values;
  bool empty() const { return names.empty() && values.empty(); }
};

// ---- Tables -------------------------------------------------------------------------------------

struct KeySchema {
  std::string partition_key;
  std::string sort_key;  // empty when the table has no sort key

  // The key attributes of `item` (for GetItem, DeleteItem and messages), in normal order.
  Item key_of(const Item& item) const {
    Item key;
    for (const auto& name : {partition_key, sort_key})
      if (!name.empty())
        if (const Value* v = find_attribute(item, name)) key.emplace_back(name, *v);
    normalise_item(key);
    return key;
  }
};

struct AttributeDefinition {
  std::string name;
  std::string type;  // "S", "N" or "B"
};

struct Projection {
  std::string type = "ALL";  // ALL, KEYS_ONLY or INCLUDE
  std::vector<std::string> non_key_attributes;
};

struct ThroughputSetting {
  int64_t read_units = 0;
  int64_t write_units = 0;
};

struct IndexDescription {
  std::string name;
  bool global = true;  // false for a local secondary index
  KeySchema keys;
  Projection projection;
  std::string status;  // GSIs only: CREATING, ACTIVE, ...
  std::optional<ThroughputSetting> throughput;
  int64_t item_count = 0;  // DescribeTable's ItemCount and IndexSizeBytes (refreshed about every 6 hours)
  int64_t size_bytes = 0;
};

struct StreamSpecification {
  bool enabled = false;
  std::string view_type;  // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
};

struct TableDescription {
  std::string name;
  std::string arn;
  std::string status;
  KeySchema keys;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<IndexDescription> indexes;  // GSIs and LSIs
  StreamSpecification stream;
  std::string latest_stream_arn;
  std::string billing_mode = "PROVISIONED";  // or PAY_PER_REQUEST
  ThroughputSetting throughput;
  int64_t item_count = 0;
  int64_t size_bytes = 0;

  const IndexDescription* find_index(const std::string& index_name) const;
  // "S", "N", "B" or "" for an attribute not in the definitions.
  std::string attribute_type(const std::string& attribute) const;
};

struct CreateTableRequest {
  std::string name;
  KeySchema keys;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<IndexDescription> indexes;
  std::string billing_mode = "PAY_PER_REQUEST";
  ThroughputSetting throughput;  // PROVISIONED only
  StreamSpecification stream;
};

struct UpdateTableRequest {
  std::string name;
  std::optional<std::string> billing_mode;
  std::optional<ThroughputSetting> throughput;
  std::optional<StreamSpecification> stream;
  std::vector<AttributeDefinition> attribute_definitions;  // for a new GSI
  std::optional<IndexDescription> create_index;
  std::optional<std::string> delete_index;
  // New provisioned throughput of existing GSIs (required when a table with GSIs becomes provisioned).
  std::vector<std::pair<std::string, ThroughputSetting>> index_throughput;
};

struct TimeToLive {
  std::string status;  // ENABLED, DISABLED, ENABLING, DISABLING
  std::string attribute;
};

// ---- Items --------------------------------------------------------------------------------------

struct GetItemRequest {
  std::string table;
  Item key;
  std::string projection;
  ExpressionAttributes attributes;
  bool consistent_read = false;
  bool return_capacity = false;  // ask for ConsumedCapacity
};

struct PutItemRequest {
  std::string table;
  Item item;
  std::string condition;
  ExpressionAttributes attributes;
  bool return_old = false;  // ReturnValues ALL_OLD
};

struct UpdateItemRequest {
  std::string table;
  Item key;
  std::string update;
  std::string condition;
  ExpressionAttributes attributes;
  std::string return_values = "NONE";  // NONE, ALL_OLD, ALL_NEW, UPDATED_OLD, UPDATED_NEW
};

struct DeleteItemRequest {
  std::string table;
  Item key;
  std::string condition;
  ExpressionAttributes attributes;
  bool return_old = false;
};

struct WriteResult {
  std::optional<Item> attributes;  // old or new values when asked for
};

struct GetItemResult {
  std::optional<Item> item;
  double consumed_capacity = 0;
};

// One request of a BatchGetItem: up to 100 keys over any tables.
struct BatchGetTable {
  std::vector<Item> keys;
  std::string projection;
  ExpressionAttributes attributes;  // names only
  bool consistent_read = false;
};

struct BatchGetResult {
  std::map<std::string, std::vector<Item>> items;  // per table
  std::map<std::string, std::vector<Item>> unprocessed_keys;
  double consumed_capacity = 0;
};

struct WriteRequest {
  bool is_put = true;
  Item item;  // the whole item for a put, the key for a delete
};

struct BatchWriteResult {
  std::map<std::string, std::vector<WriteRequest>> unprocessed;
};

class CallPacer;

// What a Query and a Scan request share.
struct ReadRequest {
  std::string table;
  std::string index;  // empty for the table itself
  std::string filter;
  std::string projection;
  ExpressionAttributes attributes;
  std::optional<Item> exclusive_start_key;
  int64_t limit = 0;  // 0: no Limit parameter
  bool consistent_read = false;
  bool count_only = false;  // Select COUNT
  const ItemLayout* layout = nullptr;  // items become Page::rows through it, instead of Page::items
  bool return_capacity = false;       // ask for ConsumedCapacity (Page::consumed_capacity; else 0)
  CallPacer* pacer = nullptr;         // paces the attempts (see DynamoClient::call)
};

struct QueryRequest : ReadRequest {
  std::string key_condition;
  bool scan_forward = true;
};

struct ScanRequest : ReadRequest {
  int segment = 0;
  int total_segments = 0;  // 0: not a parallel scan
};

struct Page {
  std::vector<Item> items;               // when the request had no layout
  std::vector<std::vector<Value>> rows;  // when it had one
  size_t size() const { return items.size() + rows.size(); }
  std::optional<Item> last_evaluated_key;
  int64_t count = 0;
  int64_t scanned_count = 0;
  double consumed_capacity = 0;
};

// ---- Transactions -------------------------------------------------------------------------------

struct TransactWriteAction {
  enum class Kind { Put, Update, Delete, ConditionCheck } kind = Kind::Put;
  std::string table;
  Item item;  // Put: the item; others: the key
  std::string update;
  std::string condition;
  ExpressionAttributes attributes;
};

struct TransactGetAction {
  std::string table;
  Item key;
  std::string projection;
  ExpressionAttributes attributes;
};

// ---- Streams ------------------------------------------------------------------------------------

struct StreamSummary {
  std::string arn;
  std::string table;
  std::string label;
};

struct Shard {
  std::string shard_id;
  std::string parent_shard_id;
  std::string starting_sequence_number;
  std::string ending_sequence_number;  // empty while the shard is open
};

struct StreamDescription {
  std::string arn;
  std::string label;
  std::string status;  // ENABLING, ENABLED, DISABLING, DISABLED
  std::string view_type;
  std::string table;
  KeySchema keys;
  std::vector<Shard> shards;
  std::string last_evaluated_shard_id;  // non-empty when more shards follow
};

enum class ShardIteratorType { TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber };

struct StreamRecord {
  std::string event_id;
  std::string event_name;  // INSERT, MODIFY, REMOVE
  std::string event_source;
  std::string aws_region;
  std::string sequence_number;
  std::string approximate_creation_time;  // epoch seconds as DynamoDB sends it (a JSON number)
  int64_t size_bytes = 0;
  std::string view_type;
  Item keys;
  std::optional<Item> new_image;
  std::optional<Item> old_image;
  std::string user_identity_type;       // "Service" for TTL deletions
  std::string user_identity_principal;  // "dynamodb.amazonaws.com" for TTL deletions
};

struct RecordsPage {
  std::vector<StreamRecord> records;
  std::string next_shard_iterator;  // empty when the shard is closed and fully read
};

}  // namespace dynamosql
