// The write planner; see plan_write.h.
#include "plan/plan_write.h"

#include <algorithm>

#include "bind/binder.h"
#include "exec/evaluator.h"
#include "exec/item_writer.h"
#include "plan/expression_builder.h"
#include "plan/item_update.h"
#include "plan/row_layout.h"

namespace dynamosql {
namespace {

bool is_column(const BoundExpr* e) { return e && e->kind == BoundKind::ColumnRef; }

bool only_key_attributes(const BoundExpr& e, const KeySchema& keys) {
  bool only = true;
  visit_bound(e, [&](const BoundExpr& x) {
    if (x.kind == BoundKind::ColumnRef) only &= x.attribute == keys.partition_key || x.attribute == keys.sort_key;
  });
  return only;
}

// Pinned key: a single equality per key attribute, from the conjuncts. Returns the key and marks the
// conjuncts used.
std::optional<Item> pinned_key(const std::vector<BoundExprPtr>& conjuncts, const TableDescription& d, std::set<size_t>& used) {
  Item key;
  for (const auto& name : {d.keys.partition_key, d.keys.sort_key}) {
    if (name.empty()) continue;
    bool found = false;
    for (size_t i = 0; i < conjuncts.size() && !found; ++i) {
      const BoundExpr& c = *conjuncts[i];
      if (c.kind != BoundKind::Compare || c.compare != CompareOp::Equal) continue;
      const BoundExpr* l = c.children[0].get();
      const BoundExpr* r = c.children[1].get();
      if (!is_column(l)) std::swap(l, r);
      if (!is_column(l) || !l->path.empty() || l->attribute != name) continue;
      if (r->kind != BoundKind::Constant || std::string(type_descriptor(r->value.type())) != d.attribute_type(name)) continue;
      key.emplace_back(name, r->value);
      used.insert(i);
      found = true;
    }
    if (!found) return std::nullopt;
  }
  normalise_item(key);
  return key;
}

// Condition that an attribute still has the value read (optimistic check for what DynamoDB cannot evaluate).
std::string unchanged_guard(const std::string& attr, const Item& item, ExpressionBuilder& b) {
  const Value* v = find_attribute(item, attr);
  std::string name = b.name(attr);
  if (!v) return "attribute_not_exists(" + name + ")";
  if (v->type() == ValueType::Null) return "attribute_type(" + name + ", " + b.value(Value::string("NULL")) + ")";
  return name + " = " + b.value(*v);
}

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

// `write` takes `update`'s expression, the conditions it relies on and its values.
void add_update(ItemWrite& write, const ItemUpdate& update) {
  write.update = update.expression;
  write.condition += update.condition;
  write.values = update.values;
  write.reapplies = update.reapplies;
  write.relies_on_types = !update.condition.empty();
}

}  // namespace

InsertPlan plan_insert(const BoundInsert& insert, Planner& planner) {
  InsertPlan plan;
  plan.source = planner.plan_query(*insert.source);
  if (insert.upsert) return plan;
  ExpressionBuilder b;
  plan.condition = "attribute_not_exists(" + b.name(insert.table->description.keys.partition_key) + ")";
  plan.condition_attributes = std::move(b.attributes);
  return plan;
}

std::unique_ptr<BoundQuery> items_to_modify(const BoundModification& m, const BoundExpr* where) {
  const BoundRelation& table = m.relations[0];
  auto select = std::make_unique<BoundSelect>();
  select->position = table.position;
  BoundRelation rel;
  rel.alias = table.alias;
  rel.position = table.position;
  rel.table = table.table;
  rel.attributes = table.attributes;
  rel.star = true;
  rel.finish_layout();
  select->relations.push_back(std::move(rel));
  if (where) select->where = where->clone();
  append_star_columns(*select, 0, table.position);
  auto query = std::make_unique<BoundQuery>();
  query->position = table.position;
  query->terms.push_back({std::move(select), nullptr});
  type_query_columns(*query);
  return query;
}

ModificationPlan::ModificationPlan(std::unique_ptr<BoundModification> m, bool is_update, bool in_transaction,
                                   Planner& planner, FoundItems::NewContext new_context)
    : schema_(m->relations[0].table), is_update_(is_update), in_transaction_(in_transaction), planner_(planner),
      new_context_(std::move(new_context)) {
  const BoundRelation& rel = m->relations[0];
  RowLayout layout(m->relations);
  layout.append(0);
  auto prepare = [&](BoundExprPtr& e) {
    planner.prepare(e);
    if (e) layout.place(*e);
  };
  prepare(m->where);
  for (auto& t : m->targets) prepare(t);
  for (auto& v : m->values) prepare(v);
  if (m->where) split_conjuncts(m->where->clone(), conjuncts_);
  shape_.attributes = rel.attributes;
  shape_.with_other = rel.with_other;
  if (rel.with_other)
    for (const auto& c : schema_->columns) shape_.known.insert(c.name);
  bound_ = std::move(m);
  if (!in_transaction_) pinned_key_ = pinned_key(conjuncts_, table(), pinned_conjuncts_);
}

bool ModificationPlan::outside_segment() const { return pinned_key_ && planner_.settings().segment.index != 0; }

std::optional<ItemWrite> ModificationPlan::pinned_write() const {
  if (!pinned_key_) return std::nullopt;
  ItemWrite write;
  write.key = *pinned_key_;
  ExpressionBuilder b;
  write.condition = "attribute_exists(" + b.name(table().keys.partition_key) + ")";
  for (size_t i = 0; i < conjuncts_.size(); ++i) {
    if (pinned_conjuncts_.count(i)) continue;
    auto c = translate_condition(*conjuncts_[i], 0, b);
    if (!c) return std::nullopt;
    write.condition += " AND " + *c;
  }
  if (is_update_) {
    std::optional<ItemUpdate> update = plan_item_update(*bound_, table(), b, nullptr);
    if (!update) return std::nullopt;
    add_update(write, *update);
  }
  write.attributes = std::move(b.attributes);
  return write;
}

ItemWrite ModificationPlan::prepare(const Item& item) const {
  const KeySchema& keys = table().keys;
  ItemWrite write;
  write.key = keys.key_of(item);
  ExpressionBuilder b;
  write.condition = "attribute_exists(" + b.name(keys.partition_key) + ")";
  std::set<std::string> guards;
  for (const auto& c : conjuncts_) {
    if (only_key_attributes(*c, keys)) continue;  // keys never change
    if (auto t = translate_condition(*c, 0, b)) {
      write.condition += " AND " + *t;
    } else {
      for (const auto& a : top_attributes(*c)) guards.insert(a);
    }
  }
  if (is_update_) {
    Row row = shape_.to_row(Item(item));
    try {
      ItemUpdate update = *plan_item_update(*bound_, table(), b, &row);
      require_item_fits(*bound_, update, item, row);
      add_update(write, update);
      guards.insert(update.guards.begin(), update.guards.end());
    } catch (const Error& e) {  // name the item whose value cannot be computed or stored
      throw Error(e.sqlstate(), std::string(e.what()) + " (item " + describe_key(item, keys) + ")", e.aws_type())
          .at(e.line(), e.column());
    }
  }
  for (const auto& a : guards) write.condition += " AND " + unchanged_guard(a, item, b);
  write.attributes = std::move(b.attributes);
  return write;
}

bool ModificationPlan::check_first() const { return is_update_ && !in_transaction_ && !values_cannot_fail(*bound_); }

bool ModificationPlan::deletes_by_key() const {
  return !is_update_ && !in_transaction_ && (!bound_->where || only_key_attributes(*bound_->where, table().keys));
}

// Gone for a DELETE; for an UPDATE, every assigned path holding the value assigned.
bool ModificationPlan::is_as_written(const ItemWrite& write, const std::optional<Item>& now) const {
  if (!is_update_) return !now;
  if (!now) return false;
  Row row_now = shape_.to_row(Item(*now));
  for (size_t i = 0; i < bound_->targets.size(); ++i) {
    Value current = evaluate(*bound_->targets[i], row_now);
    Value expected = write.values[i] ? *write.values[i] : evaluate(*bound_->values[i], row_now);
    if (expected.is_missing() != current.is_missing() || (!expected.is_missing() && !(expected == current))) return false;
  }
  return true;
}

std::unique_ptr<FoundItems> ModificationPlan::find() const {
  std::unique_ptr<BoundQuery> items = items_to_modify(*bound_, bound_->where.get());
  OperatorPtr read = planner_.plan_query(*items);
  const IndexDescription* index = index_read(*read, table());
  bool by_key = index && moves_along(*index, bound_->targets);
  return std::make_unique<FoundItems>(std::move(read), new_context_, by_key, table(), bound_->where.get(), shape_);
}

}  // namespace dynamosql
