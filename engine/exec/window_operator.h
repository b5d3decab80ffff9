// The window operator: computes window calls (ROW_NUMBER() OVER (...), SUM(x) OVER (...), ...) over
// all its input rows and hands each row on with one more column per call, in the order the rows came.
// Calls with the same PARTITION BY and ORDER BY share one sort. Running aggregates (a frame from
// UNBOUNDED PRECEDING, SQL's default), frames to UNBOUNDED FOLLOWING and sliding frames of COUNT, SUM,
// AVG and the variances are computed incrementally; other frames are aggregated row by row over their
// (bounded) width. The sort keys and each call's arguments count against work_memory_mb while they
// live; Ctrl-C, SQLCancel and the query timeout stop the computation within a few thousand rows.
#pragma once

#include "bind/bound_expr.h"
#include "exec/operator.h"

namespace dynamosql {

class WindowOperator : public Operator {
 public:
  // `calls` are WindowCall nodes placed over the input row; `cols` the input's columns and one per call.
  WindowOperator(OperatorPtr child, std::vector<BoundExprPtr> calls, std::vector<OutputColumn> cols);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override { child_->close(); }
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }

 private:
  void compute();
  void compute_sorted_group(const std::vector<size_t>& calls);

  OperatorPtr child_;
  ExecContext* ctx_ = nullptr;
  std::vector<BoundExprPtr> calls_;
  size_t input_width_ = 0;
  std::vector<Row> rows_;
  size_t position_ = 0;
  bool done_ = false;
};

}  // namespace dynamosql
