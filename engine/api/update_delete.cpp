// UPDATE and DELETE.
//
// With the whole key pinned they make one conditional call carrying the rest of WHERE; otherwise they
// find the items with the planner's Query/Scan and write each one with the WHERE re-applied as its
// ConditionExpression (or, for parts DynamoDB cannot evaluate exactly, a guard that the attributes they
// read are unchanged), so an item changed in between is not wrongly written. Row counts are items
// actually changed. Retries never apply a change twice: see ItemUpdate::reapplies and applied_earlier.
//
// SET values: what DynamoDB computes exactly as SQL does on an item (n + 1 where n is a number,
// list_append on a list) goes into its UpdateExpression; everything else is computed here from the item
// as read, with SQL's NULL rules (NULL - 1 is NULL, stored as a DynamoDB NULL). An UPDATE computes and
// checks every found item's values before its first write, so a wrongly typed operand (22018) or a
// number DynamoDB cannot store (22003) writes nothing, while holding at most one chunk of items (see
// run_write_where).
#include <algorithm>
#include <mutex>
#include <set>

#include "api/found_items.h"
#include "api/session.h"
#include "api/write_support.h"
#include "bind/binder.h"
#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "exec/item_writer.h"
#include "exec/sources.h"
#include "plan/expression_builder.h"
#include "plan/plan_write.h"
#include "plan/planner.h"
#include "plan/row_layout.h"
#include "value/item_size.h"

