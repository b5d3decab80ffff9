// Binding over groups: once a SELECT aggregates, its select list, HAVING and ORDER BY see only the
// GROUP BY expressions and the aggregates, both read from the aggregation's output row.
#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

BoundExprPtr reference(BoundKind kind, int index, const BoundExpr& replaced, SqlType type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->index = index;
  e->type = type;
  e->text = replaced.text;
  e->position = replaced.position;
  return e;
}

bool same_aggregate(const BoundAggregate& a, const BoundExpr& call) {
  if (a.function != call.function || a.distinct != call.distinct) return false;
  if (!a.argument || call.children.empty()) return !a.argument && call.children.empty();
  return same_bound_expr(*a.argument, *call.children[0]);
}

}  // namespace

void Binder::bind_over_groups(BoundSelect& select) {
  for (auto& e : select.outputs) e = over_groups(std::move(e), select);
  if (select.having) select.having = over_groups(std::move(select.having), select);
  for (auto& key : select.order)
    if (key.expr) key.expr = over_groups(std::move(key.expr), select);
}

// GROUP BY expressions -> GroupRef, aggregate calls -> AggregateRef (one per distinct call); a column
// of this SELECT's FROM items outside both is an error. Outer references are constants here.
BoundExprPtr Binder::over_groups(BoundExprPtr e, BoundSelect& select) {
  for (size_t i = 0; i < select.groups.size(); ++i)
    if (same_bound_expr(*e, *select.groups[i]))
      return reference(BoundKind::GroupRef, static_cast<int>(i), *e, select.groups[i]->type);
  if (e->kind == BoundKind::AggregateCall) {
    for (size_t k = 0; k < select.aggregates.size(); ++k)
      if (same_aggregate(select.aggregates[k], *e)) return reference(BoundKind::AggregateRef, static_cast<int>(k), *e, e->type);
    BoundAggregate aggregate;
    aggregate.function = e->function;
    aggregate.distinct = e->distinct;
    aggregate.type = e->type;
    if (!e->children.empty()) aggregate.argument = std::move(e->children[0]);
    select.aggregates.push_back(std::move(aggregate));
    return reference(BoundKind::AggregateRef, static_cast<int>(select.aggregates.size() - 1), *e, e->type);
  }
  if (e->kind == BoundKind::ColumnRef && e->depth == 0)
    throw Error(sqlstate::kSyntax, "column \"" + e->text + "\" must appear in GROUP BY or be used in an aggregate function")
        .at(e->position.line, e->position.column);
  for (auto& c : e->children)
    if (c) c = over_groups(std::move(c), select);
  return e;
}

}  // namespace dynamosql
