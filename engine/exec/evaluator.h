// Evaluation of bound expressions over a row, with SQL's three-valued logic. NULL and MISSING are both
// SQL NULL: comparisons, arithmetic and most functions with a NULL input give NULL; `IS NULL` is true for
// both; `IS MISSING` only for an absent attribute. The operators' rules are in function/operators.h,
// the functions' in their registry entries. Everything is dispatched on enums and function pointers
// resolved by the binder; a column is read from the slot the planner gave it.
#pragma once

#include "bind/bound_expr.h"
#include "exec/operator.h"

namespace dynamosql {

Value evaluate(const BoundExpr& expr, const Row& row);
// true only for BOOL true (NULL and false both reject the row).
bool evaluate_predicate(const BoundExpr& expr, const Row& row);
// True when `e` is the value of one slot of the input row as it is (a column without a path below it).
bool reads_slot_as_is(const BoundExpr& e);
// Follows `path` through maps and lists; Missing when a step does not exist.
Value navigate(const Value& root, const std::vector<PathElement>& path);

}  // namespace dynamosql
