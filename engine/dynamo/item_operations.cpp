// Item-level calls: GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem, Query, Scan.
// Reads ask for ReturnConsumedCapacity TOTAL only when their request says so (a read limit in units, a
// budget or EXPLAIN ANALYZE needs it). Writes never do: nothing reports their capacity (a rate limit
// counts write units from item sizes before sending), and asking costs DynamoDB Local a quarter of its
// throughput on bulk loads.
#include "dynamo/dynamo_client.h"
#include "dynamo/page_reader.h"
#include "dynamo/wire.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

using namespace wire;

void write_item_member(JsonWriter& w, const char* key, const Item& item) {
  w.Key(key);
  write_wire_item(w, item);
}

void capacity_total(JsonWriter& w, bool wanted) {
  if (wanted) key_value(w, "ReturnConsumedCapacity", "TOTAL");
}

std::optional<Item> optional_item(const rapidjson::Value& doc, const char* key) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || !it->value.IsObject()) return std::nullopt;
  return item_from_wire(it->value);
}

// The members of a Query's or a Scan's body they share (the caller adds its own).
void write_read_request(JsonWriter& w, const ReadRequest& r) {
  key_value(w, "TableName", r.table);
  optional_string(w, "IndexName", r.index);
  optional_string(w, "FilterExpression", r.filter);
  optional_string(w, "ProjectionExpression", r.projection);
  expression_attributes(w, r.attributes);
  if (r.exclusive_start_key) write_item_member(w, "ExclusiveStartKey", *r.exclusive_start_key);
  if (r.limit > 0) w.Key("Limit"), w.Int64(r.limit);
  if (r.consistent_read) w.Key("ConsistentRead"), w.Bool(true);
  if (r.count_only) key_value(w, "Select", "COUNT");
  capacity_total(w, r.return_capacity);
}

// A Scan or Query call, its response read as it is parsed.
Page read_call(DynamoClient& client, const char* operation, const std::string& body, const ReadRequest& r) {
  Page page;
  client.call(Api::DynamoDB, operation, body, [&](std::string& response) { return read_page(response, r.layout, page); },
              r.pacer);
  return page;
}

}  // namespace

GetItemResult DynamoClient::get_item(const GetItemRequest& r) {
  auto doc = call(Api::DynamoDB, "GetItem", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.table);
                    write_item_member(w, "Key", r.key);
                    optional_string(w, "ProjectionExpression", r.projection);
                    expression_attributes(w, r.attributes);
                    if (r.consistent_read) w.Key("ConsistentRead"), w.Bool(true);
                    capacity_total(w, r.return_capacity);
                  }));
  return {optional_item(doc, "Item"), consumed_capacity(doc)};
}

WriteResult DynamoClient::put_item(const PutItemRequest& r) {
  auto doc = call(Api::DynamoDB, "PutItem", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.table);
                    write_item_member(w, "Item", r.item);
                    optional_string(w, "ConditionExpression", r.condition);
                    expression_attributes(w, r.attributes);
                    if (r.return_old) key_value(w, "ReturnValues", "ALL_OLD");
                  }));
  return {optional_item(doc, "Attributes")};
}

WriteResult DynamoClient::update_item(const UpdateItemRequest& r) {
  auto doc = call(Api::DynamoDB, "UpdateItem", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.table);
                    write_item_member(w, "Key", r.key);
                    optional_string(w, "UpdateExpression", r.update);
                    optional_string(w, "ConditionExpression", r.condition);
                    expression_attributes(w, r.attributes);
                    key_value(w, "ReturnValues", r.return_values);
                  }));
  return {optional_item(doc, "Attributes")};
}

WriteResult DynamoClient::delete_item(const DeleteItemRequest& r) {
  auto doc = call(Api::DynamoDB, "DeleteItem", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.table);
                    write_item_member(w, "Key", r.key);
                    optional_string(w, "ConditionExpression", r.condition);
                    expression_attributes(w, r.attributes);
                    if (r.return_old) key_value(w, "ReturnValues", "ALL_OLD");
                  }));
  return {optional_item(doc, "Attributes")};
}

