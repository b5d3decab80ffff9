// Partitions of the groups that did not fit in memory; see group_spill.h.
#include "exec/group_spill.h"

#include "dynamosql/error.h"
#include "exec/operators.h"

namespace dynamosql {

GroupSpill::GroupSpill(ExecContext& ctx, const char* owner, Headroom headroom, size_t sides)
    : ctx_(ctx), owner_(owner), headroom_(ctx.work_memory_budget / (headroom == Headroom::Half ? 2 : 4)), sides_(sides),
      next_block_(sides) {}

GroupSpill::~GroupSpill() = default;

bool GroupSpill::takes_new_group(uint64_t bytes, uint64_t table_bytes) {
  if (spilling_) return false;
  if (!ctx_.should_spill(table_bytes, bytes, headroom_)) return true;
  if (level_ + 1 > kMaxLevel)
    throw Error(sqlstate::kOutOfMemory, std::string("the ") + owner_ + "'s rows, split " + std::to_string(kMaxLevel) +
                                            " times over partitions on disk, still pass work_memory_mb = " +
                                            std::to_string(ctx_.work_memory_budget >> 20) + " MB; SET work_memory_mb higher");
  spilling_ = true;
  return false;
}

// A hash of the key, mixed with the level (splitmix64's finalizer), so that the rows of one partition
// spread over the next level's partitions rather than all landing in one again.
size_t GroupSpill::partition_of(const Row& key) const {
  uint64_t h = RowHash{}(key) + 0x9e3779b97f4a7c15ULL * (level_ + 1);
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<size_t>((h ^ (h >> 31)) % kPartitions);
}

void GroupSpill::spill(const Row& key, const Row& row, size_t side) {
  if (writing_.empty()) {
    writing_.resize(kPartitions);
    for (auto& partition : writing_) {
      for (size_t s = 0; s < sides_; ++s)
        partition.sides.push_back(std::make_unique<SpillFile>(ctx_, owner_, SpillFile::block_bytes_for(ctx_, 2 * kPartitions)));
      partition.level = level_ + 1;
    }
    partitions_written_ += kPartitions;
  }
  writing_[partition_of(key)].sides[side]->add(key, row);
}

bool GroupSpill::next_pass() {
  for (auto& partition : writing_) {
    size_t blocks = 0;
    for (auto& file : partition.sides) {
      file->finish();
      bytes_written_ += file->bytes();
      blocks += file->blocks();
    }
    if (blocks > 0) waiting_.push_back(std::move(partition));
  }
  writing_.clear();
  reading_ = {};  // closes the partition just read
  spilling_ = false;
  if (waiting_.empty()) return false;
  reading_ = std::move(waiting_.back());
  waiting_.pop_back();
  level_ = reading_.level;
  next_block_.assign(sides_, 0);
  return true;
}

bool GroupSpill::read(std::vector<SortEntry>& entries, size_t side) {
  entries.clear();
  if (reading_.sides.empty() || next_block_[side] == reading_.sides[side]->blocks()) return false;
  ctx_.check_cancelled();
  reading_.sides[side]->read_block(next_block_[side]++, entries);
  return true;
}

void GroupSpill::clear() {
  writing_.clear();
  waiting_.clear();
  reading_ = {};
  level_ = 0;
  spilling_ = false;
  next_block_.assign(sides_, 0);
}

std::string GroupSpill::explain() const {
  if (partitions_written_ == 0) return "";
  return " (spilled " + std::to_string(partitions_written_) + " partitions, " + std::to_string((bytes_written_ + 1023) / 1024) +
         " KB written)";
}

}  // namespace dynamosql
