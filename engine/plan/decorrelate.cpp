// Correlated subqueries decorrelated into hash joins; see decorrelate.h.
#include "plan/decorrelate.h"

#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "exec/subquery_join.h"

namespace dynamosql {
namespace {

bool is_correlated_subquery(const BoundExpr& e) { return e.subquery && e.subquery->outer_reference; }

const BoundExpr* reference_outside(const BoundQuery& q, int depth);

// The first column of `e` naming a FROM item `depth` or more scopes out (a subquery inside counts one
// scope more); null when none does.
const BoundExpr* reference_outside(const BoundExpr& e, int depth) {
  const BoundExpr* found = nullptr;
  visit_bound(e, [&](const BoundExpr& x) {
    if (!found && x.kind == BoundKind::ColumnRef && x.depth >= depth) found = &x;
    if (!found && x.subquery) found = reference_outside(*x.subquery, depth + 1);
  });
  return found;
}

// The same for anything in `s`. Derived tables are bound outside the SELECT's own scope, so for them
// the same depth already points out of it.
const BoundExpr* reference_outside(const BoundSelect& s, int depth) {
  std::vector<const BoundExpr*> exprs{s.where.get(), s.having.get()};
  for (const auto& j : s.joins) exprs.push_back(j.condition.get());
  for (const auto& a : s.aggregates) exprs.push_back(a.argument.get());
  for (const auto& k : s.order) exprs.push_back(k.expr.get());
  for (const auto* list : {&s.groups, &s.outputs})
    for (const auto& e : *list) exprs.push_back(e.get());
  for (const BoundExpr* e : exprs)
    if (const BoundExpr* found = e ? reference_outside(*e, depth) : nullptr) return found;
  for (const auto& rel : s.relations)
    if (const BoundExpr* found = rel.subquery ? reference_outside(*rel.subquery, depth) : nullptr) return found;
  return nullptr;
}

const BoundExpr* reference_outside(const BoundQuery& q, int depth) {
  for (const auto& t : q.terms)
    if (const BoundExpr* found = t.select ? reference_outside(*t.select, depth) : reference_outside(*t.nested, depth)) return found;
  return nullptr;
}

// Which scopes an expression's columns come from: bit 0 this SELECT's FROM items, bit 1 the enclosing
// SELECT's, bit 2 anything further out or inside a subquery.
int scopes_of(const BoundExpr& e) {
  int scopes = 0;
  visit_bound(e, [&](const BoundExpr& x) {
    if (x.kind == BoundKind::ColumnRef) scopes |= x.depth == 0 ? 1 : x.depth == 1 ? 2 : 4;
    if (x.subquery || x.kind == BoundKind::AggregateCall) scopes |= 4;
  });
  return scopes;
}

// The correlation equalities of a subquery's WHERE: inner[i] = outer[i].
struct Correlation {
  std::vector<BoundExprPtr> inner, outer;
};

// Takes `inner = outer` conjuncts out of s.where; the outer sides now count from the enclosing SELECT.
Correlation take_correlation(BoundSelect& s) {
  Correlation found;
  std::vector<BoundExprPtr> conjuncts, rest;
  split_conjuncts(std::move(s.where), conjuncts);
  for (auto& c : conjuncts) {
    if (c->kind == BoundKind::Compare && c->compare == CompareOp::Equal) {
      int left = scopes_of(*c->children[0]), right = scopes_of(*c->children[1]);
      if (left == 2 && right == 1) std::swap(c->children[0], c->children[1]), std::swap(left, right);
      if (left == 1 && right == 2) {
        visit_bound(*c->children[1], [](BoundExpr& x) {
          if (x.kind == BoundKind::ColumnRef) x.depth = 0;
        });
        found.inner.push_back(std::move(c->children[0]));
        found.outer.push_back(std::move(c->children[1]));
        continue;
      }
    }
    rest.push_back(std::move(c));
  }
  s.where = join_conjuncts(std::move(rest));
  return found;
}

BoundExprPtr group_ref(int index, const BoundExpr& of) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::GroupRef;
  e->index = index;
  e->type = of.type;
  e->text = of.text;
  e->position = of.position;
  return e;
}

// What a SELECT that aggregates without GROUP BY yields over no rows: the value of its first output
// (a NULL for EXISTS, where only the row counts), or nothing when HAVING rejects that row.
std::optional<Value> value_over_no_rows(Planner& planner, BoundSelect& s, bool exists) {
  Row row;
  for (const auto& a : s.aggregates) row.push_back(a.function->aggregate()->finish());
  auto over_row = [&](BoundExprPtr& e) {
    planner.prepare(e);
    BoundExprPtr placed = e->clone();
    visit_bound(*placed, [](BoundExpr& x) {
      if (x.kind == BoundKind::AggregateRef) x.slot = x.index;
    });
    return evaluate(*placed, row);
  };
  if (s.having) {
    Value keep = over_row(s.having);
    if (keep.type() != ValueType::Bool || !keep.as_bool()) return std::nullopt;
  }
  if (exists) return Value::null();
  Value v = over_row(s.outputs[0]);
  return v.is_missing() ? Value::null() : v;
}

class Decorrelation {
 public:
  Decorrelation(Planner& planner, BoundExpr& e) : planner_(planner), e_(e), query_(*e.subquery) {}

