// One item's UPDATE: the SET/REMOVE expression of its assignments and the checks that DynamoDB would
// otherwise refuse it for (plan_write.cpp prepares each found item's write with these).
//
// SET values: what DynamoDB computes exactly as SQL does on an item (n + 1 where n is a number,
// list_append on a list) goes into its UpdateExpression; everything else is computed here from the item
// as read, with SQL's NULL rules (NULL - 1 is NULL, stored as a DynamoDB NULL).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bind/bound_statement.h"
#include "plan/expression_builder.h"

namespace dynamosql {

// One item's UpdateExpression, and what it leaves in the item.
struct ItemUpdate {
  std::string expression;     // "SET ... REMOVE ..."
  std::string condition;      // " AND ..." conditions the expression relies on (the types DynamoDB needs)
  std::set<std::string> guards;  // attributes the engine's values were computed from: must be unchanged
  // Per assignment: the value the engine computed (MISSING for a REMOVE), or nullopt where DynamoDB
  // computes it from the item as it is when the write lands.
  std::vector<std::optional<Value>> values;
  // Repeating the expression would change the item again: a value DynamoDB computes (n + 1,
  // list_append(l, ...)) reads an attribute the UPDATE writes. Values the engine computes are constants
  // sent with their guards, so repeating them is harmless.
  bool reapplies = false;
};

// Plans the SET/REMOVE list for one item. `row` is the item as read: each value DynamoDB computes the
// SQL way on it goes into the expression (guarded by the types it needs); every other value is
// computed here — SQL's NULL rules, or an Error such as 22018 for a wrongly typed operand — and sent as
// a constant. A NULL result stores a DynamoDB NULL, MISSING removes the attribute. Every value is
// checked to be storable from the row, also those DynamoDB computes: a number of more than 38
// significant digits or out of range (22003), an index key value of the wrong type, empty (22018) or
// too long (54000), a nested target without its parent (22023). Without a row (nothing read) every
// value must be DynamoDB's, whose types become conditions; nullopt otherwise.
std::optional<ItemUpdate> plan_item_update(const BoundModification& m, const TableDescription& d, ExpressionBuilder& b,
                                           const Row* row);

// DynamoDB refuses an update that leaves its item over 400 KB: 54000 with the size it would have.
// `row` is `item` as read; each assignment replaces the value at its path (the one DynamoDB computes,
// where it does), MISSING removes it.
void require_item_fits(const BoundModification& m, const ItemUpdate& u, const Item& item, const Row& row);

// True when no item can make an assignment fail or be refused, so an UPDATE may write as it reads: only
// REMOVEs of top-level attributes. Any value stored may be refused on some item: for its type or digits
// (require_storable), as an index key, or for growing its item past DynamoDB's 400 KB (require_item_fits).
bool values_cannot_fail(const BoundModification& m);

// The top-level attributes `e` reads.
std::set<std::string> top_attributes(const BoundExpr& e);

}  // namespace dynamosql
