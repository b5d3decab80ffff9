// Where a COPY FROM stands, for its checkpoint (WITH (checkpoint = 'name'), kept under "copy:<table>" in
// the named checkpoint store): the position below which every record is written or rejected for good,
// and exactly what lies below it.
//
// Records are read in order and handed to a BulkWriter, which writes them in any order; its low water
// says below which line everything is written. The position is the oldest record still with the
// writer, else where the reader stands. Records read but not yet below a saved position are unsettled
// (written, or rejected when read); a record the writer gave back as refused moves from written to
// rejected once it is below. So a resumed COPY counts each record once, and the records after the
// position, which it writes again, are not counted twice. Positions only move forward.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/checkpoint_store.h"
#include "copy/reject_files.h"

namespace dynamosql {

struct CopyCheckpoint {
  std::string source;
  int64_t line = 1;     // the first line not known to be written
  uint64_t offset = 0;  // where that line starts
  int64_t written = 0, rejected = 0;
  uint64_t reject_bytes = 0, reject_log_bytes = 0;
  bool done = false;
};

// The checkpoint saved under `key`; line 0 when there is none. 22000 when it holds no valid position.
CopyCheckpoint load_copy_checkpoint(const CheckpointStore& store, const std::string& key);
void save_copy_checkpoint(const CheckpointStore& store, const std::string& key, const CopyCheckpoint& c);

class LoadPosition {
 public:
  // `start`: the checkpoint resumed from, or a fresh one at line 1.
  explicit LoadPosition(CopyCheckpoint start)
      : start_(std::move(start)), settled_written_(start_.written), settled_rejected_(start_.rejected) {}

  // The record at `line`, starting at `offset`, handed to the writer.
  void handed_to_writer(int64_t line, uint64_t offset);
  // The record at `line` rejected as it was read.
  void rejected_when_read(int64_t line) { unsettled_.emplace_back(line, true); }
  // A record handed to the writer that DynamoDB refused.
  void refused_by_writer(int64_t line) { refused_lines_.push_back(line); }
  // The checkpoint now, settling what lies below it: `low_water` is the writer's, (`next_line`,
  // `next_offset`) where the reader stands; `rejects`, when enabled, are cut there on resume.
  CopyCheckpoint settle(int64_t low_water, int64_t next_line, uint64_t next_offset, RejectFiles& rejects);

 private:
  CopyCheckpoint start_;
  std::deque<std::pair<int64_t, uint64_t>> pending_;  // (line, offset) of records handed to the writer
  std::deque<std::pair<int64_t, bool>> unsettled_;    // (line, rejected when read)
  std::vector<int64_t> refused_lines_;
  int64_t settled_written_, settled_rejected_;
};

}  // namespace dynamosql
