// Sorted runs in temporary files and their merge; see external_sort.h.
#include "exec/external_sort.h"

#include <algorithm>


namespace dynamosql {

// One sorted run: a file of entries (each its key row, then its row) and its merge level.
class SortedRun : public SpillFile {
 public:
  SortedRun(ExecContext& ctx, size_t level)
      : SpillFile(ctx, "sort", SpillFile::block_bytes_for(ctx, SortRuns::kMergeWidth)), level_(level) {}
  void add(const SortEntry& entry) { SpillFile::add(entry.key, entry.row); }
  size_t level() const { return level_; }

 private:
  size_t level_;  // 0: written from memory; n + 1: merged from kMergeWidth runs of level n
};

namespace {

// One input of a merge: a run read a block at a time, or (run null) entries held in memory.
struct MergeInput {
  const SortedRun* run = nullptr;
  std::vector<SortEntry> entries;
  size_t position = 0;
  size_t next_block = 0;

  // Whether an entry is at `position`, reading the run's next block once the last is used up.
  bool ready() {
    while (position == entries.size()) {
      if (!run || next_block == run->blocks()) return false;
      entries.clear();
      position = 0;
      run->read_block(next_block++, entries);
    }
    return true;
  }
  const Row& key() const { return entries[position].key; }
};

}  // namespace

// A heap over the inputs, the one whose entry comes first on top; among equal keys the earlier
// input, so ties keep their input order.
class RunMerger {
  // The heap's order: whether input `a`'s entry comes after input `b`'s.
  auto later() const {
    return [this](size_t a, size_t b) {
      const int c = order_(inputs_[a].key(), inputs_[b].key());
      return c != 0 ? c > 0 : a > b;
    };
  }

 public:
  RunMerger(std::vector<MergeInput> inputs, const KeyOrder& order) : inputs_(std::move(inputs)), order_(order) {
    for (size_t i = 0; i < inputs_.size(); ++i)
      if (inputs_[i].ready()) heap_.push_back(i);
    std::make_heap(heap_.begin(), heap_.end(), later());
  }

  // The next entry in order into `out`; false once all are out.
  bool pop(SortEntry& out) {
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), later());
    MergeInput& input = inputs_[heap_.back()];
    out = std::move(input.entries[input.position++]);
    if (input.ready()) std::push_heap(heap_.begin(), heap_.end(), later());
    else heap_.pop_back();
    return true;
  }

 private:
  std::vector<MergeInput> inputs_;
  const KeyOrder& order_;
  std::vector<size_t> heap_;  // indexes into inputs_
};

SortRuns::SortRuns(ExecContext& ctx, KeyOrder order) : ctx_(ctx), order_(std::move(order)) {}
SortRuns::~SortRuns() = default;

void SortRuns::write_run(std::vector<SortEntry>& entries) {
  auto run = std::make_unique<SortedRun>(ctx_, 0);
  for (const SortEntry& entry : entries) run->add(entry);
  run->finish();
  bytes_written_ += run->bytes();
  runs_written_++;
  runs_.push_back(std::move(run));
  // As a counter in base kMergeWidth carries: kMergeWidth runs of one level become one of the next.
  // Levels never rise along runs_, so the last kMergeWidth runs are of one level when the first is.
  while (runs_.size() >= kMergeWidth && runs_[runs_.size() - kMergeWidth]->level() == runs_.back()->level())
    merge_last(kMergeWidth);
}

// Replaces the last `count` runs by one run of their entries, merged.
void SortRuns::merge_last(size_t count) {
  const size_t first = runs_.size() - count;
  std::vector<MergeInput> inputs(count);
  for (size_t i = 0; i < count; ++i) inputs[i].run = runs_[first + i].get();
  auto merged = std::make_unique<SortedRun>(ctx_, runs_[first]->level() + 1);
  RunMerger merger(std::move(inputs), order_);
  for (SortEntry entry; merger.pop(entry);) merged->add(entry);
  merged->finish();
  bytes_written_ += merged->bytes();
  runs_.resize(first);
  runs_.push_back(std::move(merged));
}

void SortRuns::start_merge(std::vector<SortEntry> rest) {
  while (runs_.size() >= kMergeWidth) merge_last(kMergeWidth);
  std::vector<MergeInput> inputs(runs_.size() + 1);
  for (size_t i = 0; i < runs_.size(); ++i) inputs[i].run = runs_[i].get();
  inputs.back().entries = std::move(rest);
  merger_ = std::make_unique<RunMerger>(std::move(inputs), order_);
}

bool SortRuns::next(RowBatch& batch) {
  size_t added = 0;
  for (SortEntry entry; added < kBatchSize && merger_->pop(entry); ++added) batch.push_back(std::move(entry.row));
  return added > 0;
}

}  // namespace dynamosql
