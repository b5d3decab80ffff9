// Deep copy of expressions (the planner duplicates predicates it pushes down and keeps).
#include "sql/ast.h"

namespace dynamosql {

std::unique_ptr<Expr> Expr::clone() const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->position = position;
  e->op = op;
  e->value = value;
  e->path = path;
  for (const auto& c : children) e->children.push_back(c ? c->clone() : nullptr);
  e->keys = keys;
  e->type_name = type_name;
  e->subquery = subquery;
  e->negated = negated;
  e->distinct = distinct;
  e->star = star;
  e->has_operand = has_operand;
  e->has_else = has_else;
  e->parameter_index = parameter_index;
  e->text = text;
  e->slot = slot;
  e->relation = relation;
  e->path_start = path_start;
  e->aggregate_slot = aggregate_slot;
  return e;
}

}  // namespace dynamosql
