// The conjuncts of a WHERE on one base table, per top-level attribute, in the normal form access-path
// choice needs: the values an attribute must equal (= or IN) and the bounds on it (<, <=, >, >=,
// BETWEEN, begins_with / LIKE 'prefix%'), each remembering which conjunct it came from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bind/bound_expr.h"

namespace dynamosql {

struct AttributeConditions {
  std::vector<Value> equal;  // from = or IN (one conjunct), sorted and unique
  int equal_conjunct = -1;
  struct Bound {
    std::string op;  // "<", "<=", ">", ">=", "BETWEEN", "begins_with"
    Value value, value2;
    int conjunct;
  };
  std::vector<Bound> bounds;
};

std::map<std::string, AttributeConditions> key_conditions(const std::vector<const BoundExpr*>& conjuncts, int relation);
std::map<std::string, AttributeConditions> key_conditions(const std::vector<BoundExprPtr>& conjuncts, int relation);

// Values of the key attribute's DynamoDB type only: `pk = 5` on a string key can match nothing, and
// stays a residual condition (which rejects every row) rather than a key condition.
bool values_match_key_type(const std::vector<Value>& values, const std::string& key_type);

}  // namespace dynamosql
