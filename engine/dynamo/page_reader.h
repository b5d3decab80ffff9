// Reads a Scan or Query response with one simdjson parse of its body: Items, LastEvaluatedKey, Count,
// ScannedCount and ConsumedCapacity. With a ItemLayout, items become rows directly and only the
// attributes the layout keeps are decoded into Values; without one they become Items. This is the hot
// path of every scan: see bench/.
#pragma once

#include <string>

#include "dynamo/api_types.h"

namespace dynamosql {

// Fills `page` from `body`, which is modified (strings are unescaped in place). Returns false when the
// body is not valid JSON; a malformed AttributeValue throws Error 22000.
bool read_page(std::string& body, const ItemLayout* layout, Page& page);

}  // namespace dynamosql
