// Small JSON helpers for the operation files.
#include "dynamo/wire.h"

namespace dynamosql::wire {

std::string body_of(const std::function<void(JsonWriter&)>& fill) {
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  w.StartObject();
  fill(w);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

void key_value(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void optional_string(JsonWriter& w, const char* key, const std::string& value) {
  if (!value.empty()) key_value(w, key, value);
}

void expression_attributes(JsonWriter& w, const ExpressionAttributes& attributes) {
  if (!attributes.names.empty()) {
    w.Key("ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [placeholder, name] : attributes.names) {
      w.Key(placeholder.data(), static_cast<rapidjson::SizeType>(placeholder.size()));
      w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    }
    w.EndObject();
  }
  if (!attributes.values.empty()) {
    w.Key("ExpressionAttributeValues");
    w.StartObject();
    for (const auto& [placeholder, value] : attributes.values) {
      w.Key(placeholder.data(), static_cast<rapidjson::SizeType>(placeholder.size()));
      write_wire_value(w, value);
    }
    w.EndObject();
  }
}

std::string string_member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

int64_t int_member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsNumber()) return 0;
  return it->value.IsInt64() ? it->value.GetInt64() : static_cast<int64_t>(it->value.GetDouble());
}

double consumed_capacity(const rapidjson::Value& response) {
  auto it = response.FindMember("ConsumedCapacity");
  if (it == response.MemberEnd()) return 0;
  double total = 0;
  auto add = [&total](const rapidjson::Value& c) {
    auto u = c.FindMember("CapacityUnits");
    if (u != c.MemberEnd() && u->value.IsNumber()) total += u->value.GetDouble();
  };
  if (it->value.IsObject()) add(it->value);
  if (it->value.IsArray())
    for (const auto& c : it->value.GetArray())
      if (c.IsObject()) add(c);
  return total;
}

KeySchema key_schema(const rapidjson::Value& array) {
  KeySchema keys;
  if (!array.IsArray()) return keys;
  for (const auto& k : array.GetArray()) {
    std::string type = string_member(k, "KeyType");
    (type == "HASH" ? keys.partition_key : keys.sort_key) = string_member(k, "AttributeName");
  }
  return keys;
}

void write_key_schema(JsonWriter& w, const KeySchema& keys) {
  w.Key("KeySchema");
  w.StartArray();
  w.StartObject();
  key_value(w, "AttributeName", keys.partition_key);
  key_value(w, "KeyType", "HASH");
  w.EndObject();
  if (!keys.sort_key.empty()) {
    w.StartObject();
    key_value(w, "AttributeName", keys.sort_key);
    key_value(w, "KeyType", "RANGE");
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace dynamosql::wire