namespace dynamosql {
namespace {

using namespace write_support;

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

// An UPDATE or DELETE as bound, its parameters replaced and its expressions placed on the rows
// `shape` makes of items.
struct WritePlan {
  std::shared_ptr<const TableSchema> schema;
  std::unique_ptr<BoundModification> bound;
  std::vector<BoundExprPtr> conjuncts;  // of WHERE
  ItemShape shape;                      // item -> row for engine evaluation
};

WritePlan make_write_plan(std::unique_ptr<BoundModification> m, Planner& planner) {
  WritePlan p;
  const BoundRelation& rel = m->relations[0];
  p.schema = rel.table;
  RowLayout layout(m->relations);
  layout.append(0);
  auto prepare = [&](BoundExprPtr& e) {
    planner.prepare(e);
    if (e) layout.place(*e);
  };
  prepare(m->where);
  for (auto& t : m->targets) prepare(t);
  for (auto& v : m->values) prepare(v);
  if (m->where) split_conjuncts(m->where->clone(), p.conjuncts);
  p.shape.attributes = rel.attributes;
  p.shape.with_other = rel.with_other;
  if (rel.with_other)
    for (const auto& c : p.schema->columns) p.shape.known.insert(c.name);
  p.bound = std::move(m);
  return p;
}

}  // namespace

namespace {

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

std::set<std::string> top_attributes(const BoundExpr& e) {
  std::set<std::string> out;
  visit_bound(e, [&](const BoundExpr& x) {
    if (x.kind == BoundKind::ColumnRef) out.insert(x.attribute);
  });
  return out;
}

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

// Plans the SET/REMOVE list for one item. `row` is the item as read: each value DynamoDB computes the
// SQL way on it goes into the expression (guarded by the types it needs); every other value is
// computed here — SQL's NULL rules, or an Error such as 22018 for a wrongly typed operand — and sent as
// a constant. A NULL result stores a DynamoDB NULL, MISSING removes the attribute. Every value is
// checked to be storable (require_storable) from the row, also those DynamoDB computes. Without a row
// (nothing read) every value must be DynamoDB's, whose types become conditions; nullopt otherwise.
std::optional<ItemUpdate> plan_item_update(const WritePlan& p, ExpressionBuilder& b, const Row* row) {
  ItemUpdate u;
  std::set<std::string> written;
  for (const auto& t : p.bound->targets) written.insert(t->attribute);
  std::string set, remove;
  auto add = [](std::string& list, const std::string& part) { list += (list.empty() ? "" : ", ") + part; };
  for (size_t i = 0; i < p.bound->targets.size(); ++i) {
    std::string path = b.path(*p.bound->targets[i]);
    const BoundExpr* v = p.bound->values[i].get();
    if (row && is_nested(*p.bound->targets[i])) require_parent(*p.bound->targets[i], !v || evaluate(*v, *row).is_missing(), *row);
    ExpressionBuilder trial = b;
    std::optional<DynamoValue> dv = v ? dynamo_value(*v, trial) : std::nullopt;
    if (dv && (!row || needs_hold(*dv, *row))) {
      if (row || !references_columns(*v)) require_storable(p.schema->description, *p.bound->targets[i], evaluate(*v, row ? *row : Row()));
      b = trial;
      add(set, path + " = " + dv->expression);
      u.condition += needs_condition(*dv, b);
      u.values.push_back(references_columns(*v) ? std::nullopt : std::optional<Value>(evaluate(*v, Row())));
      for (const auto& a : top_attributes(*v)) u.reapplies |= written.count(a) > 0;
      continue;
    }
    if (v && !row && references_columns(*v)) return std::nullopt;
    Value computed = v ? evaluate(*v, row ? *row : Row()) : Value::missing();
    require_storable(p.schema->description, *p.bound->targets[i], computed);
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

}  // namespace

namespace {

// True when no item can make an assignment fail or be refused, so an UPDATE may write as it reads: only
// REMOVEs of top-level attributes. Any value stored may be refused on some item: for its type or digits
// (require_storable), as an index key, or for growing its item past DynamoDB's 400 KB (require_item_fits).
bool values_cannot_fail(const WritePlan& p) {
  const BoundModification& m = *p.bound;
  for (size_t i = 0; i < m.targets.size(); ++i) {
    const BoundExpr* v = m.values[i].get();
    bool removes = !v || (!references_columns(*v) && evaluate(*v, Row()).is_missing());
    if (is_nested(*m.targets[i]) || !removes) return false;
  }
  return true;
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

// DynamoDB refuses an update that leaves its item over 400 KB: 54000 with the size it would have.
// `row` is `item` as read; each assignment replaces the value at its path (the one DynamoDB computes,
// where it does), MISSING removes it.
void require_item_fits(const WritePlan& p, const ItemUpdate& u, const Item& item, const Row& row) {
  int64_t size = static_cast<int64_t>(item_size(item));
  for (size_t i = 0; i < p.bound->targets.size(); ++i) {
    const BoundExpr& target = *p.bound->targets[i];
    Value next = u.values[i] ? *u.values[i] : evaluate(*p.bound->values[i], row);
    size += stored_size(target, next) - stored_size(target, evaluate(target, row));
  }
  if (size > static_cast<int64_t>(kMaxItemBytes))
    throw Error(sqlstate::kLimitExceeded, "the updated item would be " + std::to_string(size) +
                                              " bytes; DynamoDB's limit is 400 KB (409600 bytes)");
}

// The conditional write of one found item, prepared (values computed and checked) before anything of
// the statement is written.
struct PreparedWrite {
  ExpressionBuilder builder;
  std::string condition;
  ItemUpdate update;  // UPDATE only
};

}  // namespace

// Shared by UPDATE and DELETE: returns rows changed.
static int64_t run_write_where(SessionInternals session, DynamoClient& client, WritePlan& p, Planner& planner, bool is_update) {
  const TableDescription& d = p.schema->description;
  WriteThrottle throttle = session.in_transaction() ? WriteThrottle{} : session.write_throttle();  // COMMIT waits instead

  // A retried conditional write whose first attempt was applied but not answered fails its own
  // condition. The item is then read (consistently) to see whether it is as this write leaves it: gone
  // for a DELETE; for an UPDATE, every assigned path holding the value assigned.
  auto applied_earlier = [&](const Item& key, const ItemUpdate* update) {
    try {
      GetItemRequest get;
      get.table = d.name;
      get.key = key;
      get.consistent_read = true;
      auto now = client.get_item(get).item;
      if (!update) return !now;  // gone
      if (!now) return false;
      Row row_now = p.shape.to_row(Item(*now));
      for (size_t i = 0; i < p.bound->targets.size(); ++i) {
        Value current = evaluate(*p.bound->targets[i], row_now);
        Value expected = update->values[i] ? *update->values[i] : evaluate(*p.bound->values[i], row_now);
        if (expected.is_missing() != current.is_missing() || (!expected.is_missing() && !(expected == current))) return false;
      }
      return true;
    } catch (const Error&) {
      return false;  // cannot tell: the condition failure stands
    }
  };

  std::vector<TransactWriteAction> tx_actions;
  std::vector<std::string> tx_origins;
  std::mutex tx_mutex;
  // `update`: null for a DELETE.
  auto write_one = [&](const Item& key, const std::string& condition, ExpressionBuilder& b, const ItemUpdate* update) {
    if (session.in_transaction()) {
      TransactWriteAction a;
      a.kind = update ? TransactWriteAction::Kind::Update : TransactWriteAction::Kind::Delete;
      a.table = d.name;
      a.item = key;
      if (update) a.update = update->expression;
      a.condition = condition;
      a.attributes = b.attributes;
      std::lock_guard<std::mutex> lock(tx_mutex);
      tx_actions.push_back(std::move(a));
      tx_origins.push_back(std::string(update ? "(UPDATE " : "(DELETE ") + describe_key(key, d.keys) + ")");
      return;
    }
    try {
      if (update) {
        UpdateItemRequest r;
        r.table = d.name;
        r.key = key;
        r.update = update->expression;
        r.condition = condition;
        r.attributes = b.attributes;
        if (update->reapplies) update_item_exactly_once(client, r);  // a retry must not add twice
        else client.update_item(r);
      } else {
        DeleteItemRequest r;
        r.table = d.name;
        r.key = key;
        r.condition = condition;
        r.attributes = b.attributes;
        client.delete_item(r);
      }
    } catch (const Error& e) {
      if (e.aws_type() == "ConditionalCheckFailedException" && e.follows_ambiguous_attempt() && applied_earlier(key, update)) return;
      throw;
    }
  };

  // 1. The whole key pinned and everything else expressible: one conditional call, nothing read.
  // (Inside a transaction the item is read first instead, so a missing item is 0 rows rather than a
  // failed condition that would cancel the whole transaction.)
  std::set<size_t> used;
  std::optional<Item> key = session.in_transaction() ? std::nullopt : pinned_key(p.conjuncts, d, used);
  SegmentRestriction segment = session.segment_restriction();
  if (key && segment.index != 0) return 0;  // read by key: whole in segment 0 (as planned reads are)
  if (key) {
    ExpressionBuilder b;
    std::string condition = "attribute_exists(" + b.name(d.keys.partition_key) + ")";
    bool ok = true;
    for (size_t i = 0; i < p.conjuncts.size() && ok; ++i) {
      if (used.count(i)) continue;
      auto c = translate_condition(*p.conjuncts[i], 0, b);
      if (!c) ok = false;
      else condition += " AND " + *c;
    }
    std::optional<ItemUpdate> update = is_update ? plan_item_update(p, b, nullptr) : ItemUpdate{};
    if (ok && update) {
      try {
        throttle.await({}, update->reapplies, session.cancelled_flag());  // nothing read: the key, one unit
        write_one(*key, condition + update->condition, b, is_update ? &*update : nullptr);
        return 1;
      } catch (const Error& e) {
        // No such item, WHERE is false, or an attribute lacks the type DynamoDB's arithmetic needs
        // (NULL, missing, a string): only the last needs the item read and SQL's rule applied below.
        // A ValidationException of an UPDATE may be a value DynamoDB computed but cannot store (more
        // than 38 digits), a nested target without its parent or an item grown past 400 KB: the item
        // is read and checked below, for the engine's error (22003, 22023, 54000) naming it.
        bool dynamo_computes = !update->condition.empty();
        if (e.aws_type() == "ConditionalCheckFailedException") {
          if (!dynamo_computes) return 0;
        } else if (e.aws_type() != "ValidationException" || !is_update) {
          throw;
        }
      }
    }
  }

  // 2. Find the items, then write each with WHERE re-applied (or guarded), a chunk at a time.
  auto where_only_keys = !p.bound->where || only_key_attributes(*p.bound->where, d.keys);
  auto prepare = [&](const Item& item) {
    PreparedWrite w;
    ExpressionBuilder& b = w.builder;
    w.condition = "attribute_exists(" + b.name(d.keys.partition_key) + ")";
    std::set<std::string> guards;
    for (const auto& c : p.conjuncts) {
      if (only_key_attributes(*c, d.keys)) continue;  // keys never change
      if (auto t = translate_condition(*c, 0, b)) {
        w.condition += " AND " + *t;
      } else {
        for (const auto& a : top_attributes(*c)) guards.insert(a);
      }
    }
    if (is_update) {
      Row row = p.shape.to_row(Item(item));
      try {
        w.update = *plan_item_update(p, b, &row);
        require_item_fits(p, w.update, item, row);
      } catch (const Error& e) {  // name the item whose value cannot be computed or stored
        throw Error(e.sqlstate(), std::string(e.what()) + " (item " + describe_key(item, d.keys) + ")", e.aws_type())
            .at(e.line(), e.column());
      }
      w.condition += w.update.condition;
      guards.insert(w.update.guards.begin(), w.update.guards.end());
    }
    for (const auto& a : guards) w.condition += " AND " + unchanged_guard(a, item, b);
    return w;
  };

  int64_t changed = 0, failed = 0;
  std::vector<std::string> failures;
  std::optional<Error> first_error;
  auto write_chunk = [&](std::vector<Item>& chunk) {
    if (!is_update && where_only_keys && !session.in_transaction()) {
      std::vector<WriteRequest> deletes;
      for (auto& item : chunk) deletes.push_back({false, std::move(item)});  // sent as keys, counted as read
      changed += batch_write(client, d.name, deletes, d.keys, 4, 12, throttle, session.cancelled_flag()).written;
      return;
    }
    std::vector<PreparedWrite> prepared;
    for (const auto& item : chunk) prepared.push_back(prepare(item));  // may fail: before the chunk's writes
    auto report = run_conditional_writes(chunk.size(), kWriters, [&](size_t i) {
      PreparedWrite& w = prepared[i];
      throttle.await({&chunk[i]}, w.update.reapplies, session.cancelled_flag());
      write_one(d.keys.key_of(chunk[i]), w.condition, w.builder, is_update ? &w.update : nullptr);
    });
    changed += report.applied();
    for (size_t i = 0; i < chunk.size(); ++i) {
      if (report.status[i] != WriteStatus::Failed) continue;
      ++failed;
      if (!first_error) first_error = report.errors[i];
      if (failures.size() < kMaxReportedRows)
        failures.push_back(describe_key(chunk[i], d.keys) + ": " + row_reason(*report.errors[i]));
    }
  };
  // An UPDATE whose assignments can fail on some item (arithmetic, most functions, nested targets:
  // 22018, 22012, 22003, 22023) computes and checks every found item's values before its first write,
  // so such a failure writes nothing. It
  // keeps at most one chunk of items: when more are found, the rest are only checked as they are read,
  // and then the items are read again and written chunk by chunk (an item changed in between is
  // checked again and, should it fail now, stops the UPDATE with what it had written). Everything else
  // — a DELETE, values no item can make fail, a transaction (nothing is sent before COMMIT) — writes
  // each chunk as it is found.
  bool check_first = is_update && !session.in_transaction() && !values_cannot_fail(p);
  auto check = [&](const std::vector<Item>& items) {
    for (const auto& item : items) prepare(item);
  };
  try {
    std::vector<Item> chunk;
    bool found_more = false;
    {
      FoundItems found(session, planner, *p.bound, d, p.shape);
      while (!check_first && found.next(chunk)) write_chunk(chunk);
      if (check_first && found.next(chunk)) {
        check(chunk);
        std::vector<Item> rest;
        while (found.next(rest)) found_more = true, check(rest);
        if (!found_more) write_chunk(chunk);
      }
    }
    if (found_more) {
      FoundItems again(session, planner, *p.bound, d, p.shape);
      while (again.next(chunk)) write_chunk(chunk);
    }
  } catch (const Error& e) {
    throw with_progress(e, changed, is_update ? "updated" : "deleted", session.in_transaction());
  }
  if (session.in_transaction()) {
    session.add_transaction_actions(std::move(tx_actions), std::move(tx_origins), d.keys);
    return changed;  // pending: the items found now, written at COMMIT
  }
  if (failed > 0)
    throw Error(first_error->sqlstate(),
                std::to_string(failed) + " items could not be " + (is_update ? "updated" : "deleted") + "; " +
                    std::to_string(changed) + " were",
                first_error->aws_type())
        .with_details(failures);
  return changed;
}

std::unique_ptr<Cursor> Session::run_update(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  int64_t n = run_modification(s, parameters, true);
  return outcome(n, std::to_string(n) + (n == 1 ? " row updated" : " rows updated") + (in_transaction() ? " (pending COMMIT)" : ""));
}

std::unique_ptr<Cursor> Session::run_delete(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  int64_t n = run_modification(s, parameters, false);
  return outcome(n, std::to_string(n) + (n == 1 ? " row deleted" : " rows deleted") + (in_transaction() ? " (pending COMMIT)" : ""));
}

int64_t Session::run_modification(const Statement& s, const std::vector<std::optional<Value>>& parameters, bool is_update) {
  Binder binder(*catalog_, s.parameter_count);
  BoundStatement bound = binder.bind_statement(s);
  auto ctx = new_context();
  Planner planner(planner_settings(), *ctx, bound.parameters, parameters);
  WritePlan p = make_write_plan(std::move(bound.modification), planner);
  int64_t n = run_write_where(*this, *client_, p, planner, is_update);
  // An attribute this UPDATE creates is a column the cached schema does not know yet.
  for (const auto& t : p.bound->targets)
    if (n > 0 && !catalog_->knows_column(p.schema->description.name, t->attribute)) catalog_->invalidate(p.schema->description.name);
  return n;
}

}  // namespace dynamosql
