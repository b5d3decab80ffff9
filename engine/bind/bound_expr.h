// Bound expressions: what the binder makes of the parser's expressions (sql/ast.h) and what the
// planner and the evaluator work on. Everything a row needs is resolved once, here: a column is a
// (relation, attribute) of a FROM item in scope (and, once planned, a slot of the operator's input row);
// a function is a pointer to its registry entry; operators are enums; a `?` is a typed parameter
// reference; every node has its SQL type. Nothing is looked up by name per row.
//
// One struct with a kind tag (DuckDB style), as the AST. The parser's source text and line:column stay
// on every node for EXPLAIN, default column names and error positions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/date_form.h"
#include "dynamosql/sql_type.h"
#include "function/function.h"
#include "function/operators.h"
#include "sql/ast.h"

namespace dynamosql {

struct BoundQuery;

enum class BoundKind : uint8_t {
  Constant,        // value
  Parameter,       // parameter: index of the `?`; the planner replaces it by a Constant
  ColumnRef,       // a FROM item's attribute: relation, attribute, depth, path below it; slot once planned
  GroupRef,        // GROUP BY expression `index`, read from the aggregation's output row (slot)
  AggregateRef,    // aggregate `index` of the SELECT, read from the aggregation's output row (slot)
  SlotRef,         // column `slot` of the input row (made by the planner: sort keys over projections)
  Unary,           // -children[0] (negated) or +children[0]: a number either way
  Arithmetic,      // children[0] arithmetic children[1]
  Concat,          // children[0] || children[1]
  Compare,         // children[0] compare children[1]
  DistinctFrom,    // children[0] IS [NOT] DISTINCT FROM children[1] (negated: NOT): NULL-safe, never NULL
  Between,         // children: value, low, high; negated
  InList,          // children[0] IN (children[1..]); negated
  InSubquery,      // children[0] compare ANY (subquery), or ALL with `all` (IN is = ANY); negated
  Like,            // children: value, pattern[, escape]; negated
  IsNull,          // children[0]; negated
  IsMissing,       // children[0]; negated
  Not,
  And,
  Or,
  Call,            // function(children...), a scalar function
  AggregateCall,   // function([DISTINCT] children[0]) or COUNT(*), and `clauses`; only until the binder makes it an AggregateRef
  Case,            // children: [operand,] when1, then1, ..., [else]; has_operand, has_else
  Cast,            // CAST(children[0] AS cast_target); lenient when the binder made it (bind_datetime.cpp)
  Document,        // {keys[i]: children[i]}
  List,            // [children...]
  Set,             // <<children...>>
  ScalarSubquery,  // (subquery), one column, at most one row
  Exists,          // EXISTS (subquery); negated: NOT EXISTS
  WindowCall,      // function(...) OVER (...): children and `window` below; only until the binder makes it a WindowRef
  WindowRef,       // window call `index` of the SELECT, read from the window operator's output row (slot)
  QuantifiedCompare,  // children[0] compare ANY/ALL (`all`) the values of `value`, a list: an uncorrelated
                      // InSubquery the planner ran (one that is not = ANY or <> ALL, which become InLists)
  GroupingCall,    // GROUPING(children...); only until the binder makes it an AggregateRef (bind_aggregate.cpp)
};

// The clauses of a window call or an aggregate call, which sit among its children, in this order: the
// function's arguments (an aggregate's aggregated value first: for WITHIN GROUP, the ORDER BY key),
// the PARTITION BY expressions, the ORDER BY keys (OVER's, an aggregate's ORDER BY inside or WITHIN
// GROUP), the frame's start and end offsets where they have one (n PRECEDING / n FOLLOWING), and the
// FILTER condition when `filtered`. `explicit_frame` false is SQL's default frame: RANGE BETWEEN
// UNBOUNDED PRECEDING AND CURRENT ROW (the whole partition without ORDER BY).
struct CallClauses {
  size_t arguments = 0;
  size_t partitions = 0;
  std::vector<bool> descending;   // per ORDER BY key
  std::vector<bool> nulls_first;  // per ORDER BY key
  bool explicit_frame = false;
  WindowFrame::Unit unit = WindowFrame::Unit::Range;
  FrameBound::Kind start = FrameBound::Kind::UnboundedPreceding;
  FrameBound::Kind end = FrameBound::Kind::CurrentRow;
  bool filtered = false;

  size_t order_keys() const { return descending.size(); }
  bool start_has_offset() const { return start == FrameBound::Kind::Preceding || start == FrameBound::Kind::Following; }
  bool end_has_offset() const { return end == FrameBound::Kind::Preceding || end == FrameBound::Kind::Following; }
  bool operator==(const CallClauses& o) const {
    return arguments == o.arguments && partitions == o.partitions && descending == o.descending &&
           nulls_first == o.nulls_first && explicit_frame == o.explicit_frame && unit == o.unit && start == o.start &&
           end == o.end && filtered == o.filtered;
  }
};

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
  BoundKind kind = BoundKind::Constant;
  SqlType type = SqlType::Varchar;  // what it evaluates to
  Position position;
  std::string text;  // source text

  Value value;         // Constant
  int parameter = -1;  // Parameter: 0-based index

