// Table-level calls: ListTables, DescribeTable, CreateTable, UpdateTable, DeleteTable, the TTL calls,
// and the waiters DDL uses.
#include <thread>

#include "dynamo/dynamo_client.h"
#include "dynamo/wire.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

using namespace wire;

Projection projection_of(const rapidjson::Value& index) {
  Projection p;
  auto it = index.FindMember("Projection");
  if (it == index.MemberEnd()) return p;
  p.type = string_member(it->value, "ProjectionType");
  auto nk = it->value.FindMember("NonKeyAttributes");
  if (nk != it->value.MemberEnd() && nk->value.IsArray())
    for (const auto& a : nk->value.GetArray())
      if (a.IsString()) p.non_key_attributes.emplace_back(a.GetString());
  return p;
}

ThroughputSetting throughput_of(const rapidjson::Value& object) {
  ThroughputSetting t;
  auto it = object.FindMember("ProvisionedThroughput");
  if (it == object.MemberEnd()) return t;
  t.read_units = int_member(it->value, "ReadCapacityUnits");
  t.write_units = int_member(it->value, "WriteCapacityUnits");
  return t;
}

TableDescription table_of(const rapidjson::Value& t) {
  TableDescription d;
  d.name = string_member(t, "TableName");
  d.arn = string_member(t, "TableArn");
  d.status = string_member(t, "TableStatus");
  auto ks = t.FindMember("KeySchema");
  if (ks != t.MemberEnd()) d.keys = key_schema(ks->value);
  auto ad = t.FindMember("AttributeDefinitions");
  if (ad != t.MemberEnd() && ad->value.IsArray())
    for (const auto& a : ad->value.GetArray())
      d.attribute_definitions.push_back({string_member(a, "AttributeName"), string_member(a, "AttributeType")});
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    auto it = t.FindMember(kind);
    if (it == t.MemberEnd() || !it->value.IsArray()) continue;
    for (const auto& i : it->value.GetArray()) {
      IndexDescription index;
      index.name = string_member(i, "IndexName");
      index.global = kind[0] == 'G';
      auto iks = i.FindMember("KeySchema");
      if (iks != i.MemberEnd()) index.keys = key_schema(iks->value);
      index.projection = projection_of(i);
      index.status = string_member(i, "IndexStatus");
      if (i.HasMember("ProvisionedThroughput")) index.throughput = throughput_of(i);
      index.item_count = int_member(i, "ItemCount");
      index.size_bytes = int_member(i, "IndexSizeBytes");
      d.indexes.push_back(std::move(index));
    }
  }
  auto ss = t.FindMember("StreamSpecification");
  if (ss != t.MemberEnd() && ss->value.IsObject()) {
    auto e = ss->value.FindMember("StreamEnabled");
    d.stream.enabled = e != ss->value.MemberEnd() && e->value.IsBool() && e->value.GetBool();
    d.stream.view_type = string_member(ss->value, "StreamViewType");
  }
  d.latest_stream_arn = string_member(t, "LatestStreamArn");
  auto bm = t.FindMember("BillingModeSummary");
  if (bm != t.MemberEnd()) d.billing_mode = string_member(bm->value, "BillingMode");
  d.throughput = throughput_of(t);
  if (d.billing_mode.empty()) d.billing_mode = "PROVISIONED";
  d.item_count = int_member(t, "ItemCount");
  d.size_bytes = int_member(t, "TableSizeBytes");
  return d;
}

void write_throughput(JsonWriter& w, const ThroughputSetting& t) {
  w.Key("ProvisionedThroughput");
  w.StartObject();
  w.Key("ReadCapacityUnits");
  w.Int64(t.read_units);
  w.Key("WriteCapacityUnits");
  w.Int64(t.write_units);
  w.EndObject();
}

