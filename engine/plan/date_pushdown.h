// Date comparisons DynamoDB can narrow but not decide. An inferred DATE/TIMESTAMP column (catalog.h)
// is stored as text in one fixed form as far as its sample shows, but any item may hold another ISO
// form ('2026-1-5', an offset, the basic 20260105), an epoch number, or text that is not a date, and
// each of these reads as SQL says (bind_datetime.cpp). DynamoDB's string order is date order only for
// the fixed form, so a comparison of such a column with a date constant is never pushed as it is:
// it stays a residual Filter, and DynamoDB gets a coarser condition that no matching item fails:
//
//   shipped >= DATE '2026-03-01'  ->  (#c >= "2026" OR #c < "1" OR attribute_type(#c, "N"))
//
// Every text that reads as a date starts with its four-digit year, or with a character below "1"
// (spaces, a zero-padded longer year); an offset moves the instant by at most a few days, so the
// bounds are the years of the constants widened by a week. Numbers (epoch seconds) always pass.
#pragma once

#include <optional>
#include <string>

#include "bind/bound_expr.h"
#include "plan/expression_builder.h"

namespace dynamosql {

// For =, <, <=, >, >= or BETWEEN between an inferred date column of FROM item `relation` and a
// DATE/TIMESTAMP constant: the superset condition above; nullopt for anything else. The comparison
// itself must stay residual.
std::optional<std::string> date_superset_condition(const BoundExpr& e, int relation, ExpressionBuilder& b);

}  // namespace dynamosql
