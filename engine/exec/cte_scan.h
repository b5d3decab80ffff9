// A WITH query named by more than one FROM item is read once: the first of its readers to be opened runs
// its plan to the end and holds the rows; every reader hands out those rows. EXPLAIN prints the plan
// under the first reader only, so it shows one scan however often the query is named.
#pragma once

#include "exec/operator.h"

namespace dynamosql {

// The rows of one WITH query, shared by its readers.
struct MaterializedQuery {
  std::string name;
  int references = 0;
  OperatorPtr plan;
  std::vector<Row> rows;
  bool filled = false;
  std::string label;  // EXPLAIN's line for its reader, when not a WITH query's (empty: one naming `name`)
};

class CteScanOperator : public Operator {
 public:
  // `shows_plan`: this reader is the one EXPLAIN prints the plan under.
  CteScanOperator(std::shared_ptr<MaterializedQuery> query, bool shows_plan);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override;
  bool same_rows_on_every_open() const override { return true; }  // read once, then held

 private:
  std::shared_ptr<MaterializedQuery> query_;
  bool shows_plan_;
  size_t position_ = 0;
};

}  // namespace dynamosql
