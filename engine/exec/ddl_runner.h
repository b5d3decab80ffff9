// A DDL plan (plan/plan_ddl.h makes them) and its runner: sends the plan's control-plane requests in
// order, waiting after each until the table and its indexes are ACTIVE again (or gone), so the next line
// of a script can use the change, and maps DynamoDB's answers to SQL errors (an existing table or index
// 42S01, a missing table 42S02).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dynamo/dynamo_client.h"

namespace dynamosql {

// One control-plane request and what the statement waits for after it.
struct DdlStep {
  enum class Action { CreateTable, DeleteTable, UpdateTable, EnableTimeToLive, DisableTimeToLive };
  Action action = Action::UpdateTable;
  CreateTableRequest create;   // CreateTable
  UpdateTableRequest update;   // UpdateTable
  std::string ttl_attribute;   // EnableTimeToLive
  std::chrono::seconds wait{300};  // until ACTIVE again (or gone, after DeleteTable)
};

struct DdlPlan {
  std::string table;
  std::vector<DdlStep> steps;
  std::string done;   // the statement's status when every step is done: "table t created"
  // CREATE TABLE IF NOT EXISTS / DROP TABLE IF EXISTS: a table that exists already / is missing is an
  // outcome ("table t already exists"), not an error.
  bool if_not_exists = false;
  bool if_exists = false;
};

// EXPLAIN of a DDL statement: one line per request the plan would send, with what it asks for; nothing
// is sent.
std::vector<std::string> explain_ddl_plan(const DdlPlan& plan);

// The statement's status ("table t created", or with IF [NOT] EXISTS "table t already exists").
// The catalog forgets the table afterwards, so the next statement sees the change.
std::string run_ddl_plan(const DdlPlan& plan, DynamoClient& client, Catalog& catalog);

}  // namespace dynamosql
