// The AST of one statement, built from the ANTLR parse tree by ast_builder*.cpp. Closed hierarchies use a
// kind tag and one struct (DuckDB-style), not visitors. Every node keeps its 1-based line:column so bind
// errors can point at it. The AST is what the user wrote and nothing more: the binder (bind/) reads it
// and never changes it.
//
// Syntax that SQL spells specially but that is an ordinary function underneath becomes a Function node,
// as PostgreSQL's grammar does: EXTRACT(f FROM x) -> extract('f', x); POSITION(a IN b) -> position(a, b);
// SUBSTRING(x FROM a FOR b) -> substring(x, a, b); TRIM(LEADING c FROM x) -> ltrim(x, c) (TRAILING:
// rtrim, BOTH: trim); CURRENT_DATE and friends -> current_date() etc. (a precision is the argument);
// x ~ p -> regexp_like(x, p) (~*: regexp_like(x, p, 'i'); !~ and !~* under a Not); x SIMILAR TO p ->
// similar_to(x, p[, escape]) (NOT SIMILAR TO under a Not).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dynamosql/value.h"

namespace dynamosql {

struct Position {
  int line = 0;
  int column = 0;
};

// Throws Error(state, message) at `p`: parse and bind errors point at what the user wrote.
[[noreturn]] void fail_at(const Position& p, const char* state, const std::string& message);

struct Query;

enum class ExprKind {
  Literal,      // value
  Parameter,    // `?`, parameter_index
  Column,       // path: [table qualifier.]attribute[.name|[index]]... (the binder tells which)
  Unary,        // op "-" or "+", children[0]
  Binary,       // op "+", "-", "*", "/", "%", "||"
  Compare,      // op "=", "<>", "<", "<=", ">", ">="
  Between,      // children: value, low, high; negated
  InList,       // children[0] value, rest the list; negated
  InSubquery,   // children[0] value, subquery; negated. Also `value op ANY|SOME|ALL (subquery)`: op the
                // comparison (IN is `= ANY`: op empty), `all` for ALL
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
  Exists,       // EXISTS (subquery); negated: NOT EXISTS
  IsDistinctFrom,  // children[0], children[1]; negated: IS NOT DISTINCT FROM
  TypedLiteral,    // type_name 'value': DATE, TIME, TIMESTAMP, TIMESTAMP WITH TIME ZONE or INTERVAL, with
                   // value the literal's canonical text (validated by value/datetime when parsed)
};

// One step of an attribute path: a name (`.b`) or a list index (`[2]`).
struct PathElement {
  std::string name;
  int index = -1;  // >= 0 for [index]
  bool is_index() const { return index >= 0; }
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  // default: NULLs first ascending, last descending (NULL sorts lowest)

  OrderItem clone() const;
};

// A window frame: ROWS | RANGE | GROUPS BETWEEN start AND end (a lone start means AND CURRENT ROW).
struct FrameBound {
  enum class Kind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing } kind = Kind::CurrentRow;
  ExprPtr offset;  // Preceding / Following: how far
  Position position;
};

struct WindowFrame {
  enum class Unit { Rows, Range, Groups } unit = Unit::Range;
  FrameBound start;
  FrameBound end;
  Position position;
};

// OVER (...) or WINDOW w AS (...). `base` names a window of the query's WINDOW clause this one
// extends (OVER (w ORDER BY x)); OVER w alone is a spec with only `base` set.
struct WindowSpec {
  std::string base;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::optional<WindowFrame> frame;
  Position position;

  std::unique_ptr<WindowSpec> clone() const;
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
  bool all = false;  // InSubquery: op ALL (else op ANY)
  bool star = false;
  bool has_operand = false;
  bool has_else = false;
  int parameter_index = -1;
  std::string text;  // source text, for default column names

  // Function calls only: agg(x ORDER BY y) or, with within_group, agg(f) WITHIN GROUP (ORDER BY y);
  // agg(...) FILTER (WHERE filter); f(...) OVER window. These are not among `children`.
  std::vector<OrderItem> order_by;
  bool within_group = false;
  ExprPtr filter;
  std::unique_ptr<WindowSpec> window;

