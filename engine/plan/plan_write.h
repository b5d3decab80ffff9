// The write planner: what an INSERT or UPSERT reads and the condition of its puts (exec/insert_sink.h
// writes them); what an UPDATE or DELETE reads to find the items it changes, and how each found item
// is written (exec/modify_sink.h runs the writes).
//
// Each write carries WHERE again as its ConditionExpression (or, for parts DynamoDB cannot evaluate
// exactly, a guard that the attributes they read are unchanged), so an item changed between the read
// and the write is not wrongly written; an UPDATE's values are computed and checked per item
// (plan/item_update.h). With the whole key pinned by WHERE there is one conditional write and no read.
#pragma once

#include <memory>
#include <set>

#include "bind/bound_statement.h"
#include "exec/modify_sink.h"
#include "plan/planner.h"

namespace dynamosql {

// An INSERT or UPSERT: the operators of its source's rows (VALUES rows, VALUE documents or a query), and
// the condition of each INSERT put: attribute_not_exists of the key (none for UPSERT).
struct InsertPlan {
  OperatorPtr source;
  std::string condition;
  ExpressionAttributes condition_attributes;
};
InsertPlan plan_insert(const BoundInsert& insert, Planner& planner);

// SELECT * FROM the modified table WHERE its condition, with whole items (`_other` included) as rows.
// `where` is the modification's condition with its parameters already replaced.
std::unique_ptr<BoundQuery> items_to_modify(const BoundModification& modification, const BoundExpr* where);

class ModificationPlan : public ModificationWrites {
 public:
  // `m` with its parameters replaced (by `planner`, which also plans the reads) and its expressions
  // placed on the rows of its table's items; `new_context` makes the contexts the reads run in.
  ModificationPlan(std::unique_ptr<BoundModification> m, bool is_update, bool in_transaction, Planner& planner,
                   FoundItems::NewContext new_context);

  const TableDescription& table() const { return schema_->description; }
  const BoundModification& bound() const { return *bound_; }
  // WHERE pins the key of an item that segment 0 reads (as planned reads of one key are): the other
  // segments change nothing.
  bool outside_segment() const;

  bool is_update() const override { return is_update_; }
  std::optional<ItemWrite> pinned_write() const override;
  ItemWrite prepare(const Item& found) const override;
  bool check_first() const override;
  bool deletes_by_key() const override;
  bool is_as_written(const ItemWrite& write, const std::optional<Item>& now) const override;
  std::unique_ptr<FoundItems> find() const override;

 private:
  std::shared_ptr<const TableSchema> schema_;
  std::unique_ptr<BoundModification> bound_;
  bool is_update_;
  bool in_transaction_;
  Planner& planner_;
  FoundItems::NewContext new_context_;
  std::vector<BoundExprPtr> conjuncts_;  // of WHERE
  ItemShape shape_;                      // item -> row for the engine's evaluation
  std::optional<Item> pinned_key_;       // WHERE's equalities on the whole key, outside a transaction
  std::set<size_t> pinned_conjuncts_;    // those equalities
};

}  // namespace dynamosql
