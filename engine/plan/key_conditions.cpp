// Per-attribute normal form of conjuncts; see key_conditions.h.
#include "plan/key_conditions.h"

#include <algorithm>

#include "plan/expression_builder.h"

namespace dynamosql {
namespace {

// A top-level attribute of this relation: its name.
std::optional<std::string> top_attribute(const BoundExpr* e, int relation) {
  if (!e || !e->is_column_of(relation) || !e->path.empty()) return std::nullopt;
  return e->attribute;
}

void note_comparison(const BoundExpr& e, int rel, int ci, std::map<std::string, AttributeConditions>& out) {
  const BoundExpr* l = e.children[0].get();
  const BoundExpr* r = e.children[1].get();
  CompareOp op = e.compare;
  if (!top_attribute(l, rel)) {
    std::swap(l, r);
    op = flipped(op);
  }
  if (!top_attribute(l, rel) || !is_scalar_constant(r)) return;
  auto& c = out[l->attribute];
  if (op == CompareOp::Equal) {
    if (c.equal_conjunct < 0) c.equal = {r->value}, c.equal_conjunct = ci;
  } else {
    c.bounds.push_back({compare_op_text(op), r->value, {}, ci});
  }
}

void note_in_list(const BoundExpr& e, int rel, int ci, std::map<std::string, AttributeConditions>& out) {
  auto attr = top_attribute(e.children[0].get(), rel);
  if (!attr) return;
  std::vector<Value> values;
  for (size_t k = 1; k < e.children.size(); ++k) {
    if (!is_scalar_constant(e.children[k].get())) return;
    values.push_back(e.children[k]->value);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  auto& c = out[*attr];
  if (c.equal_conjunct < 0) c.equal = values, c.equal_conjunct = ci;
}

void note_conjunct(const BoundExpr& e, int rel, int ci, std::map<std::string, AttributeConditions>& out) {
  if (e.kind == BoundKind::Compare && e.compare != CompareOp::NotEqual) {
    note_comparison(e, rel, ci, out);
  } else if (e.kind == BoundKind::InList && !e.negated) {
    note_in_list(e, rel, ci, out);
  } else if (e.kind == BoundKind::Between && !e.negated) {
    auto attr = top_attribute(e.children[0].get(), rel);
    if (attr && is_scalar_constant(e.children[1].get()) && is_scalar_constant(e.children[2].get()))
      out[*attr].bounds.push_back({"BETWEEN", e.children[1]->value, e.children[2]->value, ci});
  } else if (e.kind == BoundKind::Like) {
    auto attr = top_attribute(e.children[0].get(), rel);
    auto prefix = like_prefix(e);
    if (attr && prefix) out[*attr].bounds.push_back({"begins_with", Value::string(*prefix), {}, ci});
  } else if (e.kind == BoundKind::Call && e.function->name == "begins_with" && e.children.size() == 2) {
    auto attr = top_attribute(e.children[0].get(), rel);
    if (attr && is_scalar_constant(e.children[1].get()) && e.children[1]->value.type() == ValueType::String)
      out[*attr].bounds.push_back({"begins_with", e.children[1]->value, {}, ci});
  }
}

}  // namespace

std::map<std::string, AttributeConditions> key_conditions(const std::vector<const BoundExpr*>& conjuncts, int relation) {
  std::map<std::string, AttributeConditions> out;
  for (size_t i = 0; i < conjuncts.size(); ++i) note_conjunct(*conjuncts[i], relation, static_cast<int>(i), out);
  return out;
}

std::map<std::string, AttributeConditions> key_conditions(const std::vector<BoundExprPtr>& conjuncts, int relation) {
  std::vector<const BoundExpr*> raw;
  for (const auto& c : conjuncts) raw.push_back(c.get());
  return key_conditions(raw, relation);
}

bool values_match_key_type(const std::vector<Value>& values, const std::string& key_type) {
  for (const auto& v : values)
    if (std::string(type_descriptor(v.type())) != key_type) return false;
  return !values.empty();
}

}  // namespace dynamosql
