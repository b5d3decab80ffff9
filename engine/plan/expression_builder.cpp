// Placeholders and the pushdown of conditions; see expression_builder.h.
#include "plan/expression_builder.h"

namespace dynamosql {
namespace {

// A comparison `column op other` with the column on the left: `5 < a` becomes `a > 5`. nullopt when no
// operand is a column of the relation, and for <> (never pushed: see expression_builder.h).
struct Oriented {
  const BoundExpr* column;
  const BoundExpr* other;
  CompareOp op;
};
std::optional<Oriented> orient(const BoundExpr& e, int rel) {
  if (e.kind != BoundKind::Compare || e.compare == CompareOp::NotEqual) return std::nullopt;
  const BoundExpr* l = e.children[0].get();
  const BoundExpr* r = e.children[1].get();
  if (l->is_column_of(rel)) return Oriented{l, r, e.compare};
  if (r->is_column_of(rel)) return Oriented{r, l, flipped(e.compare)};
  return std::nullopt;
}

std::optional<std::string> compare_filter(const BoundExpr& e, int rel, ExpressionBuilder& b) {
  auto c = orient(e, rel);
  if (!c) return std::nullopt;
  const BoundExpr* r = c->other;
  bool constant_ok = is_scalar_constant(r) ||
                     (c->op == CompareOp::Equal && r->kind == BoundKind::Constant && r->value.type() == ValueType::Bool);
  if (!constant_ok) return std::nullopt;
  return b.path(*c->column) + " " + compare_op_text(c->op) + " " + b.value(r->value);
}

std::optional<std::string> in_list_filter(const BoundExpr& e, int rel, ExpressionBuilder& b) {
  if (e.negated || !e.children[0]->is_column_of(rel) || e.children.size() > 101) return std::nullopt;
  std::string list;
  for (size_t i = 1; i < e.children.size(); ++i) {
    if (!is_scalar_constant(e.children[i].get())) return std::nullopt;
    list += (i > 1 ? ", " : "") + b.value(e.children[i]->value);
  }
  return b.path(*e.children[0]) + " IN (" + list + ")";
}

std::optional<std::string> null_filter(const BoundExpr& e, int rel, ExpressionBuilder& b) {
  const BoundExpr& p = *e.children[0];
  if (!p.is_column_of(rel)) return std::nullopt;
  std::string path = b.path(p);
  if (e.kind == BoundKind::IsMissing) return (e.negated ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
  std::string null_type = b.value(Value::string("NULL"));
  if (e.negated) return "(attribute_exists(" + path + ") AND NOT attribute_type(" + path + ", " + null_type + "))";
  return "(attribute_not_exists(" + path + ") OR attribute_type(" + path + ", " + null_type + "))";
}

std::optional<std::string> function_filter(const BoundExpr& e, int rel, ExpressionBuilder& b) {
  const auto& args = e.children;
  if (args.empty() || !args[0]->is_column_of(rel)) return std::nullopt;
  const std::string& f = e.function->name;
  if (e.function->pushdown == Pushdown::Path && args.size() == 1) return f + "(" + b.path(*args[0]) + ")";
  if (e.function->pushdown == Pushdown::PathAndString && args.size() == 2 && is_scalar_constant(args[1].get()) &&
      args[1]->value.type() == ValueType::String)
    return f + "(" + b.path(*args[0]) + ", " + b.value(args[1]->value) + ")";
  return std::nullopt;
}

std::optional<std::string> to_filter(const BoundExpr& e, int rel, ExpressionBuilder& b) {
  switch (e.kind) {
    case BoundKind::Compare: return compare_filter(e, rel, b);
    case BoundKind::Between:
      if (e.negated || !e.children[0]->is_column_of(rel) || !is_scalar_constant(e.children[1].get()) ||
          !is_scalar_constant(e.children[2].get()))
        return std::nullopt;
      return b.path(*e.children[0]) + " BETWEEN " + b.value(e.children[1]->value) + " AND " + b.value(e.children[2]->value);
    case BoundKind::InList: return in_list_filter(e, rel, b);
    case BoundKind::Like: {
      auto prefix = like_prefix(e);
      if (!prefix || !e.children[0]->is_column_of(rel)) return std::nullopt;
      return "begins_with(" + b.path(*e.children[0]) + ", " + b.value(Value::string(*prefix)) + ")";
    }
    case BoundKind::IsMissing:
    case BoundKind::IsNull: return null_filter(e, rel, b);
    case BoundKind::Call: return function_filter(e, rel, b);
    case BoundKind::And:
    case BoundKind::Or: {
      auto a = to_filter(*e.children[0], rel, b);
      if (!a) return std::nullopt;
      auto c = to_filter(*e.children[1], rel, b);
      if (!c) return std::nullopt;
      return "(" + *a + (e.kind == BoundKind::And ? " AND " : " OR ") + *c + ")";
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::string ExpressionBuilder::name(const std::string& attribute) {
  auto it = names_.find(attribute);
  if (it != names_.end()) return it->second;
  std::string ph = "#n" + std::to_string(names_.size());
  names_[attribute] = ph;
  attributes.names[ph] = attribute;
  return ph;
}

std::string ExpressionBuilder::path(const std::string& attribute, const std::vector<PathElement>& steps) {
  std::string out = name(attribute);
  for (const auto& step : steps) out += step.is_index() ? "[" + std::to_string(step.index) + "]" : "." + name(step.name);
  return out;
}

std::string ExpressionBuilder::value(const Value& v) {
  std::string ph = ":v" + std::to_string(attributes.values.size());
  attributes.values[ph] = v;
  return ph;
}

std::optional<std::string> translate_condition(const BoundExpr& e, int relation, ExpressionBuilder& b) {
  ExpressionBuilder trial = b;  // a failed translation must leave no stray placeholders
  auto out = to_filter(e, relation, trial);
  if (out) b = std::move(trial);
  return out;
}

bool is_scalar_constant(const BoundExpr* e) {
  if (!e || e->kind != BoundKind::Constant) return false;
  auto t = e->value.type();
  return t == ValueType::String || t == ValueType::Number || t == ValueType::Binary;
}

std::optional<std::string> like_prefix(const BoundExpr& e) {
  if (e.kind != BoundKind::Like || e.negated || e.children.size() != 2 || !is_scalar_constant(e.children[1].get()) ||
      e.children[1]->value.type() != ValueType::String)
    return std::nullopt;
  const std::string& p = e.children[1]->value.text();
  if (p.size() < 2 || p.back() != '%') return std::nullopt;
  std::string prefix = p.substr(0, p.size() - 1);
  if (prefix.find_first_of("%_") != std::string::npos) return std::nullopt;
  return prefix;
}

}  // namespace dynamosql
