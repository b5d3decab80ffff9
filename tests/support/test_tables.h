// Tables for tests of copies and migrations: a source table of varied items, every item of a table
// read directly (consistent Scan) as canonical DynamoDB JSON, and what differs between two snapshots.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/session.h"
#include "dynamo/dynamo_client.h"

namespace dynamosql::testing {

// Drops the tables handed to it when it goes out of scope, also after a failed REQUIRE, so tests leave
// nothing behind in the DynamoDB Local the whole run shares. Declare it after the Session it uses.
class DropAtEnd {
 public:
  explicit DropAtEnd(Session& s) : session_(s) {}
  DropAtEnd(const DropAtEnd&) = delete;
  DropAtEnd& operator=(const DropAtEnd&) = delete;
  ~DropAtEnd();
  // Remembers `table` for dropping; returns it.
  std::string operator()(std::string table) {
    tables_.push_back(table);
    return table;
  }

 private:
  Session& session_;
  std::vector<std::string> tables_;
};

// CREATE TABLE name (pk VARCHAR PRIMARY KEY).
void create_table(Session& s, const std::string& name);

// A new table "<prefix>_<unique>" of `items` varied items keyed pk = 'k<i>': exact numbers beyond a
// double's precision, documents, sets, NULL, empty strings, booleans.
std::string make_varied_table(Session& s, const std::string& prefix, int items);

// Every item of `table` by the text of its `key` attribute, as canonical DynamoDB JSON (maps sorted).
// Fails the test when a key is missing or seen twice.
std::map<std::string, std::string> snapshot(DynamoClient& client, const std::string& table, const std::string& key = "pk");

// How `actual` differs from `expected`: counts of missing, extra and altered items with a few examples;
// empty when they are equal.
std::string differences(const std::map<std::string, std::string>& actual, const std::map<std::string, std::string>& expected);

}  // namespace dynamosql::testing
