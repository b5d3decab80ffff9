// Planning WITH queries read as FROM items, recursive ones included; see planner.h (plan_cte) and
// exec/recursive_cte.h.
#include "plan/planner.h"

namespace dynamosql {
namespace {

std::vector<OutputColumn> output_columns(const std::vector<BoundColumn>& bound) {
  std::vector<OutputColumn> columns;
  for (const auto& c : bound) columns.push_back({c.name, "", c.type, false});
  return columns;
}

}  // namespace

OperatorPtr Planner::plan_cte(BoundCte& cte, bool driving) {
  if (!cte.recursive) return plan_subquery(*cte.query, driving);
  {
    DrivingScope scope(*this, driving);
    check_segment_may_combine("WITH RECURSIVE query \"" + cte.name + "\"", cte.position);
  }
  DrivingScope scope(*this, false);
  return plan_recursive(cte);
}

// The terms before the last are the anchor (combined as the query combines them), the last the
// recursive term, which reads the working table.
OperatorPtr Planner::plan_recursive(BoundCte& cte) {
  BoundQuery& q = *cte.query;
  if (q.outer_reference) correlated(*q.outer_reference, "in FROM");
  auto working = std::make_shared<WorkingTable>();
  working_tables_[&cte] = working;
  std::vector<OperatorPtr> anchor;
  for (size_t i = 0; i + 1 < q.terms.size(); ++i) anchor.push_back(plan_term(q.terms[i]));
  OperatorPtr recursive_term = plan_term(q.terms.back());
  return std::make_unique<RecursiveCteOperator>(cte.name, q.operation == SetOperation::Union, combine_terms(q, std::move(anchor)),
                                                std::move(recursive_term), std::move(working), output_columns(cte.columns));
}

OperatorPtr Planner::read_working_table(const BoundCte& cte) {
  return std::make_unique<WorkingTableScan>(cte.name, working_tables_.at(&cte), output_columns(cte.working_columns));
}

OperatorPtr Planner::hold_for_iterations(OperatorPtr source, const std::string& name) {
  auto held = std::make_shared<MaterializedQuery>();
  held->name = name;
  held->references = 1;
  held->plan = std::move(source);
  held->label = "Held " + name + " (read at the first iteration, held for the others)";
  return std::make_unique<CteScanOperator>(std::move(held), true);
}

}  // namespace dynamosql
