// Binding of aggregate calls' clauses (more arguments, ORDER BY inside, WITHIN GROUP, FILTER), and
// binding over groups: once a SELECT aggregates, its select list, HAVING and ORDER BY see only the
// GROUP BY expressions and the aggregates, both read from the aggregation's output row.
#include "bind/binder.h"
#include "bind/parameter_types.h"
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

bool same_exprs(const std::vector<BoundExprPtr>& a, const std::vector<BoundExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_bound_expr(*a[i], *b[i])) return false;
  return true;
}

bool same_optional(const BoundExprPtr& a, const BoundExprPtr& b) { return !a || !b ? !a && !b : same_bound_expr(*a, *b); }

bool same_aggregate(const BoundAggregate& a, const BoundAggregate& b) {
  return a.function == b.function && a.grouping == b.grouping && a.distinct == b.distinct && same_optional(a.argument, b.argument) && same_exprs(a.more, b.more) &&
         same_exprs(a.order, b.order) && a.descending == b.descending && a.nulls_first == b.nulls_first &&
         same_optional(a.filter, b.filter);
}

// The index of `e` among the SELECT's GROUP BY expressions, if it is one.
std::optional<size_t> group_index(const BoundExpr& e, const BoundSelect& select) {
  for (size_t i = 0; i < select.groups.size(); ++i)
    if (same_bound_expr(e, *select.groups[i])) return i;
  return std::nullopt;
}

// An AggregateCall's children, taken apart by its clauses (see CallClauses).
BoundAggregate split_aggregate(BoundExpr& call) {
  BoundAggregate a;
  a.function = call.function;
  a.distinct = call.distinct;
  a.type = call.type;
  auto& c = call.children;
  if (!call.clauses) {
    if (!c.empty()) a.argument = std::move(c[0]);
    return a;
  }
  const CallClauses& k = *call.clauses;
  size_t next = 0;
  if (k.arguments > 0) a.argument = std::move(c[next++]);
  while (next < k.arguments) a.more.push_back(std::move(c[next++]));
  for (size_t i = 0; i < k.order_keys(); ++i) a.order.push_back(std::move(c[next++]));
  a.descending = k.descending;
  a.nulls_first = k.nulls_first;
  if (k.filtered) a.filter = std::move(c[next]);
  return a;
}

// GROUPING(a, b) as the aggregate that answers it; an argument that is not a GROUP BY expression is 42803.
BoundAggregate grouping_of(const BoundExpr& call, const BoundSelect& select) {
  BoundAggregate a;
  a.type = SqlType::Bigint;
  for (const auto& argument : call.children) {
    auto i = group_index(*argument, select);
    if (!i) fail_at(argument->position, sqlstate::kGrouping, "arguments to GROUPING must be GROUP BY expressions of the query");
    a.grouping.push_back(*i);
  }
  return a;
}

}  // namespace

// f(x, more... ORDER BY ...) FILTER (WHERE ...), f(direct) WITHIN GROUP (ORDER BY x), MEDIAN(x): the
// children in CallClauses' order. A plain f(x) or COUNT(*) keeps no clauses.
void Binder::bind_aggregate_clauses(const Expr& e, BoundExpr& call) {
  const FunctionEntry& f = *call.function;
  if (!e.within_group && e.order_by.empty() && !e.filter && !f.sorts_argument && call.children.size() <= 1) return;
  auto clauses = std::make_shared<CallClauses>();
  if (e.within_group) call.children.insert(call.children.begin(), bind_expr(*e.order_by[0].expr));
  clauses->arguments = call.children.size();
  for (const auto& o : e.order_by) {
    call.children.push_back(bind_expr(*o.expr));
    clauses->descending.push_back(o.descending);
    clauses->nulls_first.push_back(o.nulls_first.value_or(!o.descending));
  }
  if (f.sorts_argument && e.order_by.empty()) {
    call.children.push_back(call.children[0]->clone());
    clauses->descending.push_back(false);
    clauses->nulls_first.push_back(true);
  }
  if (call.distinct && !e.within_group)
    for (size_t i = clauses->arguments; i < call.children.size(); ++i)
      if (!same_bound_expr(*call.children[i], *call.children[0]))
        fail_at(call.children[i]->position, sqlstate::kSyntax,
                "in an aggregate with DISTINCT, ORDER BY expressions must appear in the argument list");
  if (e.filter) {
    call.children.push_back(bind_expr(*e.filter));
    clauses->filtered = true;
    expect(*call.children.back(), parameter_of_type(SqlType::Boolean));
  }
  call.clauses = std::move(clauses);
}

// GROUPING(a, b): its arguments bound; over_groups makes it an aggregate of the grouping sets.
BoundExprPtr Binder::bind_grouping_call(const Expr& e) {
  constexpr size_t kMaxArguments = 31;  // as PostgreSQL: the value's bits fit an INTEGER
  if (e.window || e.filter || !e.order_by.empty() || e.distinct || e.star || e.children.empty())
    fail_at(e.position, sqlstate::kSyntax, "GROUPING takes GROUP BY expressions, without DISTINCT, ORDER BY, FILTER or OVER");
  if (e.children.size() > kMaxArguments)
    fail_at(e.position, sqlstate::kSyntax, "GROUPING must have fewer than " + std::to_string(kMaxArguments + 1) + " arguments");
  auto b = std::make_unique<BoundExpr>();
  b->kind = BoundKind::GroupingCall;
  b->type = SqlType::Bigint;
  b->position = e.position;
  b->text = e.text;
  for (const auto& c : e.children) b->children.push_back(bind_expr(*c));
  return b;
}

void Binder::bind_over_groups(BoundSelect& select) {
  for (auto& e : select.outputs) e = over_groups(std::move(e), select);
  if (select.having) select.having = over_groups(std::move(select.having), select);
  for (auto& key : select.order)
    if (key.expr) key.expr = over_groups(std::move(key.expr), select);
}

// GROUP BY expressions -> GroupRef, aggregate calls -> AggregateRef (one per distinct call); a column
// of this SELECT's FROM items outside both is an error. Outer references are constants here.
BoundExprPtr Binder::over_groups(BoundExprPtr e, BoundSelect& select) {
  if (auto i = group_index(*e, select)) return reference(BoundKind::GroupRef, static_cast<int>(*i), *e, select.groups[*i]->type);
  if (e->kind == BoundKind::AggregateCall || e->kind == BoundKind::GroupingCall) {
    BoundAggregate aggregate = e->kind == BoundKind::GroupingCall ? grouping_of(*e, select) : split_aggregate(*e);
    for (size_t k = 0; k < select.aggregates.size(); ++k)
      if (same_aggregate(select.aggregates[k], aggregate)) return reference(BoundKind::AggregateRef, static_cast<int>(k), *e, e->type);
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
