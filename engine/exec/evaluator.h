// Evaluation of bound expressions over a row, with SQL's three-valued logic. NULL and MISSING are both
// SQL NULL: comparisons, arithmetic and most functions with a NULL input give NULL; `IS NULL` is true for
// both; `IS MISSING` only for an absent attribute. Comparing values of different DynamoDB types is
// never an error: `=` is false, `<>` is true and ordering comparisons are NULL (as DynamoDB, which
// treats them as false). Numbers are compared and computed exactly.
#pragma once

#include "dynamosql/text.h"  // like_match, utf8_length
#include "exec/operator.h"
#include "sql/ast.h"

namespace dynamosql {

// Aggregate values are read from `aggregates` (Expr::aggregate_slot) when non-null.
Value evaluate(const Expr& expr, const Row& row, const Row* aggregates = nullptr);
// true only for BOOL true (NULL and false both reject the row).
bool evaluate_predicate(const Expr& expr, const Row& row, const Row* aggregates = nullptr);
// Follows path[from..] through maps and lists; Missing when a step does not exist.
Value navigate(const Value& root, const std::vector<PathElement>& path, size_t from);
// The SQL type an expression produces, given its input columns' types.
SqlType result_type(const Expr& expr, const std::vector<OutputColumn>& input);
bool is_aggregate_function(const std::string& name);

}  // namespace dynamosql
