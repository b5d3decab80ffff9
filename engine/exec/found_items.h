// The items an UPDATE or DELETE finds: the rows of the read its planner made of WHERE
// (plan/plan_write.cpp), handed out a chunk at a time so memory stays bounded.
//
// An UPDATE found through an index (GSI or LSI) whose key it changes would move each item it writes
// further along that index, and the Query still paging would find it again and update it twice. Such
// an UPDATE collects the primary keys first (keys only, about 50 bytes an item), then reads the items
// by key (consistent BatchGetItem) and hands out those WHERE still holds for, so each item is written
// once.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "bind/bound_expr.h"
#include "exec/operator.h"
#include "exec/sources.h"

namespace dynamosql {

class FoundItems {
 public:
  using NewContext = std::function<std::unique_ptr<ExecContext>()>;

  // `read` returns whole items as rows (`_other` included). `by_key`: collect their keys first, then
  // read them again by key and keep those `where` (placed on the rows `shape` makes) holds for.
  FoundItems(OperatorPtr read, const NewContext& new_context, bool by_key, const TableDescription& table,
             const BoundExpr* where, const ItemShape& shape);
  ~FoundItems();
  FoundItems(const FoundItems&) = delete;
  FoundItems& operator=(const FoundItems&) = delete;

  // Replaces `chunk` with the next items (at most kChunk); false when none are left.
  bool next(std::vector<Item>& chunk);

 private:
  bool next_found(std::vector<Item>& chunk);
  bool next_by_key(std::vector<Item>& chunk);
  void close_read();

  const TableDescription& table_;
  const BoundExpr* where_;
  const ItemShape& shape_;
  // Declared before read_ so that it is destroyed after it: an operator may touch its context (memory
  // held, temporary files) while it is destroyed, also when the constructor throws.
  std::unique_ptr<ExecContext> context_;  // the read's, then the by-key reads'
  OperatorPtr read_;
  std::vector<std::string> names_;
  RowBatch batch_;
  size_t taken_ = 0;  // rows of batch_ already in a chunk
  bool ended_ = false;
  bool by_key_ = false;
  std::vector<Item> keys_;  // by key: every key found, sorted, each once
  size_t next_key_ = 0;
};

}  // namespace dynamosql
