// UNION, INTERSECT and EXCEPT, distinct and ALL (UNION ALL is UnionAllOperator). Two rows are the same
// when every column is, a NULL and a MISSING being the same as each other (as for DISTINCT). Each
// distinct row held is counted against work_memory_mb (ExecContext::hold).
//
// UNION streams: it reads its inputs one after the other and hands a row on the first time it sees
// it; past work_memory_mb the rows not seen before that are not held go to partitions on disk, handed
// on (distinct) after the last input (exec/distinct_rows.h). INTERSECT and EXCEPT first read their
// right input whole into a count per distinct row, then stream the left one: a row comes out in the
// order the left input gives it, as many times as SQL says (INTERSECT: once if both have it; INTERSECT
// ALL: min(m, n) times; EXCEPT: once if only the left has it; EXCEPT ALL: max(m - n, 0) times, for m
// copies on the left and n on the right). Past work_memory_mb the right rows of rows not counted go to
// partitions on disk (exec/group_spill.h), and so do the left rows of rows not counted once any has:
// after the left input, each partition counts its right rows and streams its left ones in turn.
#pragma once

#include <unordered_map>

#include "exec/distinct_rows.h"
#include "sql/ast.h"

namespace dynamosql {

class SetOperationOperator : public Operator {
 public:
  // UNION: any number of inputs; INTERSECT and EXCEPT: two (a chain is folded to the left).
  SetOperationOperator(SetOperation op, std::vector<OperatorPtr> inputs);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;
  std::vector<const Operator*> children() const override;

 private:
  void count_right_input();
  void count_right(Row key, const Row& row);
  bool keeps(Row key, const Row& row);  // whether the left input's row is handed on (INTERSECT, EXCEPT)
  bool hand_on_spilled(RowBatch& batch);
  void end_pass();

  SetOperation op_;
  std::vector<OperatorPtr> inputs_;
  size_t current_ = 0;  // the input being streamed
  ExecContext* ctx_ = nullptr;
  std::unordered_map<Row, int64_t, RowHash, RowEq> counts_;  // per distinct row: copies still to match
  uint64_t held_ = 0;  // bytes of counts_, given back at each pass's end and when it is opened again
  std::unique_ptr<GroupSpill> spill_;         // INTERSECT's and EXCEPT's partitions
  std::unique_ptr<DistinctRows> union_rows_;  // UNION's rows seen
};

}  // namespace dynamosql
