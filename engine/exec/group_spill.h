// The disk side of grouping past work_memory_mb (GROUP BY, DISTINCT, UNION), as PostgreSQL 13 and
// DuckDB do it. A pass reads its input (the child's rows; later one partition) into a table of groups
// held in memory. Once a new group would pass the budget, the groups held keep taking their rows in
// memory while the rows of every other group are written, with their group key, to one of kPartitions
// partition files chosen by a hash of the key, seeded by the pass's level. After the pass the groups
// held are handed out and freed; then each partition is a pass of its own: every row of a group went
// to the same partition, so its groups are complete there, and a partition that alone passes the
// budget splits again by the next level's seed. The operator owns the table; GroupSpill decides what
// it may hold and keeps the partitions, in files that live only while the statement does
// (exec/spill_file.h). INTERSECT and EXCEPT spill two sides: a partition has a file for the rows of the
// right input (side 0, read first) and one for the left input's (side 1) of the same keys.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "exec/spill_file.h"

namespace dynamosql {

class GroupSpill {
 public:
  static constexpr size_t kPartitions = 16;
  static constexpr size_t kMaxLevel = 8;  // each pass holds an eighth of the budget and splits the rest 16 ways

  // `owner` names the files' user in errors. When the table stops taking new groups, `headroom` of
  // the budget is left free: for the rest of the statement (a join's right side opened later, a Sort
  // above) a quarter, and for the groups held to grow (an aggregate's DISTINCT values or ORDER BY
  // inputs) a half.
  enum class Headroom { Quarter, Half };
  GroupSpill(ExecContext& ctx, const char* owner, Headroom headroom = Headroom::Quarter, size_t sides = 1);
  ~GroupSpill();
  GroupSpill(const GroupSpill&) = delete;
  GroupSpill& operator=(const GroupSpill&) = delete;

  // Whether a new group of `bytes` joins the table, which holds `table_bytes`: false, for it and every
  // later new group of the pass, once ExecContext::should_spill (otherwise the caller's hold() may fail
  // with 53200, as without spilling).
  bool takes_new_group(uint64_t bytes, uint64_t table_bytes);
  // Whether the current pass has stopped taking new groups (a row of a group not held goes to disk).
  bool spilling() const { return spilling_; }
  // Writes a row of a group the table does not hold to its partition (its file of `side`). Throws
  // 53100, 53400 or 57014.
  void spill(const Row& key, const Row& row, size_t side = 0);
  // The group of `key` in `table` (a map from key rows, holding `held` bytes): found, or added by
  // `new_group()` (second: true) when the table takes it, its key held (ExecContext::hold) and counted in
  // `held`; otherwise `row` is spilled (to `side`) and the table's end() returned.
  template <class Table, class NewGroup>
  std::pair<typename Table::iterator, bool> group_of(Table& table, uint64_t& held, Row key, const Row& row, NewGroup new_group,
                                                     size_t side = 0) {
    auto it = table.find(key);
    if (it != table.end()) return {it, false};
    const uint64_t bytes = ExecContext::row_bytes(key);
    if (!takes_new_group(bytes, held)) {
      spill(key, row, side);
      return {table.end(), false};
    }
    held += ctx_.hold_bytes(bytes);
    return {table.emplace(std::move(key), new_group()).first, true};
  }
  // Ends the pass (its partitions wait their turn, the last written first) and starts the next one
  // over a waiting partition; false when none waits.
  bool next_pass();
  // The next block of `side` of the current pass's partition into `entries` (cleared first); false at
  // its end.
  bool read(std::vector<SortEntry>& entries, size_t side = 0);
  // Closes every file and goes back to the first pass.
  void clear();

  // For EXPLAIN ANALYZE: "" when nothing was spilled, else " (spilled 16 partitions, 1234 KB written)".
  std::string explain() const;

 private:
  struct Partition {
    std::vector<std::unique_ptr<SpillFile>> sides;
    size_t level = 0;  // of the pass that reads it
  };
  size_t partition_of(const Row& key) const;

  ExecContext& ctx_;
  const char* owner_;
  uint64_t headroom_;
  size_t sides_;
  size_t level_ = 0;         // of the current pass: 0 reads the input
  bool spilling_ = false;    // whether the current pass has stopped taking new groups
  std::vector<Partition> writing_;  // the current pass's partitions (empty until it spills)
  std::vector<Partition> waiting_;  // partitions of earlier passes, the next one at the back
  Partition reading_;               // the current pass's input, past the first pass
  std::vector<size_t> next_block_;  // per side
  uint64_t partitions_written_ = 0;
  uint64_t bytes_written_ = 0;
};

}  // namespace dynamosql
