// Readers of a materialized WITH query; see cte_scan.h.
#include "exec/cte_scan.h"

namespace dynamosql {

CteScanOperator::CteScanOperator(std::shared_ptr<MaterializedQuery> query, bool shows_plan)
    : query_(std::move(query)), shows_plan_(shows_plan) {
  columns = query_->plan->columns;
}

void CteScanOperator::open(ExecContext& ctx) {
  if (!query_->filled) {
    query_->rows = run_to_end(*query_->plan, ctx);
    query_->filled = true;
  }
  position_ = 0;
}

bool CteScanOperator::next(RowBatch& batch) {
  const auto& rows = query_->rows;
  if (position_ >= rows.size()) return false;
  size_t end = std::min(rows.size(), position_ + kBatchSize);
  batch.insert(batch.end(), rows.begin() + static_cast<long>(position_), rows.begin() + static_cast<long>(end));
  rows_out += end - position_;
  position_ = end;
  return true;
}

std::string CteScanOperator::describe(bool) const {
  if (!query_->label.empty()) return query_->label;
  return "CteScan " + query_->name + (shows_plan_ ? " (materialized: read once for " + std::to_string(query_->references) + " references)"
                                                  : " (materialized; its plan is shown at its first reader)");
}

std::vector<const Operator*> CteScanOperator::children() const {
  if (shows_plan_) return {query_->plan.get()};
  return {};
}

}  // namespace dynamosql
