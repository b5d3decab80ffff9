// Index fetch-back: keys from an index, items from the table; see fetch_back.h.
#include "exec/fetch_back.h"

#include <algorithm>

namespace dynamosql {

IndexFetchSource::IndexFetchSource(OperatorPtr index_read, std::vector<std::string> key_attributes, DynamoRead fetch,
                                   ItemShape shape, size_t batch_keys, std::string index_label, std::string choice)
    : index_read_(std::move(index_read)),
      key_attributes_(std::move(key_attributes)),
      fetch_(std::move(fetch)),
      layout_(shape.layout()),
      batch_keys_(std::clamp<size_t>(batch_keys, 1, 100)),
      index_label_(std::move(index_label)),
      choice_(std::move(choice)),
      index_scan_(dynamic_cast<ScanSource*>(index_read_.get())) {}

void IndexFetchSource::open(ExecContext& ctx) {
  ctx_ = &ctx;
  keys_.clear();
  next_ = 0;
  keys_dropped_ = 0;
  index_done_ = false;
  marks_.clear();
  index_read_->open(ctx);
  mark_index_page();
}

void IndexFetchSource::close() { index_read_->close(); }

bool IndexFetchSource::next(RowBatch& batch) {
  while (fill_keys()) {
    ctx_->check_cancelled();
    std::vector<Item> items;
    size_t from = next_;
    next_ = batch_get(*ctx_, fetch_, keys_, from, batch_end(), stats, items);
    settle_marks();
    stats.items_returned += items.size();
    size_t before = batch.size();
    for (auto& item : in_key_order(std::move(items), from, next_))
      if (item) batch.push_back(layout_.row_of(std::move(*item)));
    rows_out += batch.size() - before;
    if (batch.size() > before) return true;
  }
  return false;
}

bool IndexFetchSource::fill_keys() {
  while (!index_done_ && keys_.size() - next_ < batch_keys_) {
    keys_.erase(keys_.begin(), keys_.begin() + static_cast<long>(next_));
    keys_dropped_ += next_;
    next_ = 0;
    RowBatch rows;
    index_done_ = !index_read_->next(rows);
    for (auto& row : rows) {
      Item key;
      for (size_t i = 0; i < key_attributes_.size(); ++i) key.emplace_back(key_attributes_[i], std::move(row[i]));
      normalise_item(key);
      keys_.push_back(std::move(key));
    }
    mark_index_page();
  }
  settle_marks();
  return next_ < keys_.size();
}

void IndexFetchSource::mark_index_page() {
  if (index_scan_) marks_.push_back({keys_dropped_ + keys_.size(), index_scan_->positions()});
}

void IndexFetchSource::settle_marks() {
  while (marks_.size() > 1 && marks_[1].keys_end <= keys_dropped_ + next_) marks_.pop_front();
}

std::vector<SegmentPosition> IndexFetchSource::positions() const {
  return marks_.empty() ? index_scan_->positions() : marks_.front().positions;
}

size_t IndexFetchSource::batch_end() const {
  size_t end = std::min(keys_.size(), next_ + batch_keys_);
  for (const auto& mark : marks_)  // ends with its index page (see fetch_back.h)
    if (mark.keys_end > keys_dropped_ + next_) {
      end = std::min(end, mark.keys_end - keys_dropped_);
      break;
    }
  for (size_t i = next_ + 1; i < end; ++i)
    if (std::find(keys_.begin() + static_cast<long>(next_), keys_.begin() + static_cast<long>(i), keys_[i]) !=
        keys_.begin() + static_cast<long>(i))
      return i;
  return end;
}

std::vector<std::optional<Item>> IndexFetchSource::in_key_order(std::vector<Item> items, size_t from, size_t to) const {
  std::vector<std::optional<Item>> out(to - from);
  for (auto& item : items) {
    Item key;
    for (const auto& name : key_attributes_)
      if (const Value* v = find_attribute(item, name)) key.emplace_back(name, *v);
    normalise_item(key);
    auto at = std::find(keys_.begin() + static_cast<long>(from), keys_.begin() + static_cast<long>(to), key);
    if (at != keys_.begin() + static_cast<long>(to)) out[static_cast<size_t>(at - keys_.begin()) - from] = std::move(item);
  }
  return out;
}

std::string IndexFetchSource::describe(bool analyze) const {
  std::string out = "BatchGetItem " + read_details(fetch_) + " fetching back from index " + index_label_ + ", " +
                    std::to_string(batch_keys_) + " keys a batch";
  if (fetch_.estimate) out += " (" + fetch_.estimate->text() + (choice_.empty() ? "" : "; " + choice_) + ")";
  return analyze ? out + stats_text(stats) : out;
}

}  // namespace dynamosql