  // ColumnRef
  int depth = 0;               // 0: this query's FROM; n: the n-th enclosing query's (an outer reference)
  int relation = -1;           // which FROM item of that query
  std::string attribute;       // the attribute (or derived-table column) of that FROM item
  std::vector<PathElement> path;  // steps below it: a.b[2] -> attribute a, path .b [2]
  int slot = -1;               // ColumnRef/GroupRef/AggregateRef/WindowRef/SlotRef: position in the input row (planner)
  int index = -1;              // GroupRef/AggregateRef/WindowRef

  CompareOp compare = CompareOp::Equal;
  ArithmeticOp arithmetic = ArithmeticOp::Add;
  const FunctionEntry* function = nullptr;  // Call, AggregateCall, WindowCall
  CastTarget cast_target = CastTarget::Varchar;
  std::string type_name;  // Cast: the type as written; Constant: a typed literal's type (DATE ...)
  bool lenient = false;   // Cast to a date type made by the binder: what is not a date gives NULL
  // Cast of an inferred DATE/TIMESTAMP column's form (bind_datetime.cpp): lenient, reading the column
  // (its only child), where a value that is not a date gives NULL and a warning; or to VARCHAR,
  // writing a date value into the column as text in that form.
  std::optional<StoredDateForm> stored_form;
  // Parameter written into a number attribute, which holds dates as epoch numbers in this unit
  // (write_in_stored_form): bound text that is a date or timestamp becomes its epoch number.
  std::optional<EpochUnit> written_as_epoch;
  bool negated = false;
  bool distinct = false;     // AggregateCall
  bool all = false;          // InSubquery, QuantifiedCompare: ALL (else ANY)
  bool star = false;         // AggregateCall: COUNT(*)
  bool has_operand = false;  // Case
  bool has_else = false;     // Case
  std::vector<std::string> keys;  // Document
  std::vector<BoundExprPtr> children;
  std::shared_ptr<BoundQuery> subquery;  // InSubquery, ScalarSubquery, Exists
  std::shared_ptr<const CallClauses> clauses;  // WindowCall; AggregateCall with more than one argument,
                                              // ORDER BY, WITHIN GROUP or FILTER

  BoundExprPtr clone() const;
  CallSite site() const { return {position, &text}; }
  bool is_column_of(int rel) const { return kind == BoundKind::ColumnRef && depth == 0 && relation == rel; }
};

// One aggregate a SELECT computes: function([DISTINCT] argument [, more...] [ORDER BY order]) [FILTER
// (WHERE filter)], or COUNT(*). An aggregate with ORDER BY (STRING_AGG's, WITHIN GROUP's) sees its
// values in that order. GROUPING(a, b) is one too, with no function: its value in a row of grouping set
// S has a bit per argument, the last the lowest, set when that GROUP BY expression is not in S.
struct BoundAggregate {
  const FunctionEntry* function = nullptr;  // null for GROUPING
  std::vector<size_t> grouping;             // GROUPING: the GROUP BY expressions (indexes) of its arguments
  BoundExprPtr argument;  // null for COUNT(*)
  std::vector<BoundExprPtr> more;  // the other arguments (STRING_AGG's separator, PERCENTILE_CONT's fraction)
  std::vector<BoundExprPtr> order;
  std::vector<bool> descending, nulls_first;  // per ORDER BY key
  BoundExprPtr filter;
  bool distinct = false;
  SqlType type = SqlType::Decimal;
};

BoundExprPtr make_constant(Value v, const Position& position, std::string text);
// A reference to column `slot` of the input row, of type `type`.
BoundExprPtr make_slot_ref(int slot, SqlType type, std::string text, const Position& position);

// The type of a node from its own fields and its children's types (the binder's typing rules, also run
// again by the planner after it replaces parameters and subqueries by constants).
SqlType type_of(const BoundExpr& e);
// The type of a value taken from one of `results` (CASE's branches, COALESCE's arguments, a UNION ALL
// column's terms): their type when they agree (a NULL literal says nothing), DECIMAL when they are
// numbers of both kinds (BIGINT only when every one is BIGINT, so a fraction is never cut), JSON
// (mixed types) otherwise; VARCHAR when nothing says.
SqlType common_result_type(const std::vector<const BoundExpr*>& results);
// One step of that: the type holding values of `so_far` (nothing yet when nullopt) and of `next`.
SqlType common_type(std::optional<SqlType> so_far, SqlType next);
bool is_null_literal(const BoundExpr& e);
// Recomputes the types of `e` and its descendants, bottom-up.
void retype(BoundExpr& e);

// Structural equality (GROUP BY matching, ORDER BY against select items): same kind, operator,
// function, constant and column; subqueries are never equal.
bool same_bound_expr(const BoundExpr& a, const BoundExpr& b);

// Walks every node (not into subqueries), parents first.
template <typename F>
void visit_bound(BoundExpr& e, F&& f) {
  f(e);
  for (auto& c : e.children)
    if (c) visit_bound(*c, f);
}
template <typename F>
void visit_bound(const BoundExpr& e, F&& f) {
  f(e);
  for (const auto& c : e.children)
    if (c) visit_bound(static_cast<const BoundExpr&>(*c), f);
}

bool contains_kind(const BoundExpr& e, BoundKind kind);
// Splits an AND tree into its conjuncts / joins conjuncts with AND (text "a AND b").
void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out);
BoundExprPtr join_conjuncts(std::vector<BoundExprPtr> conjuncts);

}  // namespace dynamosql
