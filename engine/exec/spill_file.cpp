// Entries of (key, row) in blocks in a temporary file; see spill_file.h.
#include "exec/spill_file.h"

#include <algorithm>

namespace dynamosql {

SpillFile::SpillFile(ExecContext& ctx, const char* owner, size_t block_bytes)
    : ctx_(ctx), file_(ctx.temp_directory, owner), block_bytes_(block_bytes) {}

SpillFile::~SpillFile() { ctx_.free_temp_space(file_.size()); }

size_t SpillFile::block_bytes_for(const ExecContext& ctx, size_t readers) {
  const uint64_t share = ctx.work_memory_budget / (4 * std::max<size_t>(readers, 1));
  return static_cast<size_t>(std::clamp<uint64_t>(share, 4096, 1 << 20));
}

void SpillFile::add(const Row& key, const Row& row) {
  encode_row(open_block_, key);
  encode_row(open_block_, row);
  if (open_block_.size() >= block_bytes_) write_open_block();
}

void SpillFile::finish() {
  if (!open_block_.empty()) write_open_block();
}

void SpillFile::read_block(size_t block, std::vector<SortEntry>& out) const {
  const uint64_t start = block ? block_ends_[block - 1] : 0;
  file_.read(start, block_ends_[block] - start, bytes_);
  for (RowDecoder decoder(bytes_.data(), bytes_.size()); !decoder.done();) {
    SortEntry entry;
    entry.key = decoder.row();
    entry.row = decoder.row();
    out.push_back(std::move(entry));
  }
}

void SpillFile::write_open_block() {
  ctx_.check_cancelled();
  ctx_.use_temp_space(open_block_.size());
  try {
    file_.append(open_block_);
  } catch (...) {
    ctx_.free_temp_space(open_block_.size());
    throw;
  }
  block_ends_.push_back(file_.size());
  open_block_.clear();
}

}  // namespace dynamosql
