// Name resolution and binding; see binder.h for the rules.
#include "plan/binder.h"

#include <algorithm>

#include "dynamosql/error.h"

namespace dynamosql {

int Relation::column_index(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name && !columns[i].hidden) return static_cast<int>(i);
  return -1;
}

Binder::Resolved Binder::resolve(const Expr& e) const {
  auto fail = [&](const char* state, const std::string& message) -> Resolved {
    throw Error(state, message).at(e.position.line, e.position.column);
  };
  if (e.path.empty() || e.path[0].is_index()) fail(sqlstate::kSyntax, "invalid column reference");
  const std::string& first = e.path[0].name;
  // Qualified: alias.attribute...
  if (e.path.size() > 1 && !e.path[1].is_index()) {
    for (size_t r = 0; r < relations_.size(); ++r) {
      if (relations_[r].alias != first) continue;
      const auto& rel = relations_[r];
      const std::string& attr = e.path[1].name;
      if (!rel.table && rel.column_index(attr) < 0)
        fail(sqlstate::kColumnNotFound, "column \"" + attr + "\" not found in \"" + rel.alias + "\"");
      return {static_cast<int>(r), attr, 1};
    }
  }
  // Unqualified.
  std::vector<int> candidates;
  for (size_t r = 0; r < relations_.size(); ++r) {
    const auto& rel = relations_[r];
    bool has = rel.table ? (rel.table->find(first) != nullptr || first == kOtherColumn) : rel.column_index(first) >= 0;
    if (has) candidates.push_back(static_cast<int>(r));
  }
  if (candidates.size() > 1)
    fail(sqlstate::kSyntax, "column reference \"" + first + "\" is ambiguous; qualify it with a table alias");
  if (candidates.size() == 1) return {candidates[0], first, 0};
  if (relations_.size() == 1 && relations_[0].table) return {0, first, 0};  // schemaless attribute
  if (relations_.empty()) fail(sqlstate::kColumnNotFound, "column \"" + first + "\" not found (there is no FROM)");
  fail(sqlstate::kColumnNotFound, "column \"" + first + "\" not found" +
                                      std::string(relations_.size() > 1 ? "; qualify attributes outside the sampled schema" : ""));
  return {};
}

void Binder::collect(const Expr& root) {
  visit_exprs(root, [&](const Expr& e) {
    if (e.kind != ExprKind::Column || e.slot >= 0) return;
    Resolved r = resolve(e);
    auto& rel = relations_[static_cast<size_t>(r.relation)];
    if (rel.table && std::find(rel.attributes.begin(), rel.attributes.end(), r.attribute) == rel.attributes.end())
      rel.attributes.push_back(r.attribute);
  });
}

void Binder::layout() {
  size_t offset = 0;
  for (auto& rel : relations_) {
    rel.offset = offset;
    if (rel.table) {
      std::vector<std::string> attrs;
      if (rel.star) {
        for (const auto& c : rel.table->columns) attrs.push_back(c.name);
        rel.with_other = true;
      }
      for (const auto& a : rel.attributes)
        if (a != kOtherColumn && std::find(attrs.begin(), attrs.end(), a) == attrs.end()) attrs.push_back(a);
      if (!rel.star && std::find(rel.attributes.begin(), rel.attributes.end(), kOtherColumn) != rel.attributes.end())
        rel.with_other = true;
      rel.attributes = attrs;
      rel.columns.clear();
      for (const auto& a : attrs) {
        const ColumnDef* def = rel.table->find(a);
        rel.columns.push_back({a, rel.alias, def ? def->type : SqlType::Json, false});
      }
      if (rel.with_other) rel.columns.push_back({kOtherColumn, rel.alias, SqlType::Json, false});
    }
    offset += rel.columns.size();
  }
}

void Binder::bind(Expr& root, int only_relation) const {
  visit_exprs(root, [&](Expr& e) {
    if (e.kind != ExprKind::Column || e.slot >= 0) return;
    Resolved r = resolve(e);
    const auto& rel = relations_[static_cast<size_t>(r.relation)];
    int index = rel.column_index(r.attribute);
    if (index < 0) throw Error(sqlstate::kGeneral, "internal error: attribute " + r.attribute + " was not collected");
    if (only_relation >= 0 && only_relation != r.relation)
      throw Error(sqlstate::kGeneral, "internal error: expression crosses relations");
    e.relation = r.relation;
    e.slot = static_cast<int>((only_relation >= 0 ? 0 : rel.offset) + static_cast<size_t>(index));
    e.path_start = r.path_start;
  });
}

std::set<int> Binder::relations_of(const Expr& root) const {
  std::set<int> out;
  visit_exprs(root, [&](const Expr& e) {
    if (e.kind == ExprKind::Column) out.insert(e.relation >= 0 ? e.relation : resolve(e).relation);
  });
  return out;
}

std::vector<OutputColumn> Binder::scope_columns() const {
  std::vector<OutputColumn> out;
  for (const auto& rel : relations_) out.insert(out.end(), rel.columns.begin(), rel.columns.end());
  return out;
}

bool same_expr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.negated != b.negated || a.distinct != b.distinct || a.star != b.star ||
      a.children.size() != b.children.size() || a.type_name != b.type_name || a.keys != b.keys)
    return false;
  if (a.kind == ExprKind::Literal && (a.value.type() != b.value.type() || a.value.compare(b.value) != 0)) return false;
  if (a.kind == ExprKind::Column) {
    if (a.slot != b.slot || a.path.size() - a.path_start != b.path.size() - b.path_start) return false;
    for (size_t i = 0; i + a.path_start < a.path.size(); ++i) {
      const auto& x = a.path[a.path_start + i];
      const auto& y = b.path[b.path_start + i];
      if (x.name != y.name || x.index != y.index) return false;
    }
  }
  if (a.kind == ExprKind::Subquery || a.kind == ExprKind::InSubquery) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!a.children[i] || !b.children[i]) {
      if (a.children[i] != b.children[i]) return false;
      continue;
    }
    if (!same_expr(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

void split_conjuncts(ExprPtr e, std::vector<ExprPtr>& out) {
  if (!e) return;
  if (e->kind == ExprKind::And) {
    split_conjuncts(std::move(e->children[0]), out);
    split_conjuncts(std::move(e->children[1]), out);
    return;
  }
  out.push_back(std::move(e));
}

ExprPtr join_conjuncts(std::vector<ExprPtr> conjuncts) {
  ExprPtr result;
  for (auto& c : conjuncts) {
    if (!result) {
      result = std::move(c);
      continue;
    }
    auto a = std::make_unique<Expr>();
    a->kind = ExprKind::And;
    a->op = "AND";
    a->position = result->position;
    a->text = result->text + " AND " + c->text;
    a->children.push_back(std::move(result));
    a->children.push_back(std::move(c));
    result = std::move(a);
  }
  return result;
}

}  // namespace dynamosql
