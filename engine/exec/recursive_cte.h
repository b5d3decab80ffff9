// WITH RECURSIVE, run as SQL defines it (and PostgreSQL and DuckDB do): the anchor's rows are the
// first working table; the recursive term then runs again and again, each time reading (through
// WorkingTableScan) the rows the previous run added, until a run adds none. Every row goes out as soon
// as it is added, so a LIMIT above stops the recursion. With UNION (not ALL) a row is added only the
// first time it is produced (NULL and MISSING equal to each other, as for DISTINCT), so a cycle in a
// graph ends.
//
// Safety: the rows held (the working table, the rows the current run adds, and UNION's distinct rows)
// count against work_memory_mb (53200 past it); the recursive term may run at most ExecContext::
// max_recursion times (54001 at the next run; 0: no limit); cancellation is checked between batches.
#pragma once

#include <unordered_set>

#include "exec/operators.h"

namespace dynamosql {

// The rows one run of the recursive term reads: what the previous run (or the anchor) added.
struct WorkingTable {
  std::vector<Row> rows;
};

class RecursiveCteOperator : public Operator {
 public:
  // `distinct`: UNION (else UNION ALL). `recursive_term` reads `working` through a WorkingTableScan.
  RecursiveCteOperator(std::string name, bool distinct, OperatorPtr anchor, OperatorPtr recursive_term,
                       std::shared_ptr<WorkingTable> working, std::vector<OutputColumn> columns);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {anchor_.get(), recursive_term_.get()}; }

 private:
  bool adds(const Row& row);  // whether `row` is added (UNION: not seen before); if so, kept for the next run
  bool start_next_run();  // false when the last run added nothing

  std::string name_;
  bool distinct_;
  OperatorPtr anchor_, recursive_term_;
  std::shared_ptr<WorkingTable> working_;
  ExecContext* ctx_ = nullptr;
  Operator* running_ = nullptr;  // the anchor or the recursive term; null once done
  uint64_t runs_ = 0;            // of the recursive term
  std::vector<Row> added_;       // by the current run: the next working table
  uint64_t added_bytes_ = 0, working_bytes_ = 0, seen_bytes_ = 0;
  std::unordered_set<Row, RowHash, RowEq> seen_;  // UNION: every row added so far, as keys
};

// The recursive term's FROM item naming its own query: the working table's rows.
class WorkingTableScan : public Operator {
 public:
  WorkingTableScan(std::string name, std::shared_ptr<WorkingTable> working, std::vector<OutputColumn> columns);
  void open(ExecContext&) override { position_ = 0; }
  bool next(RowBatch& batch) override;
  std::string describe(bool) const override { return "WorkingTable " + name_ + " (the rows the previous iteration added)"; }

 private:
  std::string name_;
  std::shared_ptr<WorkingTable> working_;
  size_t position_ = 0;
};

}  // namespace dynamosql
