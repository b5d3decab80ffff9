// WITH RECURSIVE's operators; see recursive_cte.h.
#include "exec/recursive_cte.h"

#include "dynamosql/error.h"

namespace dynamosql {

RecursiveCteOperator::RecursiveCteOperator(std::string name, bool distinct, OperatorPtr anchor, OperatorPtr recursive_term,
                                           std::shared_ptr<WorkingTable> working, std::vector<OutputColumn> columns)
    : name_(std::move(name)), distinct_(distinct), anchor_(std::move(anchor)), recursive_term_(std::move(recursive_term)),
      working_(std::move(working)) {
  this->columns = std::move(columns);
}

void RecursiveCteOperator::open(ExecContext& ctx) {
  close();
  ctx_ = &ctx;
  runs_ = 0;
  anchor_->open(ctx);
  running_ = anchor_.get();
}

bool RecursiveCteOperator::adds(const Row& row) {
  if (distinct_) {
    auto [it, added] = seen_.insert(as_sql_keys(row));
    if (!added) return false;
    seen_bytes_ += ctx_->hold(*it);
  }
  added_bytes_ += ctx_->hold(row);
  added_.push_back(row);
  return true;
}

bool RecursiveCteOperator::next(RowBatch& batch) {
  RowBatch in;
  while (running_) {
    ctx_->check_cancelled();
    if (!running_->next(in)) {
      running_->close();
      running_ = start_next_run() ? recursive_term_.get() : nullptr;
      continue;
    }
    if (hand_on_kept(in, batch, rows_out, [this](const Row& row) { return adds(row); })) return true;
  }
  return false;
}

bool RecursiveCteOperator::start_next_run() {
  if (added_.empty()) return false;
  uint64_t limit = ctx_->max_recursion;
  if (limit > 0 && runs_ >= limit)
    throw Error(sqlstate::kStatementTooComplex,
                "WITH RECURSIVE query \"" + name_ + "\" still adds rows after max_recursion = " + std::to_string(limit) +
                    " iterations of its recursive term; give the recursive term a condition that ends it (WHERE depth < n), "
                    "use UNION instead of UNION ALL where rows repeat, or SET max_recursion higher (0: no limit)");
  ++runs_;
  working_->rows = std::move(added_);
  added_.clear();
  ctx_->release(working_bytes_);
  working_bytes_ = std::exchange(added_bytes_, 0);
  recursive_term_->open(*ctx_);
  return true;
}

void RecursiveCteOperator::close() {
  if (running_) running_->close();
  running_ = nullptr;
  if (ctx_) ctx_->release(added_bytes_ + working_bytes_ + seen_bytes_);
  added_bytes_ = working_bytes_ = seen_bytes_ = 0;
  added_.clear();
  working_->rows.clear();
  seen_.clear();
}

std::string RecursiveCteOperator::describe(bool) const {
  return "RecursiveCte " + name_ + " (" + (distinct_ ? "UNION" : "UNION ALL") +
         "): its non-recursive term, then its recursive term until an iteration adds no rows";
}

WorkingTableScan::WorkingTableScan(std::string name, std::shared_ptr<WorkingTable> working, std::vector<OutputColumn> columns)
    : name_(std::move(name)), working_(std::move(working)) {
  this->columns = std::move(columns);
}

// The working table is read once per iteration (its query names it once), so its rows are moved out.
bool WorkingTableScan::next(RowBatch& batch) { return emit_held(working_->rows, position_, batch, rows_out); }

}  // namespace dynamosql
