// FoundItems: see found_items.h.
#include "api/found_items.h"

#include <algorithm>

#include "api/write_support.h"
#include "exec/evaluator.h"
#include "plan/plan_write.h"

namespace dynamosql {
namespace {

using write_support::kChunk;

// The index `op`'s plan reads (a Query or Scan of a GSI or LSI); null when it reads the table.
const IndexDescription* index_read(const Operator& op, const TableDescription& table) {
  const DynamoRead* read = nullptr;
  if (auto* q = dynamic_cast<const QuerySource*>(&op)) read = &q->read();
  if (auto* s = dynamic_cast<const ScanSource*>(&op)) read = &s->read();
  if (read && !read->index.empty()) return table.find_index(read->index);
  for (const Operator* child : op.children())
    if (const IndexDescription* index = child ? index_read(*child, table) : nullptr) return index;
  return nullptr;
}

// True when a target sets or removes a key attribute of `index`, which moves the item along it.
bool moves_along(const IndexDescription& index, const std::vector<BoundExprPtr>& targets) {
  return std::any_of(targets.begin(), targets.end(), [&](const BoundExprPtr& t) {
    return t->attribute == index.keys.partition_key || t->attribute == index.keys.sort_key;
  });
}

}  // namespace

FoundItems::FoundItems(SessionInternals session, Planner& planner, const BoundModification& m,
                       const TableDescription& table, const ItemShape& shape)
    : table_(table), where_(m.where.get()), shape_(shape) {
  std::unique_ptr<BoundQuery> items = items_to_modify(m, m.where.get());
  auto ctx = session.new_context();
  OperatorPtr root = planner.plan_query(*items);
  const IndexDescription* index = index_read(*root, table);
  by_key_ = index && moves_along(*index, m.targets);
  std::vector<ColumnInfo> cols;
  for (const auto& c : root->columns) cols.push_back({c.name, c.type, c.base_table}), names_.push_back(c.name);
  cursor_ = std::make_unique<Cursor>(cols, std::move(root), std::move(ctx));
  if (!by_key_) return;
  std::vector<Item> chunk;
  while (next_found(chunk))
    for (const auto& item : chunk) keys_.push_back(table.keys.key_of(item));
  cursor_.reset();
  std::sort(keys_.begin(), keys_.end());  // an item moved by another writer may be found twice
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  context_ = session.new_context();
}

bool FoundItems::next(std::vector<Item>& chunk) { return by_key_ ? next_by_key(chunk) : next_found(chunk); }

bool FoundItems::next_found(std::vector<Item>& chunk) {
  chunk.clear();
  while (chunk.size() < kChunk) {
    if (taken_ == batch_.size()) {  // a batch is a page of DynamoDB's answer: may hold thousands
      batch_.clear();
      taken_ = 0;
      if (ended_) break;
      ended_ = !cursor_->fetch(batch_);
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
      Item item = write_support::item_from_row(row, {"_other"});
      if (!where_ || evaluate_predicate(*where_, shape_.to_row(Item(item)))) chunk.push_back(std::move(item));
    }
  }
  return !chunk.empty();
}

}  // namespace dynamosql
