// FoundItems: see found_items.h.
#include "exec/found_items.h"

#include <algorithm>

#include "dynamosql/catalog.h"

#include "exec/evaluator.h"
#include "exec/write_support.h"

namespace dynamosql {

using write_support::kChunk;

FoundItems::FoundItems(OperatorPtr read, const NewContext& new_context, bool by_key, const TableDescription& table,
                       const BoundExpr* where, const ItemShape& shape)
    : table_(table), where_(where), shape_(shape), context_(new_context()), read_(std::move(read)), by_key_(by_key) {
  for (const auto& c : read_->columns) names_.push_back(c.name);
  try {  // the destructor does not run when a constructor throws: close what an open left half-open
    read_->open(*context_);
    if (!by_key_) return;
    std::vector<Item> chunk;
    while (next_found(chunk))
      for (const auto& item : chunk) keys_.push_back(table.keys.key_of(item));
  } catch (...) {
    close_read();
    throw;
  }
  std::sort(keys_.begin(), keys_.end());  // an item moved by another writer may be found twice
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  context_ = new_context();
}

FoundItems::~FoundItems() { close_read(); }

void FoundItems::close_read() {
  if (read_) read_->close();
  read_.reset();
  ended_ = true;
}

bool FoundItems::next(std::vector<Item>& chunk) { return by_key_ ? next_by_key(chunk) : next_found(chunk); }

bool FoundItems::next_found(std::vector<Item>& chunk) {
  chunk.clear();
  while (chunk.size() < kChunk) {
    if (taken_ == batch_.size()) {  // a batch is a page of DynamoDB's answer: may hold thousands
      batch_.clear();
      taken_ = 0;
      if (ended_) break;
      try {
        if (!read_->next(batch_)) close_read();
      } catch (...) {
        close_read();
        throw;
      }
      continue;
    }
    chunk.push_back(write_support::item_from_row(batch_[taken_++], names_));
  }
  return !chunk.empty();
}

// The next kChunk keys' items as they are now, those WHERE holds for (an item changed or deleted
// since its key was found may no longer qualify).
bool FoundItems::next_by_key(std::vector<Item>& chunk) {
  chunk.clear();
  while (chunk.empty() && next_key_ < keys_.size()) {
    size_t end = std::min(keys_.size(), next_key_ + kChunk);
    DynamoRead read;
    read.table = table_.name;
    read.consistent_read = true;
    ItemShape whole;  // every attribute in `_other`
    whole.with_other = true;
    KeyLookupSource lookup(read, std::vector<Item>(keys_.begin() + next_key_, keys_.begin() + end), whole);
    next_key_ = end;
    lookup.open(*context_);
    RowBatch rows;
    while (lookup.next(rows)) {
    }
    for (const auto& row : rows) {
      Item item = write_support::item_from_row(row, {kOtherColumn});
      if (!where_ || evaluate_predicate(*where_, shape_.to_row(Item(item)))) chunk.push_back(std::move(item));
    }
  }
  return !chunk.empty();
}

}  // namespace dynamosql