BatchGetResult DynamoClient::batch_get_item(const std::map<std::string, BatchGetTable>& request, bool return_capacity) {
  auto doc = call(Api::DynamoDB, "BatchGetItem", body_of([&](JsonWriter& w) {
                    w.Key("RequestItems");
                    w.StartObject();
                    for (const auto& [table, t] : request) {
                      w.Key(table.c_str());
                      w.StartObject();
                      w.Key("Keys");
                      w.StartArray();
                      for (const auto& k : t.keys) write_wire_item(w, k);
                      w.EndArray();
                      optional_string(w, "ProjectionExpression", t.projection);
                      expression_attributes(w, t.attributes);
                      if (t.consistent_read) w.Key("ConsistentRead"), w.Bool(true);
                      w.EndObject();
                    }
                    w.EndObject();
                    capacity_total(w, return_capacity);
                  }));
  BatchGetResult result;
  auto responses = doc.FindMember("Responses");
  if (responses != doc.MemberEnd() && responses->value.IsObject())
    for (const auto& t : responses->value.GetObject()) {
      auto& items = result.items[t.name.GetString()];
      for (const auto& i : t.value.GetArray()) items.push_back(item_from_wire(i));
    }
  auto unprocessed = doc.FindMember("UnprocessedKeys");
  if (unprocessed != doc.MemberEnd() && unprocessed->value.IsObject())
    for (const auto& t : unprocessed->value.GetObject()) {
      auto keys = t.value.FindMember("Keys");
      if (keys == t.value.MemberEnd()) continue;
      auto& out = result.unprocessed_keys[t.name.GetString()];
      for (const auto& k : keys->value.GetArray()) out.push_back(item_from_wire(k));
    }
  result.consumed_capacity = consumed_capacity(doc);
  return result;
}

BatchWriteResult DynamoClient::batch_write_item(const std::map<std::string, std::vector<WriteRequest>>& request) {
  auto doc = call(Api::DynamoDB, "BatchWriteItem", body_of([&](JsonWriter& w) {
                    w.Key("RequestItems");
                    w.StartObject();
                    for (const auto& [table, writes] : request) {
                      w.Key(table.c_str());
                      w.StartArray();
                      for (const auto& wr : writes) {
                        w.StartObject();
                        w.Key(wr.is_put ? "PutRequest" : "DeleteRequest");
                        w.StartObject();
                        write_item_member(w, wr.is_put ? "Item" : "Key", wr.item);
                        w.EndObject();
                        w.EndObject();
                      }
                      w.EndArray();
                    }
                    w.EndObject();
                  }));
  BatchWriteResult result;
  auto unprocessed = doc.FindMember("UnprocessedItems");
  if (unprocessed != doc.MemberEnd() && unprocessed->value.IsObject())
    for (const auto& t : unprocessed->value.GetObject()) {
      auto& out = result.unprocessed[t.name.GetString()];
      for (const auto& wr : t.value.GetArray()) {
        auto put = wr.FindMember("PutRequest");
        if (put != wr.MemberEnd()) {
          out.push_back({true, item_from_wire(put->value["Item"])});
        } else {
          out.push_back({false, item_from_wire(wr["DeleteRequest"]["Key"])});
        }
      }
    }
  return result;
}

Page DynamoClient::query(const QueryRequest& r) {
  std::string body = body_of([&](JsonWriter& w) {
    write_read_request(w, r);
    key_value(w, "KeyConditionExpression", r.key_condition);
    if (!r.scan_forward) w.Key("ScanIndexForward"), w.Bool(false);
  });
  return read_call(*this, "Query", body, r);
}

Page DynamoClient::scan(const ScanRequest& r) {
  std::string body = body_of([&](JsonWriter& w) {
    write_read_request(w, r);
    if (r.total_segments > 1) {
      w.Key("Segment");
      w.Int(r.segment);
      w.Key("TotalSegments");
      w.Int(r.total_segments);
    }
  });
  return read_call(*this, "Scan", body, r);
}

}  // namespace dynamosql
