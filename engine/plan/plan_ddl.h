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

// What a DDL plan is for: running it, or showing it (EXPLAIN).
enum class DdlPlanning { ToRun, ToExplain };
// `catalog` gives the description of the table an index or ALTER changes: to run, DynamoDB's current one
// (described again first); to explain, the one the session holds, so that EXPLAIN sends no request for
// a table the session has read (one it has not is described first, as any statement naming it is).
DdlPlan plan_ddl(const Statement& statement, Catalog& catalog, DdlPlanning planning);

}  // namespace dynamosql
