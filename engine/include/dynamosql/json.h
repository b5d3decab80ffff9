// Values as plain JSON, what people read and write (the console's json/jsonl output, JSON lines COPY,
// document columns, the ODBC driver's text of a document): numbers as exact JSON numbers, maps and
// lists as JSON, sets as arrays, binary as base64 text, NULL and Missing as null. And DynamoDB JSON,
// typed, for text that must keep every type. Over RapidJSON.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "dynamosql/value.h"

namespace dynamosql {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_plain_json(JsonWriter& w, const Value& v);
std::string plain_json(const Value& v);

// A document's attributes as DynamoDB JSON, each with its type descriptor ({"tags":{"SS":["a"]},
// "n":{"N":"1.5"}}): the form in which sets, binary and numbers survive being read as text and
// written back (the ODBC driver's `_other`). `document` must be a map.
std::string dynamodb_json(const Value& document);

}  // namespace dynamosql
