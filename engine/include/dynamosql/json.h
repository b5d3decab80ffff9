// Values as plain JSON, what people read and write (the console's json/jsonl output, JSON lines COPY,
// document columns, the ODBC driver's text of a document): numbers as exact JSON numbers, maps and
// lists as JSON, sets as arrays, binary as base64 text, NULL and Missing as null. Over RapidJSON.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "dynamosql/value.h"

namespace dynamosql {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_plain_json(JsonWriter& w, const Value& v);
std::string plain_json(const Value& v);

}  // namespace dynamosql
