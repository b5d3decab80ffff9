// JOIN ... USING (a, b): the columns named are compared between the left side and the item joined
// (`left.a = right.a AND ...`, the join's ON condition), and each becomes one merged column of the
// SELECT. The left side's column is the merged one of an earlier USING of that name, else that of the
// one FROM item before the join whose columns have it (the first FROM item when it is the only one:
// DynamoDB being schemaless). An unqualified name then means the merged column: the left side's for
// INNER and LEFT joins, the right side's for RIGHT, COALESCE(left, right) for FULL; a qualified one
// (t.a) still means that FROM item's. SELECT * shows each merged column once, first, as PostgreSQL does.
// NATURAL JOIN is JOIN ... USING the columns both sides have, as the catalog knows them (a base table's
// inferred columns, a derived table's columns), in the left side's order; with none it is a cross join.
#include <algorithm>

#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

ExprPtr node(ExprKind kind, const Position& at, std::string op, std::string text) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->position = at;
  e->op = std::move(op);
  e->text = std::move(text);
  return e;
}

ExprPtr column(const std::string& relation, const std::string& name, const Position& at) {
  auto e = node(ExprKind::Column, at, "", relation + "." + name);
  e->path = {PathElement{relation, -1}, PathElement{name, -1}};
  return e;
}

ExprPtr combine(ExprKind kind, const char* op, ExprPtr a, ExprPtr b, const Position& at) {
  auto e = node(kind, at, op, a->text + " " + op + " " + b->text);
  e->children.push_back(std::move(a));
  e->children.push_back(std::move(b));
  return e;
}

ExprPtr coalesce(ExprPtr a, ExprPtr b, const Position& at) {
  auto e = node(ExprKind::Function, at, "coalesce", "COALESCE(" + a->text + ", " + b->text + ")");
  e->children.push_back(std::move(a));
  e->children.push_back(std::move(b));
  return e;
}

ExprPtr true_literal(const Position& at) {
  auto e = node(ExprKind::Literal, at, "", "TRUE");
  e->value = Value::boolean(true);
  return e;
}

// The columns a FROM item has by its definition, in order (`_other` is no column to join on).
std::vector<std::string> defined_columns(const BoundRelation& relation) {
  std::vector<std::string> names;
  if (relation.kind == RelationKind::BaseTable)
    for (const auto& c : relation.table->columns) names.push_back(c.name);
  else
    for (const auto& c : relation.columns) names.push_back(c.name);
  return names;
}

}  // namespace

// NATURAL join `j`'s USING list: the left side's columns (merged ones first) that relations[j + 1] has.
std::vector<std::string> Binder::natural_columns(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations,
                                                 size_t j) const {
  std::vector<std::string> left;
  for (const auto& m : merged) left.push_back(m.name);
  for (size_t r = 0; r <= j; ++r)
    for (auto& name : defined_columns(relations[r])) left.push_back(std::move(name));
  std::vector<std::string> common;
  for (const auto& name : defined_columns(relations[j + 1]))
    if (std::find(left.begin(), left.end(), name) != left.end()) common.push_back(name);
  std::stable_sort(common.begin(), common.end(), [&](const std::string& a, const std::string& b) {
    return std::find(left.begin(), left.end(), a) < std::find(left.begin(), left.end(), b);
  });
  return common;
}

// The left side's column `name` for join `j` (which brings in relations[j + 1]), and the FROM item it
// is a column of (-1: an earlier merged column).
std::pair<ExprPtr, int> Binder::using_left_column(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations,
                                                  size_t j, const std::string& name, const Position& at) const {
  for (const auto& m : merged)
    if (m.name == name) return {m.expr->clone(), -1};
  int found = -1;
  for (size_t r = 0; r <= j; ++r) {
    if (!relations[r].has_column(name)) continue;
    if (found >= 0)
      fail_at(at, sqlstate::kSyntax, "column \"" + name + "\" named in USING is in more than one table on its left; use ON");
    found = static_cast<int>(r);
  }
  if (found < 0 && j == 0) found = 0;
  if (found < 0)
    fail_at(at, sqlstate::kColumnNotFound, "column \"" + name + "\" named in USING is not a known column on its left; use ON");
  return {column(relations[static_cast<size_t>(found)].alias, name, at), found};
}

