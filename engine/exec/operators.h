// The engine-side operators: what DynamoDB cannot do. Filter, Project and Limit stream; Sort,
// Aggregate, Distinct and the build side of HashJoin hold rows, counted against the statement's
// work_memory_mb (ExecContext::hold).
#pragma once

#include <optional>
#include <unordered_map>

#include "bind/bound_expr.h"
#include "exec/external_sort.h"
#include "exec/group_spill.h"
#include "exec/operator.h"

namespace dynamosql {

// A value as a grouping, sorting or partitioning key: MISSING is NULL.
Value as_sql_key(Value v);
// A whole row so (DISTINCT, UNION, INTERSECT, EXCEPT: NULL and MISSING are the same).
Row as_sql_keys(const Row& row);
// The order of two key values in a sort: NULLs first or last, the rest by Value::compare, reversed
// when descending; <0, 0 or >0.
int compare_in_order(const Value& x, const Value& y, bool descending, bool nulls_first);
// Hands out up to kBatchSize of the rows an operator holds (Aggregate, Sort, Window); false when all are out.
bool emit_held(std::vector<Row>& rows, size_t& position, RowBatch& batch, std::atomic<uint64_t>& rows_out);
// Moves the rows of `in` that `keeps(row)` accepts to the end of `batch` and clears `in`; true when it
// moved any (counted in rows_out). DISTINCT, UNION, INTERSECT, EXCEPT and WITH RECURSIVE filter so.
template <class Keeps>
bool hand_on_kept(RowBatch& in, RowBatch& batch, std::atomic<uint64_t>& rows_out, Keeps keeps) {
  size_t before = batch.size();
  for (auto& row : in)
    if (keeps(row)) batch.push_back(std::move(row));
  in.clear();
  rows_out += batch.size() - before;
  return batch.size() > before;
}
// "a, b, *": the expressions' texts, a null one as *, for EXPLAIN.
std::string exprs_text(const std::vector<BoundExprPtr>& exprs);
// Hashing and equality of whole rows (Value::compare() == 0 per column): DISTINCT, hash lookups.
struct RowHash {
  size_t operator()(const Row& r) const;
};
struct RowEq {
  bool operator()(const Row& a, const Row& b) const;
};

class FilterOperator : public Operator {
 public:
  FilterOperator(OperatorPtr child, BoundExprPtr predicate, std::string label = "Filter");
  void open(ExecContext& ctx) override { child_->open(ctx); }
  bool next(RowBatch& batch) override;
  void close() override { child_->close(); }
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  const Operator* streamed_child() const override { return child_.get(); }

 private:
  OperatorPtr child_;
  BoundExprPtr predicate_;
  std::string label_;
};

// Computes the output columns from each input row. A column that is an input slot read as it is, and
// that no other output reads, is moved out of the input row rather than copied.
class ProjectOperator : public Operator {
 public:
  ProjectOperator(OperatorPtr child, std::vector<BoundExprPtr> exprs, std::vector<OutputColumn> cols);
  void open(ExecContext& ctx) override { child_->open(ctx); }
  bool next(RowBatch& batch) override;
  void close() override { child_->close(); }
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  const Operator* streamed_child() const override { return child_.get(); }

 private:
  OperatorPtr child_;
  std::vector<BoundExprPtr> exprs_;
  std::vector<int> moved_from_;  // per output: the input slot it takes, or -1 to evaluate it
  bool keeps_leading_slots_ = true;  // output i is input slot i, moved, for every output
};

// Hash aggregation: output rows are [group values..., aggregate values...]. Without GROUP BY it
// produces exactly one row, also over no input. With grouping sets (ROLLUP, CUBE, GROUPING SETS) each
// input row counts in every set, read once: a set's rows have NULL for the groups outside it, and a set
// without groups gives its one row also over no input; rows come set by set, in the sets' order, and by
// group within a set. Past work_memory_mb the rows of groups not held go to partitions on disk
// (exec/group_spill.h; a row counts in a set's group there, keyed by the set), unless spill_to_disk is
// off: the groups held come out first, then each partition's, each part in that order.
class AggregateOperator : public Operator {
 public:
  AggregateOperator(OperatorPtr child, std::vector<BoundExprPtr> groups, std::vector<BoundAggregate> aggregates,
                    std::vector<OutputColumn> cols, std::vector<std::vector<size_t>> grouping_sets = {});
  ~AggregateOperator() override;
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }

 private:
  struct GroupTable;
  void consume_input();
  void consume_partition();
  void add(Row key, const Row& row);
  void finish_pass();
  Value grouping_value(const BoundAggregate& grouping, size_t set) const;
  std::string grouping_text() const;
  OperatorPtr child_;
  ExecContext* ctx_ = nullptr;
  std::vector<BoundExprPtr> groups_;
  std::vector<BoundAggregate> aggregates_;
  std::vector<std::vector<size_t>> sets_;  // as BoundSelect::grouping_sets; empty: one set of every group
  std::vector<std::vector<bool>> in_set_;  // per set, per group: whether the set has it
  std::unique_ptr<GroupTable> table_;      // the groups of the current pass
  std::unique_ptr<GroupSpill> spill_;
  std::vector<Row> results_;               // the finished groups of the last pass
  size_t position_ = 0;
  bool input_read_ = false;
};

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = true;
};

