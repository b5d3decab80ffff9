// The query level of planning: UNION, INTERSECT and EXCEPT, their ORDER BY and LIMIT, parameters and subqueries; see
// planner.h.
#include "plan/planner.h"

#include <algorithm>

#include "bind/parameter_types.h"
#include "dynamosql/error.h"
#include "exec/operators.h"
#include "exec/set_operations.h"
#include "exec/sources.h"

namespace dynamosql {

Planner::Planner(PlannerSettings settings, ExecContext& ctx, std::vector<ParameterDescription> expected,
                 std::vector<std::optional<Value>> values)
    : settings_(std::move(settings)), ctx_(ctx), expected_(std::move(expected)), values_(std::move(values)) {}

void Planner::correlated(const OuterReference& outer, const std::string& where) {
  fail_at(outer.position, sqlstate::kFeatureNotSupported,
          "correlated subqueries " + where + " are not supported yet: " + outer.text + " refers to an enclosing query's FROM item");
}

OperatorPtr Planner::plan_query(BoundQuery& q) {
  if (q.outer_reference) correlated(*q.outer_reference, "in FROM");
  if (q.terms.size() == 1 && q.terms[0].select) return plan_select(*this, *q.terms[0].select, &q);
  return plan_union(q);
}

OperatorPtr Planner::plan_subquery(BoundQuery& query, bool driving) {
  DrivingScope scope(*this, driving);
  return plan_query(query);
}

OperatorPtr Planner::read_materialized(BoundCte& cte, const Position& at) {
  check_segment_may_combine("WITH query \"" + cte.name + "\", named more than once,", at);
  auto& query = materialized_[&cte];
  bool first = !query;
  if (first) {
    query = std::make_shared<MaterializedQuery>();
    query->name = cte.name;
    query->references = cte.references;
    query->plan = plan_cte(cte, false);
  }
  return std::make_unique<CteScanOperator>(query, first);
}

OperatorPtr Planner::outside_segment(std::vector<OutputColumn> columns, const std::string& why) const {
  return std::make_unique<RowsSource>(std::move(columns), std::vector<Row>{}, "Nothing (" + settings_.segment.text() + "): " + why);
}

void Planner::check_segment_may_combine(const std::string& what, const Position& position) const {
  if (!driving_ || !settings_.segment.active() || settings_.segment_partial_results) return;
  fail_at(position, sqlstate::kSyntax,
          what + " over " + settings_.segment.text() +
              " would answer for that segment alone, not the table; run it without scan_segment, or SET "
              "segment_partial_results = true for each segment's own answer");
}

// UNION ALL stacks its terms; UNION reads them all through one operator; INTERSECT and EXCEPT
// combine them two at a time, from the left. All but UNION ALL combine rows across the table.
OperatorPtr Planner::combine_terms(const BoundQuery& q, std::vector<OperatorPtr> inputs) const {
  if (inputs.size() == 1) return std::move(inputs[0]);
  if (q.operation == SetOperation::UnionAll) return std::make_unique<UnionAllOperator>(std::move(inputs));
  check_segment_may_combine(set_operation_text(q.operation), q.operation_position);
  if (q.operation == SetOperation::Union) return std::make_unique<SetOperationOperator>(q.operation, std::move(inputs));
  OperatorPtr root = std::move(inputs[0]);
  for (size_t i = 1; i < inputs.size(); ++i) {
    std::vector<OperatorPtr> pair;
    pair.push_back(std::move(root));
    pair.push_back(std::move(inputs[i]));
    root = std::make_unique<SetOperationOperator>(q.operation, std::move(pair));
  }
  return root;
}

// In a recursive term, the terms that do not read the working table are read once and held, as FROM
// items are (plan_select.cpp).
OperatorPtr Planner::plan_union(BoundQuery& q) {
  bool recursive_term = std::any_of(q.terms.begin(), q.terms.end(), [](const BoundQuery::Term& t) { return t.reads_working_table; });
  std::vector<OperatorPtr> inputs;
  for (size_t i = 0; i < q.terms.size(); ++i) {
    inputs.push_back(plan_term(q.terms[i]));
    if (recursive_term && !q.terms[i].reads_working_table)
      inputs.back() = hold_for_iterations(std::move(inputs.back()), set_operation_text(q.operation) + std::string(" term ") + std::to_string(i + 1));
  }
  OperatorPtr root = combine_terms(q, std::move(inputs));
  for (size_t i = 0; i < q.columns.size(); ++i) root->columns[i].type = q.columns[i].type;
  int64_t limit = count(q.limit, "LIMIT");
  int64_t offset = std::max<int64_t>(0, count(q.offset, "OFFSET"));
  if (!q.order.empty()) {
    std::vector<SortKey> keys;
    for (const auto& k : q.order)
      keys.push_back({make_slot_ref(k.output, root->columns[static_cast<size_t>(k.output)].type, k.text, k.position),
                      k.descending, k.nulls_first});
    root = std::make_unique<SortOperator>(std::move(root), std::move(keys), rows_to_keep(limit, offset));
  }
  if (limit >= 0 || offset > 0) {
    check_segment_may_combine("LIMIT/OFFSET", (q.limit ? q.limit : q.offset)->position);
    root = std::make_unique<LimitOperator>(std::move(root), limit, offset);
  }
  return root;
}

OperatorPtr Planner::plan_term(BoundQuery::Term& term) {
  return term.select ? plan_select(*this, *term.select, nullptr) : plan_query(*term.nested);
}

int64_t Planner::count(BoundExprPtr& e, const char* what) {
  if (!e) return -1;
  prepare(e);
  const Value& v = e->value;
  if (e->kind != BoundKind::Constant || v.type() != ValueType::Number || !v.as_number().is_integer() ||
      v.as_number().is_negative() || !v.as_number().to_int64())
    fail_at(e->position, sqlstate::kInvalidParameter, std::string(what) + " must be a non-negative integer");
  return *v.as_number().to_int64();
}

void Planner::prepare(BoundExprPtr& e, bool keep_correlated) {
  if (!e) return;
  bool replaced = false;
  visit_bound(*e, [&](BoundExpr& x) {
    if (x.kind == BoundKind::Parameter) substitute(x), replaced = true;
    if (!x.subquery || (keep_correlated && x.subquery->outer_reference)) return;
    run_subquery(x), replaced = true;
  });
  if (replaced) retype(*e);
}

// A `?` becomes its bound value, converted to what its place expects.
void Planner::substitute(BoundExpr& e) const {
  size_t i = static_cast<size_t>(e.parameter);
  if (i >= values_.size() || !values_[i])
    fail_at(e.position, "07002", "parameter " + std::to_string(i + 1) + " is not bound");
  try {
    e.value = i < expected_.size() ? coerce_parameter(expected_[i], *values_[i], e.parameter, e.written_as_epoch) : *values_[i];
  } catch (Error& error) {
    throw error.at(e.position.line, e.position.column);
  }
  e.kind = BoundKind::Constant;
}

namespace {

// The values of `x op ANY/ALL (values)` that can decide it, for an ordering op: the least and the
// greatest (one decides, whichever it is) and one NULL, when every other value is of one ordered type;
// else all of them.
std::vector<Value> deciding_values(CompareOp op, std::vector<Value> values) {
  if (op == CompareOp::Equal || op == CompareOp::NotEqual) return values;
  std::vector<Value> kept;  // least, greatest
  bool null = false;
  for (auto& v : values) {
    if (v.is_null_or_missing()) {
      null = true;
    } else if (kept.empty()) {
      kept = {v, v};
    } else {
      Value below = compare_values(CompareOp::Less, v, kept[0]);
      if (below.type() != ValueType::Bool) return values;  // another type, or documents: no order
      if (below.as_bool()) kept[0] = v;
      if (compare_values(CompareOp::Greater, v, kept[1]).as_bool()) kept[1] = std::move(v);
    }
  }
  if (null) kept.push_back(Value::null());
  return kept;
}

}  // namespace

// An uncorrelated subquery runs once: IN (SELECT ...) becomes an IN list (so do = ANY and <> ALL: NOT
// IN; over no rows a constant), another op ANY/ALL (SELECT ...) a QuantifiedCompare over its values, a scalar subquery its
// value, EXISTS whether a first row comes (nothing more is read).
void Planner::run_subquery(BoundExpr& e) {
  if (e.subquery->outer_reference) correlated(*e.subquery->outer_reference, "in GROUP BY, HAVING, ON or an aggregating SELECT's select list");
  OperatorPtr sub = plan_subquery(*e.subquery, false);
  if (e.kind == BoundKind::Exists) {
    e.kind = BoundKind::Constant;
    e.value = Value::boolean(settings_.run_subqueries && has_rows(*sub, ctx_) != e.negated);
    e.subquery.reset();
    return;
  }
  std::vector<Row> rows = settings_.run_subqueries ? run_to_end(*sub, ctx_) : std::vector<Row>{};
  if (e.kind == BoundKind::InSubquery) {
    std::vector<Value> values;
    for (auto& r : rows) values.push_back(r[0].is_missing() ? Value::null() : std::move(r[0]));
    bool is_in = e.compare == CompareOp::Equal && !e.all, not_in = e.compare == CompareOp::NotEqual && e.all;
    if (values.empty()) {  // IN and ANY over no rows are false, NOT IN and ALL true, even for a NULL x
      e.kind = BoundKind::Constant;
      e.value = Value::boolean(e.all != e.negated);
      e.children.clear();
    } else if (is_in || not_in) {
      e.kind = BoundKind::InList;
      e.negated = e.negated != not_in;
      for (auto& v : values) e.children.push_back(make_constant(std::move(v), e.position, "<subquery value>"));
    } else {
      e.kind = BoundKind::QuantifiedCompare;
      e.value = Value::list(deciding_values(e.compare, std::move(values)));
    }
  } else {
    if (rows.size() > 1) fail_at(e.position, "21000", "scalar subquery returned more than one row");
    e.kind = BoundKind::Constant;
    e.value = rows.empty() || rows[0][0].is_missing() ? Value::null() : rows[0][0];
  }
  e.subquery.reset();
}

}  // namespace dynamosql