void write_projection(JsonWriter& w, const Projection& p) {
  w.Key("Projection");
  w.StartObject();
  key_value(w, "ProjectionType", p.type);
  if (p.type == "INCLUDE") {
    w.Key("NonKeyAttributes");
    w.StartArray();
    for (const auto& a : p.non_key_attributes) w.String(a.c_str());
    w.EndArray();
  }
  w.EndObject();
}

void write_attribute_definitions(JsonWriter& w, const std::vector<AttributeDefinition>& defs) {
  w.Key("AttributeDefinitions");
  w.StartArray();
  for (const auto& a : defs) {
    w.StartObject();
    key_value(w, "AttributeName", a.name);
    key_value(w, "AttributeType", a.type);
    w.EndObject();
  }
  w.EndArray();
}

void write_stream(JsonWriter& w, const StreamSpecification& s) {
  w.Key("StreamSpecification");
  w.StartObject();
  w.Key("StreamEnabled");
  w.Bool(s.enabled);
  if (s.enabled) key_value(w, "StreamViewType", s.view_type);
  w.EndObject();
}

}  // namespace

const IndexDescription* TableDescription::find_index(const std::string& index_name) const {
  for (const auto& i : indexes)
    if (i.name == index_name) return &i;
  return nullptr;
}

std::string TableDescription::attribute_type(const std::string& attribute) const {
  for (const auto& a : attribute_definitions)
    if (a.name == attribute) return a.type;
  return "";
}

std::vector<std::string> DynamoClient::list_tables(const std::string& exclusive_start, int limit,
                                                   std::string* last_evaluated) {
  auto doc = call(Api::DynamoDB, "ListTables", body_of([&](JsonWriter& w) {
                    optional_string(w, "ExclusiveStartTableName", exclusive_start);
                    if (limit > 0) {
                      w.Key("Limit");
                      w.Int(limit);
                    }
                  }));
  std::vector<std::string> names;
  auto it = doc.FindMember("TableNames");
  if (it != doc.MemberEnd() && it->value.IsArray())
    for (const auto& n : it->value.GetArray())
      if (n.IsString()) names.emplace_back(n.GetString());
  if (last_evaluated) *last_evaluated = string_member(doc, "LastEvaluatedTableName");
  return names;
}

std::vector<std::string> DynamoClient::list_all_tables() {
  std::vector<std::string> all;
  std::string start;
  do {
    std::string next;
    auto page = list_tables(start, 100, &next);
    all.insert(all.end(), page.begin(), page.end());
    start = next;
  } while (!start.empty());
  return all;
}

TableDescription DynamoClient::describe_table(const std::string& table) {
  auto doc = call(Api::DynamoDB, "DescribeTable", body_of([&](JsonWriter& w) { key_value(w, "TableName", table); }));
  return table_of(doc["Table"]);
}

TableDescription DynamoClient::create_table(const CreateTableRequest& r) {
  auto doc = call(Api::DynamoDB, "CreateTable", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.name);
                    write_key_schema(w, r.keys);
                    write_attribute_definitions(w, r.attribute_definitions);
                    key_value(w, "BillingMode", r.billing_mode);
                    bool provisioned = r.billing_mode == "PROVISIONED";
                    if (provisioned) write_throughput(w, r.throughput);
                    for (bool global : {true, false}) {
                      bool any = false;
                      for (const auto& i : r.indexes) any |= i.global == global;
                      if (!any) continue;
                      w.Key(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
                      w.StartArray();
                      for (const auto& i : r.indexes) {
                        if (i.global != global) continue;
                        w.StartObject();
                        key_value(w, "IndexName", i.name);
                        write_key_schema(w, i.keys);
                        write_projection(w, i.projection);
                        if (global && provisioned) write_throughput(w, i.throughput.value_or(r.throughput));
                        w.EndObject();
                      }
                      w.EndArray();
                    }
                    if (r.stream.enabled) write_stream(w, r.stream);
                  }));
  return table_of(doc["TableDescription"]);
}