// ORDER BY. With `keep` (ORDER BY ... LIMIT n [OFFSET m]: n + m) only the first `keep` rows in order are
// held, in a bounded heap: a top 10 of a million-row scan holds 10 rows, not a million. Once the rows
// held pass work_memory_mb they go to sorted runs on disk (exec/external_sort.h) unless spill_to_disk
// is off. Ties keep their input order.
class SortOperator : public Operator {
 public:
  SortOperator(OperatorPtr child, std::vector<SortKey> keys, std::optional<uint64_t> keep = std::nullopt);
  ~SortOperator() override;
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }

 private:
  int compare_keys(const Row& a, const Row& b) const;
  bool before(const SortEntry& a, const SortEntry& b) const;
  SortEntry keyed(Row row, uint64_t arrival) const;
  void sort_input();
  bool must_spill(uint64_t held_bytes, uint64_t more) const;
  void spill(std::vector<SortEntry>& held, uint64_t& held_bytes);
  void sort_held(std::vector<SortEntry>& held) const;

  OperatorPtr child_;
  ExecContext* ctx_ = nullptr;
  std::vector<SortKey> keys_;
  std::optional<uint64_t> keep_;
  std::vector<Row> rows_;
  size_t position_ = 0;
  bool sorted_ = false;
  std::unique_ptr<SortRuns> runs_;  // once the rows held passed work_memory_mb
  uint64_t held_ = 0;  // bytes of the rows held in memory, given back when it is opened again (a recursive term's)
  std::optional<SortEntry> cutoff_;  // with keep_, once spilled: rows not before it are not kept
  size_t runs_spilled_ = 0;         // for EXPLAIN ANALYZE
  uint64_t bytes_spilled_ = 0;
};

// A Sort's `keep` under LIMIT `limit` (negative: none) OFFSET `offset`: every row without a LIMIT.
std::optional<uint64_t> rows_to_keep(int64_t limit, int64_t offset);

class LimitOperator : public Operator {
 public:
  LimitOperator(OperatorPtr child, int64_t limit, int64_t offset);  // limit < 0: none
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override { child_->close(); }
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }

 private:
  OperatorPtr child_;
  int64_t limit_, offset_, seen_ = 0, emitted_ = 0;
};

class DistinctRows;

// SELECT DISTINCT: each distinct row the first time it comes; past work_memory_mb through partitions
// on disk (exec/distinct_rows.h).
class DistinctOperator : public Operator {
 public:
  explicit DistinctOperator(OperatorPtr child);
  ~DistinctOperator() override;
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }

 private:
  OperatorPtr child_;
  std::unique_ptr<DistinctRows> rows_;  // a new one each time it is opened (a recursive term's)
  bool input_read_ = false;
};

// INNER, LEFT, RIGHT or FULL join. With equality keys: a hash join building on the right side;
// otherwise a nested loop over the held right side. NULL or MISSING keys never match. A row matches
// only where the residual holds too: a preserved side's row that matches nothing comes out once,
// null-extended (RIGHT and FULL: the right side's once the left side has ended).
class JoinOperator : public Operator {
 public:
  JoinOperator(OperatorPtr left, OperatorPtr right, bool left_outer, bool right_outer, std::vector<BoundExprPtr> left_keys,
               std::vector<BoundExprPtr> right_keys, BoundExprPtr residual);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  // RIGHT and FULL: none, as which right rows are unmatched depends on every left row.
  const Operator* streamed_child() const override { return right_outer_ ? nullptr : left_.get(); }

 private:
  // Reads the right side into right_rows_ and index_ (its join keys' hashes), each row held.
  void build_hash_table(ExecContext& ctx);
  void find_candidates(const Row& left);
  bool emit_unmatched_right(RowBatch& batch);

  OperatorPtr left_, right_;
  bool left_outer_, right_outer_;
  std::vector<BoundExprPtr> left_keys_, right_keys_;
  BoundExprPtr residual_;  // evaluated over the joined row
  std::vector<Row> right_rows_;
  std::vector<bool> right_matched_;                // RIGHT and FULL: per right row
  std::unordered_multimap<size_t, size_t> index_;  // key hash -> right row
  std::vector<size_t> candidates_;                 // the right rows a left row's keys match
  size_t left_width_ = 0, right_width_ = 0;
  bool left_done_ = false;
  size_t unmatched_position_ = 0;  // RIGHT and FULL: the next right row to check once the left has ended
  // Bytes of right_rows_, given back when it is rebuilt: when opened again (a recursive term's, each
  // iteration) over a right side that may differ. Over one that does not, the hash table is kept.
  uint64_t held_ = 0;
  bool built_ = false;
};

class UnionAllOperator : public Operator {
 public:
  explicit UnionAllOperator(std::vector<OperatorPtr> inputs);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool) const override { return "UnionAll"; }
  std::vector<const Operator*> children() const override;

 private:
  std::vector<OperatorPtr> inputs_;
  size_t current_ = 0;
  ExecContext* ctx_ = nullptr;
};

}  // namespace dynamosql