  std::unique_ptr<Expr> clone() const;
};

struct SelectItem {
  enum class Kind { All, AllOf, Expr } kind = Kind::Expr;
  std::string qualifier;  // AllOf: the table alias
  ExprPtr expr;
  std::string alias;
  Position position;
};

struct TableRef;
struct Join {
  bool left = false;   // rows of the left side without a match are kept: LEFT or FULL OUTER JOIN
  bool right_outer = false;  // likewise for the right side: RIGHT or FULL OUTER JOIN
  std::shared_ptr<TableRef> right;
  ExprPtr condition;                       // null with USING
  std::vector<std::string> using_columns;  // JOIN ... USING (a, b)
  bool natural = false;  // NATURAL JOIN: USING the columns both sides have (the binder finds them)
  bool comma = false;    // FROM a, b: a cross join that binds looser than JOIN
  Position position;
};

// A parenthesised joined table on the right of a join, `a LEFT JOIN (b JOIN c ON x) ON y`: evaluated
// as one relation. Its first item is never itself a joined table (a group on the left of a join is the
// same as the chain written without parentheses, and is flattened into it).
struct JoinedTable {
  std::shared_ptr<TableRef> first;
  std::vector<Join> joins;
};

struct TableRef {
  std::string table;   // base table name (or "streams" schema table later)
  std::string index;   // "table"."index"
  std::string schema;  // "streams" for stream tables
  std::shared_ptr<Query> subquery;  // FROM (SELECT ...) AS t
  std::shared_ptr<JoinedTable> joined;  // (a JOIN b ON x): no table, subquery or alias
  std::string alias;
  Position position;
};

struct NamedWindow {
  std::string name;
  WindowSpec spec;
  Position position;
};

struct QuerySpec {
  bool distinct = false;
  std::vector<SelectItem> items;
  std::shared_ptr<TableRef> from;  // null for SELECT without FROM
  std::vector<Join> joins;
  ExprPtr where;
  // Every expression GROUP BY names, in order of appearance (ROLLUP's, CUBE's and GROUPING SETS' too).
  std::vector<ExprPtr> group_by;
  // Empty for a plain GROUP BY. With ROLLUP, CUBE or GROUPING SETS: the grouping sets they expand to
  // (the cross product of the elements, as SQL defines), each a list of indexes into group_by. An
  // expression written twice has two indexes; the binder treats equal expressions as one.
  std::vector<std::vector<size_t>> grouping_sets;
  Position grouping_sets_position;  // of the first ROLLUP, CUBE or GROUPING SETS
  ExprPtr having;
  std::vector<NamedWindow> windows;  // WINDOW w AS (...), ...
  Position position;
};

// WITH name [(columns)] AS (query).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  std::shared_ptr<Query> query;
  Position position;
};

// How a query's terms combine. A chain of one operator (a UNION b UNION c) is one Query with several
// terms; mixing operators nests them by precedence: a UNION b INTERSECT c is a UNION of a and a nested
// Query (b INTERSECT c), and a UNION b EXCEPT c an EXCEPT of a nested (a UNION b) and c.
enum class SetOperation { UnionAll, Union, IntersectAll, Intersect, ExceptAll, Except };
// "UNION ALL", "INTERSECT", ...: as written.
const char* set_operation_text(SetOperation op);

struct Query {
  std::vector<CommonTableExpr> with;  // WITH ... (in scope for the whole query)
  bool recursive = false;             // WITH RECURSIVE
  // The terms combined by set_operation; a term is a QuerySpec or a parenthesised Query.
  struct Term {
    std::shared_ptr<QuerySpec> spec;
    std::shared_ptr<Query> nested;
  };
  std::vector<Term> terms;
  SetOperation set_operation = SetOperation::UnionAll;
  Position set_operation_position;  // of the first operator keyword
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
  std::string text;  // the SQL as given to Session::prepare (scan checkpoints tell statements apart by it)
};

}  // namespace dynamosql
