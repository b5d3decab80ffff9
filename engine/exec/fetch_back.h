// Reading through an index that does not project every attribute a statement needs. The index read (a
// Query, or a Scan of a forced index) returns only the table's key of each item it finds; this source
// fetches those items from the table with BatchGetItem, a batch of keys at a time, and hands their rows
// out in the index's order (BatchGetItem answers in any order: each batch is put back in order), so a
// Query's sort order survives. An item the index lists but the table no longer holds (a GSI lags the
// table) is dropped. It holds the keys of one index page and the items of one batch, never more.
//
// When the index read is a Scan (a forced index), a scan checkpoint can save and continue its place:
// positions() is the index Scan's position after the last index page whose keys are all fetched and
// handed out, never past a key it holds unfetched, so a resumed run reads again only keys after a
// position whose every item was handed out before it. A batch then never spans two index pages: each
// next() hands out items of one page, and positions() moves on with the next() that ends a page, so
// the rows handed out when it moves are exactly those below it.
#pragma once

#include <deque>

#include "exec/sources.h"

namespace dynamosql {

class IndexFetchSource : public Operator, public ResumableScan {
 public:
  // `index_read` hands out rows of the table's key attributes `key_attributes` (in that order). `fetch`
  // reads the table; its projection includes the key attributes. Batches hold `batch_keys` keys (1 to
  // 100). `index_label` names the index for EXPLAIN ("by_kind (KEYS_ONLY)"), `choice` says why the
  // planner fetches back ("index and fetch ~2.5 RCU < Scan ~610.0 RCU").
  IndexFetchSource(OperatorPtr index_read, std::vector<std::string> key_attributes, DynamoRead fetch, ItemShape shape,
                   size_t batch_keys, std::string index_label, std::string choice);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override;
  std::string describe(bool analyze) const override;
  std::vector<const Operator*> children() const override { return {index_read_.get()}; }
  SourceStats stats;

  // Scan checkpoints (see above); only when the index read is a ScanSource.
  const Operator& reader() const override { return *this; }
  std::vector<SegmentPosition> positions() const override;
  void resume(std::vector<SegmentPosition> positions) override { index_scan_->resume(std::move(positions)); }
  void limit_pages(int64_t items) override { index_scan_->limit_pages(items); }

 private:
  // The index Scan's positions once the keys before `keys_end` (counted from the first key read) are
  // handed out.
  struct PageMark {
    size_t keys_end;
    std::vector<SegmentPosition> positions;
  };
  // After an index page: its mark. After a batch: drops the marks the handed-out keys have passed.
  void mark_index_page();
  void settle_marks();

  // Reads the index until a batch of keys waits or it ends; false when no key waits.
  bool fill_keys();
  // Where the next batch ends: batch_keys_ keys on, at the end of its index page (a Scan's), or before
  // a key it already holds (BatchGetItem refuses a repeated key; an item moved along a GSI while it was
  // read can be listed twice).
  size_t batch_end() const;
  // The items of keys_[from, to) in that order; keys whose item is gone have none.
  std::vector<std::optional<Item>> in_key_order(std::vector<Item> items, size_t from, size_t to) const;

  OperatorPtr index_read_;
  std::vector<std::string> key_attributes_;
  DynamoRead fetch_;
  ItemLayout layout_;
  size_t batch_keys_;
  std::string index_label_;
  std::string choice_;
  ScanSource* index_scan_;  // index_read_ when it is a Scan, else null
  ExecContext* ctx_ = nullptr;
  std::vector<Item> keys_;  // read from the index; keys_[next_] on are not fetched yet
  size_t next_ = 0;
  size_t keys_dropped_ = 0;  // keys fetched and erased from the front of keys_
  bool index_done_ = false;
  std::deque<PageMark> marks_;  // front: the newest mark every key before which is handed out
};

}  // namespace dynamosql
