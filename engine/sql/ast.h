// The AST of one statement, built from the ANTLR parse tree by ast_builder.cpp. Closed hierarchies use a
// kind tag and one struct (DuckDB-style), not visitors. Every node keeps its 1-based line:column so bind
// errors can point at it. The binder annotates expressions in place (slot, function).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "value/value.h"

namespace dynamosql {

struct Position {
  int line = 0;
  int column = 0;
};

struct Query;

enum class ExprKind {
  Literal,      // value
  Parameter,    // `?`, parameter_index
  Column,       // path (unresolved; the binder splits off a table qualifier)
  Unary,        // op "-" or "+", children[0]
  Binary,       // op "+", "-", "*", "/", "%", "||"
  Compare,      // op "=", "<>", "<", "<=", ">", ">="
  Between,      // children: value, low, high; negated
  InList,       // children[0] value, rest the list; negated
  InSubquery,   // children[0] value, subquery; negated
  Like,         // children: value, pattern[, escape]; negated
  IsNull,       // children[0]; negated
  IsMissing,    // children[0]; negated
  Not,
  And,
  Or,
  Function,     // name (lower case), children, distinct, star (COUNT(*))
  Case,         // children: [operand,] when1, then1, ..., [else]; has_operand, has_else
  Cast,         // children[0], type_name
  Document,     // keys + children
  List,         // children
  Set,          // children
  Subquery,     // scalar subquery
};

// One step of an attribute path: a name (`.b`) or a list index (`[2]`).
struct PathElement {
  std::string name;
  int index = -1;  // >= 0 for [index]
  bool is_index() const { return index >= 0; }
};

struct Expr {
  ExprKind kind = ExprKind::Literal;
  Position position;
  std::string op;    // operator or function name
  Value value;       // literal
  std::vector<PathElement> path;  // column reference
  std::vector<std::unique_ptr<Expr>> children;
  std::vector<std::string> keys;  // document keys
  std::string type_name;          // CAST target, upper case
  std::shared_ptr<Query> subquery;
  bool negated = false;
  bool distinct = false;
  bool star = false;
  bool has_operand = false;
  bool has_else = false;
  int parameter_index = -1;
  std::string text;  // source text, for default column names

  // Filled by the binder.
  int slot = -1;            // Column: index of the input column holding path[path_start]
  int relation = -1;        // Column: which FROM item it belongs to
  size_t path_start = 0;    // path elements before this one named the table
  int aggregate_slot = -1;  // aggregate functions: index of the aggregate's output

  std::unique_ptr<Expr> clone() const;
};

using ExprPtr = std::unique_ptr<Expr>;

struct SelectItem {
  enum class Kind { All, AllOf, Expr } kind = Kind::Expr;
  std::string qualifier;  // AllOf: the table alias
  ExprPtr expr;
  std::string alias;
  Position position;
};

struct TableRef;
struct Join {
  bool left = false;  // LEFT OUTER JOIN, else INNER
  std::shared_ptr<TableRef> right;
  ExprPtr condition;
};

struct TableRef {
  std::string table;   // base table name (or "streams" schema table later)
  std::string index;   // "table"."index"
  std::string schema;  // "streams" for stream tables
  std::shared_ptr<Query> subquery;  // FROM (SELECT ...) AS t
  std::string alias;
  Position position;
};

struct QuerySpec {
  bool distinct = false;
  std::vector<SelectItem> items;
  std::shared_ptr<TableRef> from;  // null for SELECT without FROM
  std::vector<Join> joins;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  Position position;
};

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  // default: NULLs first ascending, last descending (NULL sorts lowest)
};

struct Query {
  // UNION ALL of terms; a term is a QuerySpec or a parenthesised Query.
  struct Term {
    std::shared_ptr<QuerySpec> spec;
    std::shared_ptr<Query> nested;
  };
  std::vector<Term> terms;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
  ExprPtr offset;
  Position position;
};

enum class StatementKind { Query, ShowTables, Describe, Explain, Set, ShowSetting, Insert, Update, Delete, CreateTable, DropTable, Begin, Commit, Rollback, CreateIndex, DropIndex, AlterTable, Copy };

struct InsertStatement {
  bool upsert = false;                     // UPSERT: overwrite items with the same key
  std::vector<std::string> columns;        // (a, b, ...) or empty
  std::vector<std::vector<ExprPtr>> rows;  // VALUES (...), (...)
  std::vector<ExprPtr> documents;          // VALUE {...}, {...}
  std::shared_ptr<Query> query;            // INSERT ... SELECT
};

// SET target = value, or REMOVE target (value null).
struct Assignment {
  ExprPtr target;
  ExprPtr value;
};

struct ColumnSpec {
  std::string name;
  std::string type;  // upper case
  Position position;
};

using Options = std::vector<std::pair<std::string, Value>>;  // WITH (name = value, ...); names lower case

// A secondary index declared inside CREATE TABLE: [GLOBAL | LOCAL] INDEX name (pk [type][, sk [type]]).
struct IndexSpec {
  std::string name;
  bool local = false;
  std::vector<ColumnSpec> keys;
  Options options;
  Position position;
};

struct CreateTableStatement {
  bool if_not_exists = false;
  std::vector<ColumnSpec> columns;
  std::vector<std::string> primary_key;  // partition key[, sort key]
  std::vector<IndexSpec> indexes;
  Options options;
};

// COPY t [(cols)] FROM 'path' [WITH (...)], COPY t [(cols)] TO 'path', COPY (SELECT ...) TO 'path'.
struct CopyStatement {
  bool to = false;
  std::vector<ColumnSpec> columns;  // types optional: how CSV text is read
  std::shared_ptr<Query> query;     // COPY (SELECT ...) TO
  std::string path;                 // "-": standard input / output
  Position path_position;
  Options options;
};

struct Statement {
  StatementKind kind = StatementKind::Query;
  std::shared_ptr<Query> query;
  std::shared_ptr<TableRef> table;       // DESCRIBE
  std::unique_ptr<Statement> explained;  // EXPLAIN
  bool analyze = false;
  std::string setting;                   // SET / SHOW name
  bool show_all = false;                 // SHOW ALL
  Value setting_value;
  std::shared_ptr<InsertStatement> insert;
  std::vector<Assignment> assignments;   // UPDATE
  ExprPtr where;                         // UPDATE / DELETE
  std::shared_ptr<CreateTableStatement> create;
  std::shared_ptr<CopyStatement> copy;
  bool if_exists = false;                // DROP TABLE IF EXISTS
  std::string index_name;                // CREATE / DROP INDEX
  int parameter_count = 0;
  Position position;
};

}  // namespace dynamosql
