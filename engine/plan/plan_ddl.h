// The DDL planner: CREATE TABLE (with GLOBAL / LOCAL INDEX clauses), DROP TABLE, CREATE / DROP INDEX
// (global secondary indexes) and ALTER TABLE ... SET (...) become the DynamoDB control-plane requests
// they make, in order. Every option, key type and capacity is checked here, before the first request,
// so a statement with a bad option changes nothing; exec/ddl_runner.h
// defines the plan and sends its requests.
#pragma once

#include "catalog/catalog.h"
#include "exec/ddl_runner.h"
#include "sql/ast.h"

namespace dynamosql {

bool is_ddl(StatementKind kind);

// "CREATE TABLE", ... for messages.
const char* ddl_statement_name(StatementKind kind);

// `catalog` gives the current description of the table an index or ALTER changes (refreshed first).
DdlPlan plan_ddl(const Statement& statement, Catalog& catalog);

}  // namespace dynamosql
