// Helpers shared by the operation files for writing request JSON and reading response JSON.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>

#include "dynamo/api_types.h"
#include "value/json.h"

namespace dynamosql::wire {

// A request body: one JSON object filled by `fill`.
std::string body_of(const std::function<void(JsonWriter&)>& fill);
void key_value(JsonWriter& w, const char* key, const std::string& value);
// Writes ExpressionAttributeNames / ExpressionAttributeValues when non-empty.
void expression_attributes(JsonWriter& w, const ExpressionAttributes& attributes);
// Writes `key` only when value is non-empty.
void optional_string(JsonWriter& w, const char* key, const std::string& value);

std::string string_member(const rapidjson::Value& object, const char* key);
int64_t int_member(const rapidjson::Value& object, const char* key);
// Sum of ConsumedCapacity.CapacityUnits (object or array of objects).
double consumed_capacity(const rapidjson::Value& response);
KeySchema key_schema(const rapidjson::Value& array);
void write_key_schema(JsonWriter& w, const KeySchema& keys);

}  // namespace dynamosql::wire
