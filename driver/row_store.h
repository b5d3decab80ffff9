// The rows a static cursor keeps, with no limit on their number: the first ones in memory, up to a
// budget of bytes (the DSN key StaticCursorMemoryMB), the rest in a temporary file. The file is
// created in $TMPDIR (else /tmp) and unlinked at once, so nothing is left behind even when the
// application is killed; it goes when the cursor is closed. Spilled rows are written in blocks of
// kRowsPerBlock and read back a block at a time, so reading them in order (NEXT, PRIOR) costs one
// read per block; what stays in memory for them is one file offset per block.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dynamosql/row_file.h"
#include "dynamosql/value.h"

namespace dynamosql::odbc {

class RowStore {
 public:
  explicit RowStore(size_t memory_budget) : memory_budget_(memory_budget) {}
  RowStore(const RowStore&) = delete;
  RowStore& operator=(const RowStore&) = delete;

  // Throws Error 53100 when the temporary file cannot be created or written (a full disk).
  void append(Row row);
  size_t size() const { return in_memory_.size() + spilled_; }
  // Row `index` (from 0, below size()) into `row`.
  void get(size_t index, Row& row);
  // Rows kept in the temporary file (0 while the budget holds them all).
  size_t spilled() const { return spilled_; }

  static constexpr size_t kRowsPerBlock = 16;

 private:
  void spill(const Row& row);
  void write_open_block();
  void load_block(size_t block);

  size_t memory_budget_;
  size_t memory_used_ = 0;
  std::vector<Row> in_memory_;  // rows 0 .. in_memory_.size() - 1

  // Rows from in_memory_.size() on, by block: complete blocks in the file at block_offsets_,
  // the last, incomplete one still in open_block_ (encoded).
  std::unique_ptr<TemporaryFile> file_;  // once a block is written
  size_t spilled_ = 0;
  std::vector<uint64_t> block_offsets_;
  std::string open_block_;
  // The block last read back, decoded.
  size_t cached_block_ = SIZE_MAX;
  std::vector<Row> cached_rows_;
};

}  // namespace dynamosql::odbc
