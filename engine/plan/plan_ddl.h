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

// "CREATE TABLE", ... for messages; nullptr for a statement that is not DDL (the one list of DDL kinds).
const char* ddl_statement_name(StatementKind kind);
inline bool is_ddl(StatementKind kind) { return ddl_statement_name(kind) != nullptr; }

// `catalog` gives the current description of the table an index or ALTER changes (refreshed first).
DdlPlan plan_ddl(const Statement& statement, Catalog& catalog);

}  // namespace dynamosql
