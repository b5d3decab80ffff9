// Bound expressions: copying, typing, comparing; see bound_expr.h.
#include "bind/bound_expr.h"

#include <optional>

#include "function/datetime_values.h"

namespace dynamosql {

BoundExprPtr BoundExpr::clone() const {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->position = position;
  e->text = text;
  e->value = value;
  e->parameter = parameter;
  e->depth = depth;
  e->relation = relation;
  e->attribute = attribute;
  e->path = path;
  e->slot = slot;
  e->index = index;
  e->compare = compare;
  e->arithmetic = arithmetic;
  e->function = function;
  e->cast_target = cast_target;
  e->type_name = type_name;
  e->lenient = lenient;
  e->stored_form = stored_form;
  e->written_as_epoch = written_as_epoch;
  e->negated = negated;
  e->distinct = distinct;
  e->all = all;
  e->star = star;
  e->has_operand = has_operand;
  e->has_else = has_else;
  e->keys = keys;
  for (const auto& c : children) e->children.push_back(c ? c->clone() : nullptr);
  e->subquery = subquery;
  e->clauses = clauses;
  return e;
}

BoundExprPtr make_constant(Value v, const Position& position, std::string text) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::Constant;
  e->value = std::move(v);
  e->type = sql_type_of(e->value.type());
  e->position = position;
  e->text = std::move(text);
  return e;
}

BoundExprPtr make_slot_ref(int slot, SqlType type, std::string text, const Position& position) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::SlotRef;
  e->slot = slot;
  e->type = type;
  e->text = std::move(text);
  e->position = position;
  return e;
}

SqlType common_type(std::optional<SqlType> so_far, SqlType next) {
  if (!so_far || *so_far == next) return next;
  if (is_numeric(*so_far) && is_numeric(next)) return SqlType::Decimal;
  return SqlType::Json;
}

bool is_null_literal(const BoundExpr& e) { return e.kind == BoundKind::Constant && e.value.is_null_or_missing(); }

SqlType common_result_type(const std::vector<const BoundExpr*>& results) {
  std::optional<SqlType> common;
  for (const BoundExpr* r : results)
    if (!is_null_literal(*r)) common = common_type(common, r->type);
  return common.value_or(SqlType::Varchar);
}

namespace {

// The expressions a CASE's value is taken from: each THEN, and ELSE.
std::vector<const BoundExpr*> case_results(const BoundExpr& e) {
  std::vector<const BoundExpr*> results;
  size_t branches_end = e.children.size() - (e.has_else ? 1 : 0);
  for (size_t then = e.has_operand ? 2 : 1; then < branches_end; then += 2) results.push_back(e.children[then].get());
  if (e.has_else) results.push_back(e.children.back().get());
  return results;
}

SqlType call_result_type(const BoundExpr& e) {
  switch (e.function->result_rule) {
    case ResultRule::Fixed: break;
    case ResultRule::FirstArgument:
      if (!e.children.empty() && e.children[0]) return e.children[0]->type;
      break;
    case ResultRule::CommonOfArguments: {
      std::vector<const BoundExpr*> arguments;
      for (const auto& c : e.children) arguments.push_back(c.get());
      return common_result_type(arguments);
    }
  }
  return e.function->result;
}

}  // namespace

SqlType type_of(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::Constant: return e.type_name.empty() ? sql_type_of(e.value.type()) : cast_result_type(e.cast_target);
    case BoundKind::Unary: return e.children[0]->type == SqlType::Interval ? SqlType::Interval : SqlType::Decimal;
    case BoundKind::Arithmetic:
      return datetime_arithmetic_type(e.arithmetic, e.children[0]->type, e.children[1]->type, e.site()).value_or(SqlType::Decimal);
    case BoundKind::Concat: return SqlType::Varchar;
    case BoundKind::Compare:
    case BoundKind::DistinctFrom:
    case BoundKind::Between:
    case BoundKind::InList:
    case BoundKind::InSubquery:
    case BoundKind::QuantifiedCompare:
    case BoundKind::Exists:
    case BoundKind::Like:
    case BoundKind::IsNull:
    case BoundKind::IsMissing:
    case BoundKind::Not:
    case BoundKind::And:
    case BoundKind::Or: return SqlType::Boolean;
    case BoundKind::Call:
    case BoundKind::AggregateCall:
    case BoundKind::WindowCall: return call_result_type(e);
    case BoundKind::GroupingCall: return SqlType::Bigint;
    case BoundKind::Case: return common_result_type(case_results(e));
    case BoundKind::Cast: return cast_result_type(e.cast_target);
    case BoundKind::Document:
    case BoundKind::List:
    case BoundKind::Set: return SqlType::Json;
    default: return e.type;  // references and parameters are typed where they are made
  }
}

void retype(BoundExpr& e) {
  for (auto& c : e.children)
    if (c) retype(*c);
  e.type = type_of(e);
}

bool same_bound_expr(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || a.compare != b.compare || a.arithmetic != b.arithmetic || a.function != b.function ||
      a.negated != b.negated || a.distinct != b.distinct || a.all != b.all || a.star != b.star || a.has_operand != b.has_operand ||
      a.has_else != b.has_else || a.cast_target != b.cast_target || a.keys != b.keys || a.children.size() != b.children.size())
    return false;
  switch (a.kind) {
    case BoundKind::Constant:
      if (a.value.type() != b.value.type() || a.value.compare(b.value) != 0) return false;
      break;
    case BoundKind::Parameter:
      if (a.parameter != b.parameter) return false;
      break;
    case BoundKind::ColumnRef:
      if (a.depth != b.depth || a.relation != b.relation || a.attribute != b.attribute || a.path.size() != b.path.size()) return false;
      for (size_t i = 0; i < a.path.size(); ++i)
        if (a.path[i].name != b.path[i].name || a.path[i].index != b.path[i].index) return false;
      break;
    case BoundKind::GroupRef:
    case BoundKind::AggregateRef:
    case BoundKind::WindowRef:
      if (a.index != b.index) return false;
      break;
    case BoundKind::WindowCall:
      if (!(*a.clauses == *b.clauses)) return false;
      break;
    case BoundKind::SlotRef:
      if (a.slot != b.slot) return false;
      break;
    case BoundKind::InSubquery:
    case BoundKind::QuantifiedCompare:
    case BoundKind::ScalarSubquery:
    case BoundKind::Exists: return false;
    default: break;
  }
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!a.children[i] || !b.children[i]) {
      if (a.children[i] != b.children[i]) return false;
    } else if (!same_bound_expr(*a.children[i], *b.children[i])) {
      return false;
    }
  }
  return true;
}

bool contains_kind(const BoundExpr& root, BoundKind kind) {
  bool found = false;
  visit_bound(root, [&](const BoundExpr& e) { found |= e.kind == kind; });
  return found;
}

void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (!e) return;
  if (e->kind == BoundKind::And) {
    split_conjuncts(std::move(e->children[0]), out);
    split_conjuncts(std::move(e->children[1]), out);
    return;
  }
  out.push_back(std::move(e));
}

BoundExprPtr join_conjuncts(std::vector<BoundExprPtr> conjuncts) {
  BoundExprPtr result;
  for (auto& c : conjuncts) {
    if (!result) {
      result = std::move(c);
      continue;
    }
    auto a = std::make_unique<BoundExpr>();
    a->kind = BoundKind::And;
    a->type = SqlType::Boolean;
    a->position = result->position;
    a->text = result->text + " AND " + c->text;
    a->children.push_back(std::move(result));
    a->children.push_back(std::move(c));
    result = std::move(a);
  }
  return result;
}

}  // namespace dynamosql
