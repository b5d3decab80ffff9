// DynamoDB expressions from bound SQL: every attribute name becomes a #n placeholder and every value a
// :v placeholder, so reserved words, dots, dashes and quotes work and nothing can be injected.
// translate_condition() turns a predicate into a Filter/ConditionExpression only where DynamoDB means
// exactly what SQL means (see access_path.h for the list); nullopt otherwise.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "dynamo/api_types.h"
#include "sql/ast.h"

namespace dynamosql {

class ExpressionBuilder {
 public:
  std::string name(const std::string& attribute);
  // "#n0.#n1[2]" for path[from..].
  std::string path(const std::vector<PathElement>& p, size_t from);
  std::string value(const Value& v);
  ExpressionAttributes attributes;

 private:
  std::map<std::string, std::string> names_;
};

// `relation`: only Column expressions of this FROM item are attributes. On failure the builder may hold
// unused placeholders: translate into a copy and keep it only on success.
std::optional<std::string> translate_condition(const Expr& e, int relation, ExpressionBuilder& b);

}  // namespace dynamosql
