// The rows DISTINCT and UNION hand on: each distinct row the first time it comes, a NULL and a MISSING
// being the same (as_sql_keys). The rows seen are held against work_memory_mb; past it (unless
// spill_to_disk is off: 53200) a row not seen before and not held goes to a partition on disk
// (exec/group_spill.h), and once the input has ended each partition hands on its distinct rows in turn.
// Rows come in input order until the first one spilled; the spilled ones come after the input's end.
#pragma once

#include <unordered_map>

#include "exec/operators.h"

namespace dynamosql {

class DistinctRows {
 public:
  explicit DistinctRows(ExecContext& ctx);
  ~DistinctRows();
  DistinctRows(const DistinctRows&) = delete;
  DistinctRows& operator=(const DistinctRows&) = delete;

  // Moves the rows of `in` not seen before to the end of `batch` and clears `in`; true when it moved
  // any (counted in rows_out).
  bool hand_on_new(RowBatch& in, RowBatch& batch, std::atomic<uint64_t>& rows_out);
  // Once the input has ended: the distinct rows spilled, about a block at a time; false when all are out.
  bool hand_on_spilled(RowBatch& batch, std::atomic<uint64_t>& rows_out);
  // Gives back the rows held and closes the files (EXPLAIN ANALYZE's figures stay).
  void clear();
  std::string explain() const { return spill_.explain(); }

 private:
  bool is_new(Row key, const Row& row);
  void end_pass();

  ExecContext& ctx_;
  GroupSpill spill_;
  std::unordered_map<Row, bool, RowHash, RowEq> seen_;  // this pass's rows (as keys)
  uint64_t held_ = 0;                                   // bytes of seen_
};

}  // namespace dynamosql
