// An item's size as DynamoDB counts it (attribute names plus values), for the 400 KB item limit and
// for write capacity units (one WCU per started KB of a standard write).
#pragma once

#include <cstdint>

#include "dynamosql/value.h"

namespace dynamosql {

inline constexpr uint64_t kMaxItemBytes = 400 * 1024;

uint64_t value_size(const Value& v);
uint64_t item_size(const Item& item);
// Write capacity units of one PutItem / BatchWriteItem put of `item`.
uint64_t write_units(const Item& item);

}  // namespace dynamosql