TableDescription DynamoClient::update_table(const UpdateTableRequest& r) {
  auto doc = call(Api::DynamoDB, "UpdateTable", body_of([&](JsonWriter& w) {
                    key_value(w, "TableName", r.name);
                    if (r.billing_mode) key_value(w, "BillingMode", *r.billing_mode);
                    if (r.throughput) write_throughput(w, *r.throughput);
                    if (r.stream) write_stream(w, *r.stream);
                    if (!r.attribute_definitions.empty()) write_attribute_definitions(w, r.attribute_definitions);
                    if (r.create_index || r.delete_index || !r.index_throughput.empty()) {
                      w.Key("GlobalSecondaryIndexUpdates");
                      w.StartArray();
                      if (r.create_index) {
                        const auto& i = *r.create_index;
                        w.StartObject();
                        w.Key("Create");
                        w.StartObject();
                        key_value(w, "IndexName", i.name);
                        write_key_schema(w, i.keys);
                        write_projection(w, i.projection);
                        if (i.throughput) write_throughput(w, *i.throughput);
                        w.EndObject();
                        w.EndObject();
                      }
                      if (r.delete_index) {
                        w.StartObject();
                        w.Key("Delete");
                        w.StartObject();
                        key_value(w, "IndexName", *r.delete_index);
                        w.EndObject();
                        w.EndObject();
                      }
                      for (const auto& [name, throughput] : r.index_throughput) {
                        w.StartObject();
                        w.Key("Update");
                        w.StartObject();
                        key_value(w, "IndexName", name);
                        write_throughput(w, throughput);
                        w.EndObject();
                        w.EndObject();
                      }
                      w.EndArray();
                    }
                  }));
  return table_of(doc["TableDescription"]);
}

TableDescription DynamoClient::delete_table(const std::string& table) {
  auto doc = call(Api::DynamoDB, "DeleteTable", body_of([&](JsonWriter& w) { key_value(w, "TableName", table); }));
  return table_of(doc["TableDescription"]);
}

TimeToLive DynamoClient::describe_time_to_live(const std::string& table) {
  auto doc =
      call(Api::DynamoDB, "DescribeTimeToLive", body_of([&](JsonWriter& w) { key_value(w, "TableName", table); }));
  const auto& d = doc["TimeToLiveDescription"];
  return {string_member(d, "TimeToLiveStatus"), string_member(d, "AttributeName")};
}

void DynamoClient::update_time_to_live(const std::string& table, const std::string& attribute, bool enabled) {
  call(Api::DynamoDB, "UpdateTimeToLive", body_of([&](JsonWriter& w) {
         key_value(w, "TableName", table);
         w.Key("TimeToLiveSpecification");
         w.StartObject();
         key_value(w, "AttributeName", attribute);
         w.Key("Enabled");
         w.Bool(enabled);
         w.EndObject();
       }));
}

TableDescription DynamoClient::wait_until_active(const std::string& table, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto delay = std::chrono::milliseconds(50);
  for (;;) {
    TableDescription d = describe_table(table);
    bool active = d.status == "ACTIVE";
    for (const auto& i : d.indexes)
      if (i.global && !i.status.empty() && i.status != "ACTIVE") active = false;
    if (active) return d;
    if (std::chrono::steady_clock::now() > deadline)
      throw Error(sqlstate::kTimeout, "table " + table + " did not become ACTIVE within " +
                                          std::to_string(timeout.count()) + " s (status " + d.status + ")");
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  }
}

void DynamoClient::wait_until_deleted(const std::string& table, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto delay = std::chrono::milliseconds(50);
  for (;;) {
    try {
      describe_table(table);
    } catch (const Error& e) {
      if (e.aws_type() == "ResourceNotFoundException") return;
      throw;
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw Error(sqlstate::kTimeout, "table " + table + " was not deleted within " + std::to_string(timeout.count()) + " s");
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  }
}

}  // namespace dynamosql