std::vector<ExprPtr> Binder::merge_using_columns(const QuerySpec& spec, const std::vector<BoundRelation>& relations,
                                                 std::vector<UsingColumn>& merged) const {
  std::vector<ExprPtr> conditions(spec.joins.size());
  for (size_t j = 0; j < spec.joins.size(); ++j) {
    const Join& join = spec.joins[j];
    const BoundRelation& right = relations[j + 1];
    const std::vector<std::string> names = join.natural ? natural_columns(merged, relations, j) : join.using_columns;
    if (join.natural && names.empty()) conditions[j] = true_literal(join.position);  // a cross join
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string& name = names[i];
      for (size_t k = 0; k < i; ++k)
        if (names[k] == name) fail_at(join.position, sqlstate::kSyntax, "column \"" + name + "\" appears more than once in USING");
      if (right.kind != RelationKind::BaseTable && right.column_index(name) < 0)
        fail_at(join.position, sqlstate::kColumnNotFound, "column \"" + name + "\" named in USING is not in \"" + right.alias + "\"");
      auto [left, left_relation] = using_left_column(merged, relations, j, name, join.position);
      ExprPtr equal = combine(ExprKind::Compare, "=", left->clone(), column(right.alias, name, join.position), join.position);
      conditions[j] = conditions[j] ? combine(ExprKind::And, "AND", std::move(conditions[j]), std::move(equal), join.position)
                                    : std::move(equal);
      ExprPtr right_column = column(right.alias, name, join.position);
      ExprPtr value = !join.right_outer ? std::move(left)
                      : join.left     ? coalesce(std::move(left), std::move(right_column), join.position)
                                      : std::move(right_column);
      auto m = std::find_if(merged.begin(), merged.end(), [&](const UsingColumn& c) { return c.name == name; });
      if (m == merged.end()) m = merged.insert(merged.end(), UsingColumn{name, nullptr, {}});
      m->expr = std::move(value);
      if (left_relation >= 0) m->relations.push_back(static_cast<size_t>(left_relation));
      m->relations.push_back(j + 1);
    }
  }
  return conditions;
}

// An unqualified name that means a merged USING column of the nearest SELECT that knows the name;
// nullptr when it means anything else.
BoundExprPtr Binder::bind_using_column(const Expr& e) {
  if (e.path.empty() || e.path[0].is_index()) return nullptr;
  const std::string& name = e.path[0].name;
  for (const auto& scope : scopes_)
    for (const auto& rel : *scope.relations)
      if (e.path.size() > 1 && rel.alias == name) return nullptr;  // t.a: FROM item t's column
  for (size_t s = scopes_.size(); s-- > 0;) {
    const Scope& scope = scopes_[s];
    if (scope.using_columns)
      for (const auto& m : *scope.using_columns) {
        if (m.name != name) continue;
        ExprPtr copy = m.expr->clone();
        if (e.path.size() > 1 && copy->kind != ExprKind::Column)
          fail_at(e.position, sqlstate::kFeatureNotSupported,
                  "a path into the merged column \"" + name + "\" of a FULL JOIN ... USING is not supported yet; qualify it");
        copy->path.insert(copy->path.end(), e.path.begin() + 1, e.path.end());
        copy->text = e.text;
        copy->position = e.position;
        return bind_expr(*copy);
      }
    const auto& relations = *scope.relations;
    for (const auto& rel : relations)
      if (rel.has_column(name)) return nullptr;
    if (relations.size() == 1 && relations[0].kind == RelationKind::BaseTable) return nullptr;
  }
  return nullptr;
}

// SELECT *: the merged columns first, each once.
void Binder::append_using_columns(BoundSelect& select, const Position& at) {
  for (const auto& m : *scopes_.back().using_columns) {
    ExprPtr copy = m.expr->clone();
    copy->text = m.name;
    copy->position = at;
    BoundExprPtr e = bind_expr(*copy);
    select.output_columns.push_back({m.name, e->type, base_table_of(*e, select)});
    select.outputs.push_back(std::move(e));
  }
}

// The columns of FROM item `relation` that SELECT * shows merged instead.
std::vector<std::string> Binder::merged_away(size_t relation) const {
  std::vector<std::string> names;
  for (const auto& m : *scopes_.back().using_columns)
    if (std::find(m.relations.begin(), m.relations.end(), relation) != m.relations.end()) names.push_back(m.name);
  return names;
}

}  // namespace dynamosql