  // The subquery planned to run once, and how its rows answer for each outer row.
  std::pair<OperatorPtr, SubqueryJoinSpec> plan() {
    const OuterReference outer = *query_.outer_reference;
    if (query_.terms.size() != 1 || !query_.terms[0].select) Planner::correlated(outer, "over UNION, INTERSECT or EXCEPT");
    BoundSelect& s = *query_.terms[0].select;
    check_limit(outer);
    if (!s.grouping_sets.empty()) Planner::correlated(outer, "with ROLLUP, CUBE or GROUPING SETS");
    Correlation keys = take_correlation(s);
    const BoundExpr* other = reference_outside(s, 1);
    if (keys.inner.empty() || other)
      Planner::correlated(other ? OuterReference{other->text, other->position} : outer,
                          "that refer to the enclosing query other than by equalities (inner = outer) in their WHERE");
    SubqueryJoinSpec spec;
    spec.kind = e_.kind == BoundKind::Exists ? SubqueryJoinKind::Exists
                : e_.kind == BoundKind::InSubquery ? SubqueryJoinKind::In : SubqueryJoinKind::Scalar;
    spec.negated = e_.negated;
    spec.compare = e_.compare;
    spec.all = e_.all;
    spec.position = e_.position;
    spec.text = e_.text;
    if (spec.kind == SubqueryJoinKind::In) spec.probe = std::move(e_.children[0]);
    bool exists = spec.kind == SubqueryJoinKind::Exists;
    if (s.aggregated && s.groups.empty()) spec.no_match = value_over_no_rows(planner_, s, exists);
    if (exists) s.outputs.clear(), s.output_columns.clear();
    s.order.clear();
    spec.keys_at = s.outputs.size();
    for (auto& inner : keys.inner) {
      spec.inner_keys.push_back(inner->text);
      s.output_columns.push_back({inner->text, inner->type, ""});
      if (s.aggregated) {
        s.outputs.push_back(group_ref(static_cast<int>(s.groups.size()), *inner));
        s.groups.push_back(std::move(inner));
      } else {
        s.outputs.push_back(std::move(inner));
      }
    }
    spec.outer_keys = std::move(keys.outer);
    query_.outer_reference.reset();
    s.outer_reference.reset();
    return {planner_.plan_subquery(query_, false), std::move(spec)};
  }

 private:
  // EXISTS (... LIMIT n) with n >= 1 and no OFFSET means EXISTS (...); other LIMITs are refused.
  void check_limit(const OuterReference& outer) {
    if (!query_.limit && !query_.offset) return;
    bool exists_limit = e_.kind == BoundKind::Exists && !query_.offset && planner_.count(query_.limit, "LIMIT") >= 1;
    if (!exists_limit) Planner::correlated(outer, "with LIMIT or OFFSET");
    query_.limit.reset();
  }

  Planner& planner_;
  BoundExpr& e_;
  BoundQuery& query_;
};

}  // namespace

bool has_correlated_subquery(const BoundExpr& e) {
  bool found = false;
  visit_bound(e, [&](const BoundExpr& x) { found |= is_correlated_subquery(x); });
  return found;
}

OperatorPtr join_correlated_subqueries(Planner& planner, OperatorPtr root, const std::vector<BoundExpr*>& exprs,
                                       const RowLayout& layout) {
  for (BoundExpr* root_expr : exprs) {
    visit_bound(*root_expr, [&](BoundExpr& e) {
      if (!is_correlated_subquery(e)) return;
      auto [inner, spec] = Decorrelation(planner, e).plan();
      for (auto& k : spec.outer_keys) layout.place(*k);
      if (spec.probe) layout.place(*spec.probe);
      int slot = static_cast<int>(root->columns.size());
      root = std::make_unique<SubqueryJoinOperator>(std::move(root), std::move(inner), std::move(spec));
      BoundExprPtr column = make_slot_ref(slot, root->columns.back().type, e.text, e.position);
      e = std::move(*column);
    });
    retype(*root_expr);
  }
  return root;
}

}  // namespace dynamosql
