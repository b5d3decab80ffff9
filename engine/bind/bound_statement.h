// Bound statements: a SELECT's FROM items, clauses and output as the binder resolved them, ready for
// the planner. A query is a UNION [ALL], INTERSECT [ALL] or EXCEPT [ALL] of terms, each a SELECT (or a
// parenthesised query: operators of different precedence nest), with ORDER BY,
// LIMIT and OFFSET; a SELECT holds its relations (FROM items), WHERE, the aggregation (GROUP BY
// expressions and the aggregates it computes), HAVING, the select list with stars expanded and its
// ORDER BY keys. Expressions above the aggregation refer to its output by GroupRef/AggregateRef.
//
// A subquery's BoundQuery says whether it is correlated: whether any name in it resolved to a FROM item
// of an enclosing query (SQL's scoping rule; see binder.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bind/bound_expr.h"
#include "catalog/catalog.h"
#include "dynamosql/parameter.h"
#include "streams/stream_table.h"

namespace dynamosql {

// The first name in a subquery that resolved to a FROM item of an enclosing query.
struct OuterReference {
  std::string text;
  Position position;
};

struct BoundColumn {
  std::string name;
  SqlType type = SqlType::Varchar;
  std::string base_table;  // the base table a plain column comes from; empty when computed or virtual
};

enum class RelationKind : uint8_t { BaseTable, StreamTable, Derived };

// A WITH query: bound once where it is defined, read by every FROM item that names it. Named once it is
// planned as a derived table; named more than once its rows are read once and held (the planner's
// materialized WITH queries).
//
// A recursive one (WITH RECURSIVE, its query naming itself) has a query of two or more terms joined by
// UNION [ALL]: the last is the recursive term, the others the non-recursive term (the anchor). The
// recursive term names the query once, in its own FROM (a working-table reference): there it reads the
// rows the previous iteration added (bind_recursive.cpp; planned by Planner::plan_cte).
struct BoundCte {
  std::string name;
  Position position;
  std::shared_ptr<BoundQuery> query;
  std::vector<BoundColumn> columns;  // the query's, renamed by `name (a, b)`
  // Recursive: the working table's columns, the anchor's types (the recursive term is bound and run
  // against them; `columns` has the overall types, which bind_recursive.cpp checks fit them).
  std::vector<BoundColumn> working_columns;
  int references = 0;                // FROM items naming it (a working-table reference is not counted)
  bool recursive = false;
};

// A FROM item. A base table has no fixed columns: its columns are the attributes the statement reads
// (every inferred column first with SELECT *, then the others in the order they are named, then
// `_other`), fixed by finish_layout() once the SELECT is bound. Stream tables and derived tables have
// fixed columns.
struct BoundRelation {
  RelationKind kind = RelationKind::BaseTable;
  std::string alias;  // how it is referenced
  Position position;
  std::shared_ptr<const TableSchema> table;  // BaseTable; StreamTable: the table whose stream it is
  std::string index;                         // BaseTable: "table"."index" forces that index
  StreamTableInfo stream;                    // StreamTable
  std::shared_ptr<BoundQuery> subquery;      // Derived
  std::shared_ptr<BoundCte> cte;             // Derived from a WITH query (subquery is its query)
  // The recursive term's reference to its own WITH RECURSIVE query (no subquery, no `cte`): not owning,
  // as the query owns the term that holds it.
  const BoundCte* working_table = nullptr;
  // In a recursive term: the working table, or a derived table that reads it (so it is read again at
  // every iteration; the other FROM items are read once and held).
  bool reads_working_table = false;
  bool null_extended = false;  // the NULL side of an outer join: WHERE on it is checked after the join
  bool star = false;                    // BaseTable: SELECT * or alias.* reads every attribute
  bool with_other = false;              // BaseTable: carries `_other`
  std::vector<std::string> attributes;  // BaseTable: the attributes read, in column order
  std::vector<BoundColumn> columns;     // the row layout

