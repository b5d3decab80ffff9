// Scan checkpoints (SET scan_checkpoint = 'name'): an INSERT or UPSERT saves, as it goes, how far its
// scan has got below which every row is written, so that the same statement run again — on any
// machine that reaches the same store, with the same checkpoint name — continues there instead of
// starting over, and a statement that completed does nothing.
//
// Entry key "scan:<hash of the statement and its parameters>:<segment>/<total>" ("all" when the
// statement is not restricted to a segment), so one name can hold every statement of a script and
// every segment of each. The entry (JSON):
//   statement     the SQL text
//   segment, total_segments   as restricted (absent for "all")
//   positions     [{segment, total, start_key (DynamoDB JSON, absent at the start), done}] per scan segment
//   rows_read     rows the scan had handed out below the saved position, all runs together
//   rows_written  rows written below it, all runs together
//   runs          runs started from this entry (a resumed run is 2 or more)
//   done          true once the statement completed
//
// Saving is correct under concurrency: rows are numbered in the order the writer receives them; after
// each fetch the caller records (every segment's position, the next row number); a recorded position
// is saved only once the writer's low water — the first row number not known to be written — has
// reached it. So every row the scan handed out before a saved position is written (acknowledged), and
// the rows after it are written again on resume: whole-item puts overwrite themselves, and a resumed
// INSERT counts a key that already holds exactly its row as its own earlier write.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checkpoint/checkpoint_store.h"
#include "exec/sources.h"

namespace dynamosql {

class ScanProgress {
 public:
  // The progress of `statement` (SQL text; `parameters` its bound values as text) in `segment`,
  // whose first table is read by `scans` (from ExecContext::first_table_scans) under `root`.
  // Error 0A000 when the plan cannot be resumed part-way: more than one Scan of the first table
  // (UNION ALL and the other set operations), or operators that hold rows back between the Scan and
  // the writer (GROUP BY, DISTINCT, ORDER BY, LIMIT, RIGHT and FULL joins). A plan without a Scan (key reads, VALUES) is only marked done.
  ScanProgress(std::unique_ptr<CheckpointStore> store, const std::string& checkpoint, const std::string& statement,
               const std::string& parameters, SegmentRestriction segment, const Operator& root,
               const std::vector<ResumableScan*>& scans);

  // What earlier runs saved.
  bool done() const { return saved_done_; }
  bool resumed() const { return resumed_; }
  int64_t rows_written_before() const { return base_written_; }
  int64_t runs() const { return runs_; }
  // Continues the Scan from the saved position and records this run; call before the first fetch.
  void start();
  // After a fetch: every row the Scan has handed out so far got a row number below `next_row`.
  void handed_out(int64_t next_row);
  // Saves the newest recorded position whose rows are all written: `low_water` is the first row
  // number not known to be written. At most twice a second (less often in jobs of over 250 segments,
  // see scan_progress.cpp), unless `force`.
  void save_written(int64_t low_water, bool force = false);
  // The statement completed: every row is written. Saves the entry as done.
  void finish(int64_t rows_written);
  // Rows the Scan handed out in this run (or, without a Scan, nothing: 0).
  int64_t rows_read() const;
  const std::string& name() const { return checkpoint_; }
  // "checkpoint 'name' (run 2, resumed after 3100 rows written)" for notices.
  std::string describe() const;

 private:
  struct Mark {
    std::vector<SegmentPosition> positions;
    int64_t next_row;
    int64_t rows_read;
  };
  void save(const Mark& mark, bool done);

  std::unique_ptr<CheckpointStore> store_;
  std::string checkpoint_, statement_, key_;
  SegmentRestriction segment_;
  int64_t save_every_ms_;
  ResumableScan* scan_ = nullptr;
  bool saved_done_ = false, resumed_ = false;
  std::vector<SegmentPosition> saved_positions_;
  int64_t base_read_ = 0, base_written_ = 0, runs_ = 0;
  std::deque<Mark> marks_;    // recorded positions not yet saved, oldest first
  std::optional<Mark> last_saved_;
  int64_t last_save_ms_ = 0;
};

}  // namespace dynamosql
