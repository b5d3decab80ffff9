// The items an UPDATE or DELETE finds: the planner's Query/Scan of its WHERE, handed out a chunk at a
// time so memory stays bounded.
//
// An UPDATE found through an index (GSI or LSI) whose key it changes would move each item it writes
// further along that index, and the Query still paging would find it again and update it twice. Such
// an UPDATE collects the primary keys first (keys only, about 50 bytes an item), then reads the items
// by key (consistent BatchGetItem) and hands out those WHERE still holds for, so each item is written
// once.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "api/session.h"
#include "bind/bound_statement.h"
#include "exec/sources.h"
#include "plan/planner.h"

namespace dynamosql {

class FoundItems {
 public:
  // `m`'s expressions are placed on the rows `shape` makes of `table`'s items.
  FoundItems(SessionInternals session, Planner& planner, const BoundModification& m, const TableDescription& table,
             const ItemShape& shape);

  // Replaces `chunk` with the next items (at most kChunk); false when none are left.
  bool next(std::vector<Item>& chunk);

 private:
  bool next_found(std::vector<Item>& chunk);
  bool next_by_key(std::vector<Item>& chunk);

  const TableDescription& table_;
  const BoundExpr* where_;
  const ItemShape& shape_;
  std::unique_ptr<ExecContext> context_;  // the by-key reads'
  std::unique_ptr<Cursor> cursor_;
  std::vector<std::string> names_;
  RowBatch batch_;
  size_t taken_ = 0;  // rows of batch_ already in a chunk
  bool ended_ = false;
  bool by_key_ = false;
  std::vector<Item> keys_;  // by key: every key found, sorted, each once
  size_t next_key_ = 0;
};

}  // namespace dynamosql
