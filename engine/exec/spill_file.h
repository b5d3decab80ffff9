// A temporary file of (key, row) entries that an operator past work_memory_mb writes and reads back: a
// Sort's sorted runs (exec/external_sort.h), the partitions of a GROUP BY, DISTINCT or set operation
// (exec/group_spill.h). Entries go in blocks of whole entries, so a reader takes a block at a time; the
// file (dynamosql/row_file.h: mode 0600, unlinked at once) counts against temp_file_limit_mb while it
// exists.
#pragma once

#include <string>
#include <vector>

#include "dynamosql/row_file.h"
#include "exec/operator.h"

namespace dynamosql {

// A row with its keys (sort keys, group key), evaluated once.
struct SortEntry {
  Row key;
  Row row;
  uint64_t arrival = 0;  // the input order, where the in-memory sort needs it
  uint64_t held = 0;     // bytes counted against work_memory_mb
};

class SpillFile {
 public:
  // `owner` names the file's user in errors ("sort", "grouping").
  SpillFile(ExecContext& ctx, const char* owner, size_t block_bytes);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends an entry; a full block goes to the file. Throws 53100 (the disk is full), 53400 (past
  // temp_file_limit_mb) or 57014 (cancelled).
  void add(const Row& key, const Row& row);
  // Writes the last, partial block.
  void finish();
  size_t blocks() const { return block_ends_.size(); }
  uint64_t bytes() const { return file_.size(); }
  // Appends block `block`'s entries to `out` (after finish()).
  void read_block(size_t block, std::vector<SortEntry>& out) const;

  // The block size for a file of which `readers` are read at once: together about a quarter of
  // work_memory_mb, within 4 KB to 1 MB a block.
  static size_t block_bytes_for(const ExecContext& ctx, size_t readers);

 private:
  void write_open_block();

  ExecContext& ctx_;
  TemporaryFile file_;
  size_t block_bytes_;
  std::vector<uint64_t> block_ends_;
  std::string open_block_;
  mutable std::string bytes_;  // the block last read
};

}  // namespace dynamosql
