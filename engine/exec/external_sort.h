// The disk side of ORDER BY: once the rows a Sort holds pass work_memory_mb, it sorts them and writes
// them as a sorted run to a temporary file (exec/spill_file.h: created mode 0600 and unlinked at
// once, so no file outlives the statement, however it ends), then goes on with an empty buffer. At the
// end the runs and the rows still held are merged through a heap, a block of each run at a time, and
// stream out. Ties keep their input order: runs are written in input order and, among equal keys, an
// earlier run's entries come first. Runs are merged as they accumulate (kMergeWidth runs of one size
// into one of the next), so at most about kMergeWidth files per size are open at once.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "exec/spill_file.h"

namespace dynamosql {

// <0, 0 or >0 as `a` sorts before, with or after `b` (the keys alone).
using KeyOrder = std::function<int(const Row& a, const Row& b)>;

class SortedRun;
class RunMerger;

class SortRuns {
 public:
  static constexpr size_t kMergeWidth = 32;

  SortRuns(ExecContext& ctx, KeyOrder order);
  ~SortRuns();
  SortRuns(const SortRuns&) = delete;
  SortRuns& operator=(const SortRuns&) = delete;

  // Writes `entries`, sorted (ties in input order) and arrived after every run written before, as a
  // run. Throws 53100 (the disk is full) or 53400 (past temp_file_limit_mb).
  void write_run(std::vector<SortEntry>& entries);
  // Starts the final merge of the runs and `rest` (sorted; arrived after them).
  void start_merge(std::vector<SortEntry> rest);
  // Appends up to kBatchSize rows in order after start_merge(); false once all are out.
  bool next(RowBatch& batch);

  size_t runs_written() const { return runs_written_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  void merge_last(size_t count);

  ExecContext& ctx_;
  KeyOrder order_;
  std::vector<std::unique_ptr<SortedRun>> runs_;  // in input order
  std::unique_ptr<RunMerger> merger_;
  size_t runs_written_ = 0;
  uint64_t bytes_written_ = 0;
};

}  // namespace dynamosql
