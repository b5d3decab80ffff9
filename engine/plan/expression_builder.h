// DynamoDB expressions from bound SQL: every attribute name becomes a #n placeholder and every value a
// :v placeholder, so reserved words, dots, dashes and quotes work and nothing can be injected.
//
// translate_condition() is the pushdown contract (as SQLite's `omit` bit): a predicate becomes a
// Filter/ConditionExpression only when DynamoDB evaluates it exactly as SQL does. Positive comparisons
// with a constant, BETWEEN, IN, LIKE 'prefix%', IS [NOT] NULL, IS [NOT] MISSING, the functions whose
// registry entry says they push down (begins_with, contains, attribute_type with a string;
// attribute_exists, attribute_not_exists), and ANDs and ORs of these qualify. NOT, <>, arithmetic and
// other functions of attributes do not, because DynamoDB treats a missing attribute as false where SQL
// says NULL.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "bind/bound_expr.h"
#include "dynamo/api_types.h"

namespace dynamosql {

class ExpressionBuilder {
 public:
  std::string name(const std::string& attribute);
  // "#n0.#n1[2]": the attribute, then the steps below it.
  std::string path(const std::string& attribute, const std::vector<PathElement>& steps);
  std::string path(const BoundExpr& column) { return path(column.attribute, column.path); }
  std::string value(const Value& v);
  ExpressionAttributes attributes;

 private:
  std::map<std::string, std::string> names_;
};

// The condition for `e` over the attributes of FROM item `relation` (columns of other FROM items are not
// attributes), or nullopt. On nullopt the builder is left as it was.
std::optional<std::string> translate_condition(const BoundExpr& e, int relation, ExpressionBuilder& b);

// A constant DynamoDB can compare: a string, number or binary.
bool is_scalar_constant(const BoundExpr* e);
// LIKE 'abc%' with no other wildcard: the prefix.
std::optional<std::string> like_prefix(const BoundExpr& e);

}  // namespace dynamosql
