// Comparing whole tables in tests of copies and migrations: every item of a table read directly
// (consistent Scan) as canonical DynamoDB JSON, and what differs between two such snapshots.
#pragma once

#include <map>
#include <string>

#include "dynamo/dynamo_client.h"

namespace dynamosql::testing {

// Every item of `table` by the text of its `key` attribute, as canonical DynamoDB JSON (maps sorted).
// Fails the test when a key is missing or seen twice.
std::map<std::string, std::string> snapshot(DynamoClient& client, const std::string& table, const std::string& key = "pk");

// How `actual` differs from `expected`: counts of missing, extra and altered items with a few examples;
// empty when they are equal.
std::string differences(const std::map<std::string, std::string>& actual, const std::map<std::string, std::string>& expected);

}  // namespace dynamosql::testing
