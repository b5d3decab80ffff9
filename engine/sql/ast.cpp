// Deep copies of expressions, positioned errors, and the set operations' names.
#include "sql/ast.h"

#include "dynamosql/error.h"

namespace dynamosql {

OrderItem OrderItem::clone() const { return {expr ? expr->clone() : nullptr, descending, nulls_first}; }

std::unique_ptr<WindowSpec> WindowSpec::clone() const {
  auto w = std::make_unique<WindowSpec>();
  w->base = base;
  for (const auto& p : partition_by) w->partition_by.push_back(p->clone());
  for (const auto& o : order_by) w->order_by.push_back(o.clone());
  if (frame) {
    auto copy_bound = [](const FrameBound& b) { return FrameBound{b.kind, b.offset ? b.offset->clone() : nullptr, b.position}; };
    w->frame = WindowFrame{frame->unit, copy_bound(frame->start), copy_bound(frame->end), frame->position};
  }
  w->position = position;
  return w;
}

const char* set_operation_text(SetOperation op) {
  switch (op) {
    case SetOperation::UnionAll: return "UNION ALL";
    case SetOperation::Union: return "UNION";
    case SetOperation::IntersectAll: return "INTERSECT ALL";
    case SetOperation::Intersect: return "INTERSECT";
    case SetOperation::ExceptAll: return "EXCEPT ALL";
    case SetOperation::Except: return "EXCEPT";
  }
  return "UNION ALL";
}

void fail_at(const Position& p, const char* state, const std::string& message) {
  throw Error(state, message).at(p.line, p.column);
}

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
  for (const auto& o : order_by) e->order_by.push_back(o.clone());
  e->within_group = within_group;
  if (filter) e->filter = filter->clone();
  if (window) e->window = window->clone();
  return e;
}

}  // namespace dynamosql
