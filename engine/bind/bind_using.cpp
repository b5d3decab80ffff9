// JOIN ... USING (a, b): the columns named are compared between the left side and the item joined
// (`left.a = right.a AND ...`, the join's ON condition), and each becomes one merged column of the
// SELECT. The left side's column is the merged one of an earlier USING of that name, else that of the
// one FROM item before the join whose columns have it (the first FROM item when it is the only one:
// DynamoDB being schemaless). An unqualified name then means the merged column: the left side's for
// INNER and LEFT joins, the right side's for RIGHT, COALESCE(left, right) for FULL; a qualified one
// (t.a) still means that FROM item's. SELECT * shows each merged column once, first, as PostgreSQL does.
// NATURAL JOIN is JOIN ... USING the columns both sides have, as the catalog knows them (a base table's
// inferred columns, a derived table's columns), in the left side's order; with none it is a cross join.
// A side that is a parenthesised joined table offers its merged columns and its FROM items' columns.
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

// A NATURAL join's USING list: the columns both sides have, in the left side's order.
std::vector<std::string> Binder::natural_columns(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations,
                                                 JoinSide left, JoinSide right) const {
  auto names_of = [&](JoinSide side) {  // its merged columns first, then its FROM items'
    std::vector<std::string> names;
    for (const auto& m : merged)
      if (side.has(m.relations.front())) names.push_back(m.name);
    for (size_t r = side.begin; r < side.end; ++r)
      for (auto& name : defined_columns(relations[r])) names.push_back(std::move(name));
    return names;
  };
  std::vector<std::string> left_names = names_of(left);
  std::vector<std::string> common;
  for (const auto& name : names_of(right))
    if (std::find(left_names.begin(), left_names.end(), name) != left_names.end() &&
        std::find(common.begin(), common.end(), name) == common.end())
      common.push_back(name);
  std::stable_sort(common.begin(), common.end(), [&](const std::string& a, const std::string& b) {
    return std::find(left_names.begin(), left_names.end(), a) < std::find(left_names.begin(), left_names.end(), b);
  });
  return common;
}

// Join side `side`'s column `name` (`which`: "left" or "right"): a merged USING column of the side, else
// the column of the one FROM item of the side whose columns have it; a side of one FROM item has it
// when that item is a base table (DynamoDB being schemaless).
Binder::SideColumn Binder::using_side_column(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations,
                                             JoinSide side, const char* which, const std::string& name, const Position& at) const {
  const std::string ambiguous = "column \"" + name + "\" named in USING is in more than one table on its " + which + "; use ON";
  SideColumn found;
  for (size_t m = 0; m < merged.size(); ++m) {
    if (merged[m].name != name || !side.has(merged[m].relations.front())) continue;
    if (found.expr) fail_at(at, sqlstate::kSyntax, ambiguous);
    found = {merged[m].expr->clone(), merged[m].relations, static_cast<int>(m)};
  }
  if (found.expr) return found;
  int relation = -1;
  for (size_t r = side.begin; r < side.end; ++r) {
    if (!relations[r].has_column(name)) continue;
    if (relation >= 0) fail_at(at, sqlstate::kSyntax, ambiguous);
    relation = static_cast<int>(r);
  }
  if (relation < 0 && side.end - side.begin == 1) {
    if (relations[side.begin].kind != RelationKind::BaseTable)
      fail_at(at, sqlstate::kColumnNotFound, "column \"" + name + "\" named in USING is not in \"" + relations[side.begin].alias + "\"");
    relation = static_cast<int>(side.begin);
  }
  if (relation < 0)
    fail_at(at, sqlstate::kColumnNotFound, "column \"" + name + "\" named in USING is not a known column on its " + which + "; use ON");
  auto r = static_cast<size_t>(relation);
  return {column(relations[r].alias, name, at), {r}, -1};
}

// Joins are merged inner ones first (a parenthesised joined table's before the join it is the right
// side of); the merged column takes the left side's merged column's place, else the right side's.
std::vector<ExprPtr> Binder::merge_using_columns(const std::vector<const Join*>& joins, const BoundSelect& select,
                                                 std::vector<UsingColumn>& merged) const {
  std::vector<ExprPtr> conditions(joins.size());
  std::vector<size_t> order(joins.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const BoundJoin &x = select.joins[a], &y = select.joins[b];
    return x.right_end != y.right_end ? x.right_end < y.right_end : x.left_begin > y.left_begin;
  });
  for (size_t j : order) {
    const Join& join = *joins[j];
    JoinSide left{select.joins[j].left_begin, j + 1}, right{j + 1, select.joins[j].right_end};
    const std::vector<std::string> names = join.natural ? natural_columns(merged, select.relations, left, right) : join.using_columns;
    if (join.natural && names.empty()) conditions[j] = true_literal(join.position);  // a cross join
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string& name = names[i];
      for (size_t k = 0; k < i; ++k)
        if (names[k] == name) fail_at(join.position, sqlstate::kSyntax, "column \"" + name + "\" appears more than once in USING");
      SideColumn l = using_side_column(merged, select.relations, left, "left", name, join.position);
      SideColumn r = using_side_column(merged, select.relations, right, "right", name, join.position);
      ExprPtr equal = combine(ExprKind::Compare, "=", l.expr->clone(), r.expr->clone(), join.position);
      conditions[j] = conditions[j] ? combine(ExprKind::And, "AND", std::move(conditions[j]), std::move(equal), join.position)
                                    : std::move(equal);
      UsingColumn m{name, nullptr, l.relations};
      m.relations.insert(m.relations.end(), r.relations.begin(), r.relations.end());
      std::sort(m.relations.begin(), m.relations.end());
      m.expr = !join.right_outer ? std::move(l.expr) : join.left ? coalesce(std::move(l.expr), std::move(r.expr), join.position) : std::move(r.expr);
      int keep = l.merged >= 0 ? l.merged : r.merged;
      if (keep < 0) {
        merged.push_back(std::move(m));
        continue;
      }
      merged[static_cast<size_t>(keep)] = std::move(m);
      if (l.merged >= 0 && r.merged >= 0) merged.erase(merged.begin() + r.merged);
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
        if (&m != &*std::find_if(scope.using_columns->rbegin(), scope.using_columns->rend(), [&](const UsingColumn& c) { return c.name == name; }))
          fail_at(e.position, sqlstate::kAmbiguousColumn, "column reference \"" + name + "\" is ambiguous: two joins merged a column of that name");
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
