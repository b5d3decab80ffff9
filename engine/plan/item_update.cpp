// One item's UPDATE; see item_update.h.
#include "plan/item_update.h"

#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "exec/item_writer.h"
#include "value/item_size.h"

namespace dynamosql {
namespace {

bool references_columns(const BoundExpr& e) { return contains_kind(e, BoundKind::ColumnRef); }

bool is_column(const BoundExpr* e) { return e && e->kind == BoundKind::ColumnRef; }

// A SET value DynamoDB's UpdateExpression computes exactly as SQL does, provided each attribute it
// reads holds the type DynamoDB needs there: a number for + and -, a list for list_append, present for
// if_not_exists' fallback. Where one does not (a NULL, a missing attribute, a string), DynamoDB would
// refuse the request or mean something else, so the engine computes SQL's answer instead.
struct DynamoValue {
  struct Need {
    const BoundExpr* attribute;
    const char* type;  // "N", "L", or "" for present
  };
  std::string expression;
  std::vector<Need> needs;
};

// nullopt when only the engine can compute `v` (a constant MISSING included: that is a REMOVE).
std::optional<DynamoValue> dynamo_value(const BoundExpr& v, ExpressionBuilder& b) {
  const Row empty;
  if (!references_columns(v)) {
    Value c = evaluate(v, empty);
    if (c.is_missing()) return std::nullopt;
    return DynamoValue{b.value(c), {}};
  }
  const bool arithmetic =
      v.kind == BoundKind::Arithmetic && (v.arithmetic == ArithmeticOp::Add || v.arithmetic == ArithmeticOp::Subtract);
  const std::string function = v.kind == BoundKind::Call && v.children.size() == 2 ? v.function->name : "";
  if (!arithmetic && function != "list_append" && function != "if_not_exists") return std::nullopt;
  if (function == "if_not_exists" && !is_column(v.children[0].get())) return std::nullopt;
  DynamoValue out;
  std::string operands[2];
  for (size_t i = 0; i < 2; ++i) {
    const BoundExpr& e = *v.children[i];
    const char* type = arithmetic ? "N" : function == "list_append" ? "L" : i == 1 ? "" : nullptr;
    if (is_column(&e)) {
      operands[i] = b.path(e);
      if (type) out.needs.push_back({&e, type});
      continue;
    }
    if (references_columns(e)) return std::nullopt;
    Value c = evaluate(e, empty);
    bool fits = arithmetic ? c.type() == ValueType::Number
                : function == "list_append" ? c.type() == ValueType::List
                                        : !c.is_missing();
    if (!fits) return std::nullopt;
    operands[i] = b.value(c);
  }
  out.expression = arithmetic ? operands[0] + (v.arithmetic == ArithmeticOp::Add ? " + " : " - ") + operands[1]
                              : function + "(" + operands[0] + ", " + operands[1] + ")";
  return out;
}

// True when the item as read (`row`) gives every attribute the type DynamoDB needs.
bool needs_hold(const DynamoValue& dv, const Row& row) {
  for (const auto& need : dv.needs) {
    Value x = evaluate(*need.attribute, row);
    bool ok = need.type[0] == 'N' ? x.type() == ValueType::Number
              : need.type[0] == 'L' ? x.type() == ValueType::List
                                    : !x.is_missing();
    if (!ok) return false;
  }
  return true;
}

// The same as a condition, so DynamoDB computes only where its answer is SQL's.
std::string needs_condition(const DynamoValue& dv, ExpressionBuilder& b) {
  std::string out;
  for (const auto& need : dv.needs) {
    std::string path = b.path(*need.attribute);
    out += " AND " + (need.type[0] ? "attribute_type(" + path + ", " + b.value(Value::string(need.type)) + ")"
                                   : "attribute_exists(" + path + ")");
  }
  return out;
}

bool is_nested(const BoundExpr& target) { return !target.path.empty(); }

// The indexes (GSIs and LSIs) `target` is a key attribute of.
std::vector<const IndexDescription*> indexes_keyed_by(const TableDescription& d, const BoundExpr& target) {
  std::vector<const IndexDescription*> out;
  if (is_nested(target)) return out;
  for (const auto& index : d.indexes)
    if (target.attribute == index.keys.partition_key || target.attribute == index.keys.sort_key) out.push_back(&index);
  return out;
}

// A SET value DynamoDB could not store is refused at the assignment: a number of more than 38
// significant digits, or beyond its range, also inside a list or map (22003); for an index's key
// attribute, a value not of the index's key type (22018), an empty string or binary (22018), or one
// over DynamoDB's key size, 2,048 bytes for a partition key and 1,024 for a sort key (54000). MISSING
// (a REMOVE) takes the item out of the index.
void require_storable(const TableDescription& d, const BoundExpr& target, const Value& v) {
  try {
    check_numbers_storable(v);
  } catch (const Error& e) {
    fail_at(target.position, e.sqlstate().c_str(), "SET " + target.text + ": " + e.what());
  }
  if (v.is_missing()) return;
  for (const IndexDescription* index : indexes_keyed_by(d, target)) {
    std::string key = "SET " + target.text + ": index " + index->name + "'s key ";
    std::string want = d.attribute_type(target.attribute);
    if (want != type_descriptor(v.type()))
      fail_at(target.position, sqlstate::kInvalidCharacterValue, key + "needs " + want + ", got " + type_descriptor(v.type()));
    if (v.type() == ValueType::Number) continue;
    size_t limit = target.attribute == index->keys.partition_key ? 2048 : 1024;
    if (v.text().empty()) fail_at(target.position, sqlstate::kInvalidCharacterValue, key + "cannot be empty");
    if (v.text().size() > limit)
      fail_at(target.position, sqlstate::kLimitExceeded,
              key + "is " + std::to_string(v.text().size()) + " bytes; DynamoDB's limit is " + std::to_string(limit));
  }
}

// DynamoDB refuses to SET or REMOVE a nested path (doc.k, l[2]) unless the item holds its parent, as a
// map for a name and a list for an index: 22023 at the (nested) target otherwise.
void require_parent(const BoundExpr& target, bool remove, const Row& row) {
  std::vector<PathElement> parent_path(target.path.begin(), target.path.end() - 1);
  Value parent = navigate(row[static_cast<size_t>(target.slot)], parent_path);
  ValueType needed = target.path.back().is_index() ? ValueType::List : ValueType::Map;
  if (parent.type() == needed) return;
  fail_at(target.position, sqlstate::kInvalidParameter,
          std::string(remove ? "REMOVE " : "SET ") + target.text + ": its parent is " +
              (parent.is_missing() ? "missing" : type_descriptor(parent.type())) + ", not a " +
              (needed == ValueType::List ? "list" : "map"));
}

// What a value at `target` adds to an item by DynamoDB's count (item_size): the value, and its name
// unless it is a list element. Nothing for MISSING.
int64_t stored_size(const BoundExpr& target, const Value& v) {
  if (v.is_missing()) return 0;
  size_t name = target.path.empty() ? target.attribute.size()
                : target.path.back().is_index() ? 1
                                                : 1 + target.path.back().name.size();
  return static_cast<int64_t>(name + value_size(v));
}

}  // namespace

std::set<std::string> top_attributes(const BoundExpr& e) {
  std::set<std::string> out;
  visit_bound(e, [&](const BoundExpr& x) {
    if (x.kind == BoundKind::ColumnRef) out.insert(x.attribute);
  });
  return out;
}

std::optional<ItemUpdate> plan_item_update(const BoundModification& m, const TableDescription& d, ExpressionBuilder& b,
                                           const Row* row) {
  ItemUpdate u;
  std::set<std::string> written;
  for (const auto& t : m.targets) written.insert(t->attribute);
  std::string set, remove;
  auto add = [](std::string& list, const std::string& part) { list += (list.empty() ? "" : ", ") + part; };
  for (size_t i = 0; i < m.targets.size(); ++i) {
    std::string path = b.path(*m.targets[i]);
    const BoundExpr* v = m.values[i].get();
    if (row && is_nested(*m.targets[i])) require_parent(*m.targets[i], !v || evaluate(*v, *row).is_missing(), *row);
    ExpressionBuilder trial = b;
    std::optional<DynamoValue> dv = v ? dynamo_value(*v, trial) : std::nullopt;
    if (dv && (!row || needs_hold(*dv, *row))) {
      if (row || !references_columns(*v)) require_storable(d, *m.targets[i], evaluate(*v, row ? *row : Row()));
      b = trial;
      add(set, path + " = " + dv->expression);
      u.condition += needs_condition(*dv, b);
      u.values.push_back(references_columns(*v) ? std::nullopt : std::optional<Value>(evaluate(*v, Row())));
      for (const auto& a : top_attributes(*v)) u.reapplies |= written.count(a) > 0;
      continue;
    }
    if (v && !row && references_columns(*v)) return std::nullopt;
    Value computed = v ? evaluate(*v, row ? *row : Row()) : Value::missing();
    require_storable(d, *m.targets[i], computed);
    if (v)
      for (const auto& a : top_attributes(*v)) u.guards.insert(a);
    if (computed.is_missing()) add(remove, path);
    else add(set, path + " = " + b.value(computed));
    u.values.push_back(std::move(computed));
  }
  if (!set.empty()) u.expression += "SET " + set;
  if (!remove.empty()) u.expression += (u.expression.empty() ? "" : " ") + std::string("REMOVE ") + remove;
  return u;
}

bool values_cannot_fail(const BoundModification& m) {
  for (size_t i = 0; i < m.targets.size(); ++i) {
    const BoundExpr* v = m.values[i].get();
    bool removes = !v || (!references_columns(*v) && evaluate(*v, Row()).is_missing());
    if (is_nested(*m.targets[i]) || !removes) return false;
  }
  return true;
}

void require_item_fits(const BoundModification& m, const ItemUpdate& u, const Item& item, const Row& row) {
  int64_t size = static_cast<int64_t>(item_size(item));
  for (size_t i = 0; i < m.targets.size(); ++i) {
    const BoundExpr& target = *m.targets[i];
    Value next = u.values[i] ? *u.values[i] : evaluate(*m.values[i], row);
    size += stored_size(target, next) - stored_size(target, evaluate(target, row));
  }
  if (size > static_cast<int64_t>(kMaxItemBytes))
    throw Error(sqlstate::kLimitExceeded, "the updated item would be " + std::to_string(size) +
                                              " bytes; DynamoDB's limit is 400 KB (409600 bytes)");
}

}  // namespace dynamosql
