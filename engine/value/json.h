// JSON forms of values, over RapidJSON (the plain form's writer is public: dynamosql/json.h).
//
// Wire form: DynamoDB's typed AttributeValue JSON ({"S":"x"}, {"N":"1.5"}, {"M":{...}}, ...), used in
// requests and responses. Plain form: what people read and write (console json/jsonl output, JSON
// lines COPY, document columns): numbers as exact JSON numbers, maps and lists as JSON, sets as arrays,
// binary as base64 text, NULL and Missing as null.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "dynamosql/json.h"

namespace dynamosql {

// Wire form. Throws Error 22000 on a malformed AttributeValue.
Value value_from_wire(const rapidjson::Value& json);
Item item_from_wire(const rapidjson::Value& json);
// Writes {"S": ...} etc. A Missing value must not reach this (programming error -> Error HY000).
void write_wire_value(JsonWriter& w, const Value& v);
void write_wire_item(JsonWriter& w, const Item& item);
std::string wire_json(const Value& v);
// The item in `text` when it is DynamoDB JSON: an object whose every member is an object with one
// member named by a type descriptor ({"a": {"S": "x"}, "b": {"SS": ["y"]}}); nullopt for any other
// JSON (the plain form). Throws Error 22000 for text that is not JSON, or is typed but malformed
// ({"a": {"L": 1}}). Numbers may be JSON numbers or strings ({"N": 1.5} or {"N": "1.5"}), exact.
std::optional<Item> parse_dynamodb_json_item(std::string_view text);

// Plain form (writing it: dynamosql/json.h).
// Parses plain JSON text into a Value: objects -> M, arrays -> L, numbers exact (N), strings -> S,
// true/false -> BOOL, null -> NULL. Throws Error 22000 with the offset on invalid JSON.
Value parse_plain_json(std::string_view text);
Value value_from_plain_json(const rapidjson::Value& json);

}  // namespace dynamosql
