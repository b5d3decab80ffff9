// DISTINCT's and UNION's rows seen, in memory and past work_memory_mb on disk; see distinct_rows.h.
#include "exec/distinct_rows.h"

namespace dynamosql {

DistinctRows::DistinctRows(ExecContext& ctx) : ctx_(ctx), spill_(ctx, "DISTINCT") {}

DistinctRows::~DistinctRows() { ctx_.release(held_); }

bool DistinctRows::is_new(Row key, const Row& row) {
  return spill_.group_of(seen_, held_, std::move(key), row, [] { return true; }).second;
}

bool DistinctRows::hand_on_new(RowBatch& in, RowBatch& batch, std::atomic<uint64_t>& rows_out) {
  return hand_on_kept(in, batch, rows_out, [this](const Row& row) { return is_new(as_sql_keys(row), row); });
}

bool DistinctRows::hand_on_spilled(RowBatch& batch, std::atomic<uint64_t>& rows_out) {
  std::vector<SortEntry> entries;
  for (;;) {
    while (spill_.read(entries)) {
      const size_t before = batch.size();
      for (auto& entry : entries)
        if (is_new(std::move(entry.key), entry.row)) batch.push_back(std::move(entry.row));
      rows_out += batch.size() - before;
      if (batch.size() > before) return true;
    }
    end_pass();
    if (!spill_.next_pass()) return false;
  }
}

void DistinctRows::end_pass() {
  seen_.clear();
  ctx_.release(std::exchange(held_, 0));
}

void DistinctRows::clear() {
  end_pass();
  spill_.clear();
}

}  // namespace dynamosql
