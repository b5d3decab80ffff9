// Correlated subqueries as joins. A subquery in WHERE or the select list that refers to its SELECT's
// FROM items through equalities in its own WHERE,
//
//   SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) FROM customers c
//
// is not run once per outer row. Its correlation equalities (inner expression = outer expression, the
// inner side over the subquery's FROM items, the outer side over the enclosing SELECT's) are taken out
// of its WHERE, it runs once with the inner sides added to its output (and to its GROUP BY when it
// aggregates), and a SubqueryJoinOperator (exec/subquery_join.h) looks each outer row's keys up in
// what it returned: a hash semi join for EXISTS and IN, an anti join for NOT EXISTS and NOT IN, a hash
// lookup for a scalar subquery. An aggregate without GROUP BY answers for keys nothing matched too
// (COUNT(*) 0, SUM NULL): that value is computed here, over no rows.
//
// Refused with 0A000 (not answered wrongly): a correlated subquery whose reference to the enclosing
// query is anything but such an equality in its WHERE (also a reference from a subquery nested inside
// it), one over a set operation, one with LIMIT/OFFSET (but EXISTS (... LIMIT n), n >= 1, which means the
// same without it), and correlated subqueries in FROM, ON, GROUP BY, HAVING or an aggregating SELECT's
// select list.
#pragma once

#include <vector>

#include "plan/planner.h"
#include "plan/row_layout.h"

namespace dynamosql {

// Whether `e` contains a subquery that refers to the enclosing SELECT (or further out).
bool has_correlated_subquery(const BoundExpr& e);

// Joins every correlated subquery found in `exprs` (expressions of the SELECT whose joined row `layout`
// describes) to `root`, each adding one column, and makes each such subquery a reference to its column.
OperatorPtr join_correlated_subqueries(Planner& planner, OperatorPtr root, const std::vector<BoundExpr*>& exprs,
                                       const RowLayout& layout);

}  // namespace dynamosql
