// The pull-based executor: every operator hands out batches of rows through next(). Sources page
// through DynamoDB and hand rows up as pages arrive, so memory stays bounded; only Sort, Aggregate,
// Distinct and the build side of a join hold rows. A statement is cancelled between pages through
// ExecContext::cancelled.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "dynamo/dynamo_client.h"
#include "exec/read_pacer.h"
#include "dynamosql/progress.h"
#include "dynamosql/sql_type.h"
#include "dynamosql/value.h"

namespace dynamosql {

inline constexpr size_t kBatchSize = 1024;

struct OutputColumn {
  std::string name;
  std::string base_table;  // the base table a plain column comes from; empty when computed or virtual
  SqlType type = SqlType::Varchar;
  bool hidden = false;  // carried for ORDER BY, not returned
};

// What a statement did against DynamoDB, for EXPLAIN ANALYZE and progress.
struct SourceStats {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> pages{0};
  std::atomic<uint64_t> items_scanned{0};
  std::atomic<uint64_t> items_returned{0};
  std::atomic<uint64_t> capacity_milli{0};  // consumed capacity x 1000
  void add_page(const Page& page) {
    requests++;
    pages++;
    items_scanned += static_cast<uint64_t>(page.scanned_count ? page.scanned_count : page.count);
    items_returned += page.size();
    capacity_milli += static_cast<uint64_t>(page.consumed_capacity * 1000 + 0.5);
  }
};

class ResumableScan;

struct ExecContext {
  DynamoClient* client = nullptr;
  std::atomic<bool>* cancelled = nullptr;
  ProgressSink* progress = nullptr;
  std::atomic<uint64_t> total_scanned{0};
  std::atomic<uint64_t> total_pages{0};
  ReadPacer reads;  // every DynamoDB read of the statement goes through it: read limits, budget, throttling
  // Run once the statement has completed successfully (a stream checkpoint is saved then, never for
  // a statement that failed part-way).
  std::vector<std::function<void()>> on_success;
  // The Scans of the statement's first FROM table (one per UNION ALL term that scans it; see
  // PlannerSettings::segment): what a scan checkpoint positions.
  std::vector<ResumableScan*> first_table_scans;
  // The rows that sorting, grouping, DISTINCT, window functions, the build side of joins, decorrelated
  // subqueries' tables and materialized WITH queries hold, in estimated bytes, against the statement's
  // budget (SET work_memory_mb; 0: none). hold() counts a row and fails the statement with 53200,
  // naming the setting, once the budget is passed; it returns the bytes counted, which release() gives
  // back once rows held only for a while (one window partition's arguments) are freed.
  uint64_t work_memory_budget = 0;
  std::atomic<uint64_t> work_memory_used{0};
  uint64_t hold(const Row& row) { return hold_bytes(row_bytes(row)); }
  uint64_t hold_bytes(uint64_t bytes);
  void release(uint64_t bytes) { work_memory_used -= bytes; }
  // The bytes hold() counts for `row`, and whether holding `bytes` more stays within the budget.
  static uint64_t row_bytes(const Row& row);
  bool fits(uint64_t bytes) const;
  // A Sort past the budget writes sorted runs, a GROUP BY, DISTINCT or UNION partitions, to temporary
  // files in `temp_directory` (empty: $TMPDIR, else /tmp) when `spill_to_disk`; the bytes its files
  // hold at once count against `temp_file_limit` (0: none): use_temp_space() fails the statement with
  // 53400 past it.
  bool spill_to_disk = true;
  // Whether an operator that spills (Sort, GROUP BY, DISTINCT), holding `held` bytes, goes to disk
  // rather than hold `more`: when spilling is on, holding them would leave less than `headroom` of the
  // budget free (for operators that hold rows after it: a GROUP BY's next partition under a Sort, a
  // join's right side opened later), and it holds a fair share (an eighth) of the budget. One squeezed
  // by rows held elsewhere fails with 53200 rather than spill a few rows at a time.
  bool should_spill(uint64_t held, uint64_t more, uint64_t headroom) const {
    return spill_to_disk && !fits(more + headroom) && held >= work_memory_budget / 8;
  }
  std::string temp_directory;
  uint64_t temp_file_limit = 0;
  std::atomic<uint64_t> temp_file_used{0};
  void use_temp_space(uint64_t bytes);
  void free_temp_space(uint64_t bytes) { temp_file_used -= bytes; }
  // How many times a WITH RECURSIVE query's recursive term may run (SET max_recursion; 0: no limit).
  uint64_t max_recursion = 0;
  void check_cancelled() const;
  void report_page(const Page& page);
  // Warnings for the client (a value of an inferred DATE column that is not a date, read as NULL):
  // the first with each key is kept until taken; later ones with the same key are dropped.
  void warn_once(const std::string& key, std::string message);
  std::vector<std::string> take_warnings();

 private:
  std::mutex warnings_mutex_;
  std::set<std::string> warned_;
  std::vector<std::string> warnings_;
};

// The statement whose rows this thread is computing (Cursor::fetch sets it for the time of a fetch),
// so the evaluator can warn through it; null elsewhere, where such warnings are dropped.
ExecContext* current_context();
class CurrentContextScope {
 public:
  explicit CurrentContextScope(ExecContext* ctx);
  ~CurrentContextScope();
  CurrentContextScope(const CurrentContextScope&) = delete;
  CurrentContextScope& operator=(const CurrentContextScope&) = delete;

 private:
  ExecContext* previous_;
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void open(ExecContext& ctx) = 0;
  // Appends up to about kBatchSize rows; returns false (with nothing appended) at the end.
  virtual bool next(RowBatch& batch) = 0;
  virtual void close() {}
  // EXPLAIN: one line for this operator (children are printed by explain_tree).
  virtual std::string describe(bool analyze) const = 0;
  virtual std::vector<const Operator*> children() const { return {}; }
  // The child whose rows this operator hands on as they arrive, holding none back between next()
  // calls and ending only when it ends (Filter, Project, the left side of a join); null otherwise.
  // Through such operators, every row of what a source has handed out has reached the consumer.
  virtual const Operator* streamed_child() const { return nullptr; }
  // Whether every open() hands out the same rows (a materialized WITH query, a recursive term's held
  // table), so a parent opened again (each iteration of a recursive term) may keep what it built of them.
  virtual bool same_rows_on_every_open() const { return false; }

  std::vector<OutputColumn> columns;
  std::atomic<uint64_t> rows_out{0};
};

using OperatorPtr = std::unique_ptr<Operator>;

// Indented lines of the operator tree.
std::vector<std::string> explain_tree(const Operator& root, bool analyze);
// Opens `root`, reads every row, holding each (ExecContext::hold), and closes it (an uncorrelated
// subquery, run once while planning; a materialized WITH query).
std::vector<Row> run_to_end(Operator& root, ExecContext& ctx);
// Opens `root`, reads until its first row and closes it (an uncorrelated EXISTS).
bool has_rows(Operator& root, ExecContext& ctx);

}  // namespace dynamosql
