// Source operators: where rows come from. Each DynamoDB source turns items into rows with an
// ItemShape (which attributes go to which column), pages through its calls, and records what it did
// in SourceStats for EXPLAIN ANALYZE.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "exec/operator.h"
#include "exec/read_estimate.h"

namespace dynamosql {

// Maps an item to a row: one column per attribute name, plus optionally `_other`, a map of the
// attributes not named by any column (for SELECT *).
struct ItemShape {
  std::vector<std::string> attributes;
  bool with_other = false;
  std::set<std::string> known;  // the inferred columns: attributes `_other` leaves out
  // The placement a read builds once and uses for every item.
  ItemLayout layout() const { return ItemLayout(attributes, with_other, known); }
  // One item's row (for one-off items; a read uses its layout).
  Row to_row(Item&& item) const { return layout().row_of(std::move(item)); }
};

// What every DynamoDB read shares: table, index, expressions, stats.
struct DynamoRead {
  std::string table;
  std::string index;
  std::string key_condition;  // Query only
  std::string filter;
  std::string projection;
  ExpressionAttributes attributes;
  bool consistent_read = false;
  int64_t page_limit = 0;  // DynamoDB Limit (only when no filter); 0: none
  std::optional<ReadEstimate> estimate;  // what the planner predicts it costs (EXPLAIN)
};

// For EXPLAIN: a read's table or index and expressions, names and values shown in place of their
// placeholders ("events.by_kind key=[kind = 'view'] projection=[device, ts]").
std::string read_details(const DynamoRead& read);
// For EXPLAIN ANALYZE: what a source did (" (requests=2 pages=2 scanned=150 returned=150 capacity=3.5)").
std::string stats_text(const SourceStats& stats);

// One segment's place in a Scan: the key to continue after (none: from the start) and whether it is
// read to its end. `total` is DynamoDB's TotalSegments (0: a plain Scan, not a parallel one).
struct SegmentPosition {
  int segment = 0;
  int total = 0;
  std::optional<Item> start_key;
  bool done = false;
  bool operator==(const SegmentPosition& o) const {
    return segment == o.segment && total == o.total && start_key == o.start_key && done == o.done;
  }
};

// SET scan_segment / scan_total_segments: a statement reads only segment `index` of `total` of its
// first table's parallel scan (total 0: no restriction). See the planner for which table that is.
struct SegmentRestriction {
  int index = 0;
  int total = 0;
  bool active() const { return total > 0; }
  std::string text() const { return "segment " + std::to_string(index) + " of " + std::to_string(total); }
};

// The segments of a Scan: a whole table in `parallel` concurrent segments, or, for a statement
// restricted to part of the table (SET scan_segment / scan_total_segments), only segment `index` of
// `total`, read by one worker.
std::vector<SegmentPosition> scan_segments(int parallel, SegmentRestriction restriction = {});

// A read of a statement's first table whose place a scan checkpoint saves and continues from
// (checkpoint/scan_progress.h): a Scan of the table, or the Scan of a forced index followed by its
// fetch-back (exec/fetch_back.h).
class ResumableScan {
 public:
  virtual ~ResumableScan() = default;
  // The operator whose next() hands out the read's rows.
  virtual const Operator& reader() const = 0;
  // Every segment's position below which every row is handed out by reader() (call between next()
  // calls); it moves on only with a next() after which every row handed out lies below it.
  virtual std::vector<SegmentPosition> positions() const = 0;
  // Continues from saved positions instead (before open()).
  virtual void resume(std::vector<SegmentPosition> positions) = 0;
  // Pages of at most `items` items (DynamoDB's Limit), so positions advance in small steps.
  virtual void limit_pages(int64_t items) = 0;
};

// Scan of some segments, run concurrently. Pages flow through a bounded queue, so memory stays bounded
// however large the table. positions() says how far the rows handed out by next() reach in each
// segment; a Scan given such positions before open() continues after them (scan checkpoints).
class ScanSource : public Operator, public ResumableScan {
 public:
  ScanSource(DynamoRead read, ItemShape shape, std::vector<SegmentPosition> segments);
  ~ScanSource() override;
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;

  const DynamoRead& read() const { return read_; }
  const Operator& reader() const override { return *this; }
  // Every segment's position after the pages next() has handed out.
  std::vector<SegmentPosition> positions() const override;
  void resume(std::vector<SegmentPosition> positions) override { start_ = positions_ = std::move(positions); }
  void limit_pages(int64_t items) override {
    if (read_.page_limit == 0 || read_.page_limit > items) read_.page_limit = items;
  }
  // One segment of a parallel scan, not the whole table.
  bool restricted() const { return positions_.size() == 1 && positions_[0].total > 0; }
  SourceStats stats;

 private:
  struct ScanPage {
    size_t slot;  // index into positions_
    RowBatch rows;
    std::optional<Item> last_key;
  };
  void run_segment(size_t slot, ScanRequest request);

  DynamoRead read_;
  ItemLayout layout_;
  std::vector<SegmentPosition> start_, positions_;
  ExecContext* ctx_ = nullptr;
  size_t queue_limit_ = 2;
  std::vector<std::thread> workers_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ScanPage> pages_;
  int running_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

// Query on the table or an index: one Query (with paging) per partition-key value.
class QuerySource : public Operator {
 public:
  // key_condition uses the placeholder ":pk" for the partition key value, filled per value; `forward`
  // false reads each partition in descending sort-key order (ScanIndexForward=false).
  QuerySource(DynamoRead read, std::vector<Value> partition_values, bool forward, ItemShape shape);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  std::string describe(bool analyze) const override;
  const DynamoRead& read() const { return read_; }
  SourceStats stats;

 private:
  DynamoRead read_;
  std::vector<Value> partition_values_;
  bool forward_;
  ItemLayout layout_;
  ExecContext* ctx_ = nullptr;
  size_t current_ = 0;
  std::optional<Item> start_key_;
  bool started_ = false;
};

// GetItem for one key, BatchGetItem (100 keys a call, UnprocessedKeys retried with backoff) for more.
class KeyLookupSource : public Operator {
 public:
  KeyLookupSource(DynamoRead read, std::vector<Item> keys, ItemShape shape);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  std::string describe(bool analyze) const override;
  SourceStats stats;

 private:
  DynamoRead read_;
  std::vector<Item> keys_;
  ItemLayout layout_;
  ExecContext* ctx_ = nullptr;
  size_t next_key_ = 0;
};

// One BatchGetItem request for keys[from, to) (at most 100; fewer when the read limits or the budget
// allow fewer), paced and counted like every read, its UnprocessedKeys retried with backoff: appends
// the items found, in no particular order, to `items` and returns the position after the keys it sent.
size_t batch_get(ExecContext& ctx, const DynamoRead& read, const std::vector<Item>& keys, size_t from, size_t to,
                 SourceStats& stats, std::vector<Item>& items);

// Rows computed up front (SHOW TABLES, DESCRIBE, EXPLAIN, SELECT without FROM).
class RowsSource : public Operator {
 public:
  RowsSource(std::vector<OutputColumn> cols, std::vector<Row> rows, std::string label);
  void open(ExecContext&) override { position_ = 0; }
  bool next(RowBatch& batch) override;
  std::string describe(bool) const override { return label_; }

 private:
  std::vector<Row> rows_;
  std::string label_;
  size_t position_ = 0;
};

}  // namespace dynamosql