  // Base tables: the attribute becomes one the statement reads.
  void note_attribute(const std::string& attribute);
  // A column it has by its definition: a base table's inferred column (or `_other`), another's column.
  bool has_column(const std::string& name) const;
  void finish_layout();
  int column_index(const std::string& name) const;  // -1 when absent
};

struct BoundOrderKey {
  BoundExprPtr expr;  // null when the key is a select-list column; else sorted by as a hidden column
  int output = -1;    // that column (ORDER BY 2, ORDER BY alias, or the same expression)
  bool descending = false;
  bool nulls_first = true;
  std::string text;  // as written, for EXPLAIN
  Position position;
};

// Join i of a SELECT (see BoundSelect::joins): its right side is the FROM items [i + 1, right_end), one
// item or a parenthesised joined table evaluated as one relation; its left side is [left_begin, i + 1),
// the items before it in a left-deep chain, or the first item of a parenthesised one.
struct BoundJoin {
  bool left = false;   // LEFT or FULL OUTER: the left side's rows are kept
  bool right = false;  // RIGHT or FULL OUTER: the right side's rows are kept
  BoundExprPtr condition;
  Position position;
  size_t left_begin = 0;
  size_t right_end = 0;
};

struct BoundSelect {
  Position position;
  bool distinct = false;
  // The FROM items in the order written (parenthesised joined tables flattened); joins[i]'s right side
  // begins with relations[i + 1]. A left-deep chain's joins[i] brings in relations[i + 1].
  std::vector<BoundRelation> relations;
  std::vector<BoundJoin> joins;
  BoundExprPtr where;
  bool aggregated = false;  // GROUP BY, HAVING or an aggregate: one row per group
  std::vector<BoundExprPtr> groups;  // GROUP BY's expressions, each once
  // Empty for a plain GROUP BY; with ROLLUP, CUBE or GROUPING SETS the sets the rows are grouped by, in
  // order, each a list of indexes into `groups` (a group outside a set is NULL in that set's rows).
  std::vector<std::vector<size_t>> grouping_sets;
  std::vector<BoundAggregate> aggregates;
  BoundExprPtr having;
  std::vector<BoundExprPtr> windows;  // the window calls (WindowCall) the select list and ORDER BY read
  std::vector<BoundExprPtr> outputs;  // the select list, stars expanded
  std::vector<BoundColumn> output_columns;
  std::optional<OuterReference> outer_reference;  // set when correlated
  std::vector<BoundOrderKey> order;  // ORDER BY of a query whose only term this is
};

struct BoundQuery {
  struct Term {
    std::unique_ptr<BoundSelect> select;
    std::unique_ptr<BoundQuery> nested;
    bool reads_working_table = false;  // in a recursive term (see BoundRelation)
  };
  Position position;
  std::vector<Term> terms;                             // combined by `operation` (left to right)
  SetOperation operation = SetOperation::UnionAll;     // with one term: none
  Position operation_position;                         // of its first keyword
  std::vector<BoundColumn> columns;  // the first term's names, each typed to hold every term's values
  std::vector<BoundOrderKey> order;  // over the output columns, when there is more than one term
  BoundExprPtr limit, offset;        // Constant or Parameter; null when absent
  std::optional<OuterReference> outer_reference;  // set when it names a FROM item of an enclosing query
};

// INSERT / UPSERT: the rows of `source` (VALUES rows, VALUE documents or a query) become items of
// `table`, column i of a row going to attribute columns[i] (kDocumentColumn, exec/write_support.h: the
// value is a document whose entries are the attributes).

struct BoundInsert {
  std::shared_ptr<const TableSchema> table;
  bool upsert = false;
  std::vector<std::string> columns;
  std::unique_ptr<BoundQuery> source;
};

// UPDATE / DELETE of the items of one table matching `where`. The relation reads the attributes the
// statement names and the key.
struct BoundModification {
  std::vector<BoundRelation> relations;  // exactly one: the table
  BoundExprPtr where;
  std::vector<BoundExprPtr> targets;  // UPDATE: SET target = value, or REMOVE target (value null)
  std::vector<BoundExprPtr> values;
};

// SELECT * of FROM item `relation`: appends to the select list the columns SELECT * shows of it (a base
// table's inferred columns and `_other`, not the attributes read only for WHERE; every column of the
// others). The relation's layout must be finished.
// `hidden`: columns it does not show (those JOIN ... USING merged).
void append_star_columns(BoundSelect& select, size_t relation, const Position& position, const std::vector<std::string>& hidden = {});


// A bound statement: a query (SELECT, EXPLAIN's statement, COPY (SELECT ...) TO), an INSERT, or an
// UPDATE/DELETE; statements without expressions bind to nothing but their parameters (none).
struct BoundStatement {
  std::unique_ptr<BoundQuery> query;
  std::unique_ptr<BoundInsert> insert;
  std::unique_ptr<BoundModification> modification;
  std::vector<ParameterDescription> parameters;
};

}  // namespace dynamosql
