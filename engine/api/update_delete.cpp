// UPDATE and DELETE.
//
// With the whole key pinned they make one conditional call carrying the rest of WHERE; otherwise they
// find the items with the planner's Query/Scan and write each one with the WHERE re-applied as its
// ConditionExpression (or, for parts DynamoDB cannot evaluate exactly, a guard that the attributes they
// read are unchanged), so an item changed in between is not wrongly written. Row counts are items
// actually changed. Retries never apply a change twice: see update_reapplies and applied_earlier.
#include <algorithm>
#include <mutex>
#include <set>

#include "api/session.h"
#include "api/write_support.h"
#include "common/error.h"
#include "exec/evaluator.h"
#include "exec/item_writer.h"
#include "exec/sources.h"
#include "plan/binder.h"
#include "plan/expression_builder.h"

namespace dynamosql {
namespace {

using namespace write_support;

bool references_columns(const Expr& e) {
  bool found = false;
  visit_exprs(e, [&](const Expr& x) { found |= x.kind == ExprKind::Column || x.kind == ExprKind::Subquery || x.kind == ExprKind::InSubquery; });
  return found;
}

bool is_column(const Expr* e) { return e && e->kind == ExprKind::Column; }

// Translates SET value expressions DynamoDB can compute itself; nullopt when the engine must.
std::optional<std::string> dynamo_value(const Expr& v, ExpressionBuilder& b, const Row& empty) {
  if (!references_columns(v)) {
    Value c = evaluate(v, empty);
    if (c.is_missing()) return std::nullopt;  // becomes REMOVE; handled by the caller
    return b.value(c);
  }
  auto operand = [&](const Expr* e) -> std::optional<std::string> {
    if (is_column(e)) return b.path(e->path, e->path_start);
    if (!references_columns(*e)) {
      Value c = evaluate(*e, empty);
      if (c.is_null_or_missing()) return std::nullopt;
      return b.value(c);
    }
    return std::nullopt;
  };
  if (v.kind == ExprKind::Binary && (v.op == "+" || v.op == "-")) {
    const Expr* l = v.children[0].get();
    const Expr* r = v.children[1].get();
    if (is_column(l) == is_column(r)) return std::nullopt;
    if (!is_column(l) && evaluate(*l, empty).type() != ValueType::Number) return std::nullopt;
    if (!is_column(r) && evaluate(*r, empty).type() != ValueType::Number) return std::nullopt;
    auto a = operand(l), c = operand(r);
    if (!a || !c) return std::nullopt;
    return *a + " " + v.op + " " + *c;
  }
  if (v.kind == ExprKind::Function && (v.op == "list_append" || v.op == "if_not_exists") && v.children.size() == 2) {
    const Expr* l = v.children[0].get();
    const Expr* r = v.children[1].get();
    if (v.op == "if_not_exists" && !is_column(l)) return std::nullopt;
    if (is_column(l) == is_column(r) && v.op == "list_append") return std::nullopt;
    auto a = operand(l), c = operand(r);
    if (!a || !c) return std::nullopt;
    return v.op + "(" + *a + ", " + *c + ")";
  }
  return std::nullopt;
}

struct WritePlan {
  std::shared_ptr<const TableSchema> schema;
  std::vector<Relation> relations;  // one: the table
  std::unique_ptr<Binder> binder;
  ExprPtr where;                    // bound copy
  std::vector<ExprPtr> conjuncts;   // of `where`
  std::vector<ExprPtr> targets, values;  // bound copies of the assignments
  ItemShape shape;                  // item -> row for engine evaluation
};

}  // namespace

static void substitute(Expr& e, const std::vector<std::optional<Value>>& parameters) {
  visit_exprs(e, [&](Expr& x) {
    if (x.kind != ExprKind::Parameter) return;
    size_t i = static_cast<size_t>(x.parameter_index);
    if (i >= parameters.size() || !parameters[i]) fail_at(x.position, "07002", "parameter " + std::to_string(i + 1) + " is not bound");
    x.kind = ExprKind::Literal;
    x.value = *parameters[i];
  });
}

static WritePlan make_write_plan(Catalog& catalog, const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  WritePlan p;
  p.schema = catalog.table(s.table->table);
  Relation rel;
  rel.alias = s.table->alias.empty() ? s.table->table : s.table->alias;
  rel.table = p.schema;
  p.relations.push_back(std::move(rel));
  p.binder = std::make_unique<Binder>(p.relations);
  auto prepare = [&](const ExprPtr& e) -> ExprPtr {
    if (!e) return nullptr;
    ExprPtr c = e->clone();
    substitute(*c, parameters);
    visit_exprs(*c, [&](const Expr& x) {
      if (x.kind == ExprKind::Subquery || x.kind == ExprKind::InSubquery)
        fail_at(x.position, sqlstate::kFeatureNotSupported, "subqueries are not supported in UPDATE and DELETE");
      if (x.kind == ExprKind::Function && is_aggregate_function(x.op))
        fail_at(x.position, sqlstate::kSyntax, "aggregate functions are not allowed here");
    });
    p.binder->collect(*c);
    return c;
  };
  p.where = prepare(s.where);
  for (const auto& a : s.assignments) {
    p.targets.push_back(prepare(a.target));
    p.values.push_back(prepare(a.value));
  }
  const auto& keys = p.schema->description.keys;
  for (auto& attr : {keys.partition_key, keys.sort_key})
    if (!attr.empty() && std::find(p.relations[0].attributes.begin(), p.relations[0].attributes.end(), attr) == p.relations[0].attributes.end())
      p.relations[0].attributes.push_back(attr);
  p.binder->layout();
  auto bind = [&](ExprPtr& e) {
    if (e) p.binder->bind(*e);
  };
  bind(p.where);
  for (auto& t : p.targets) bind(t);
  for (auto& v : p.values) bind(v);
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const Expr& t = *p.targets[i];
    if (t.kind != ExprKind::Column) fail_at(t.position, sqlstate::kSyntax, "SET and REMOVE need an attribute path");
    const std::string& top = t.path[t.path_start].name;
    if (top == keys.partition_key || top == keys.sort_key)
      fail_at(t.position, sqlstate::kFeatureNotSupported,
              "cannot update key attribute \"" + top + "\"; DELETE the item and INSERT it with the new key");
  }
  if (p.where) split_conjuncts(p.where->clone(), p.conjuncts);
  p.shape.attributes = p.relations[0].attributes;
  return p;
}

namespace {

bool only_key_attributes(const Expr& e, const KeySchema& keys) {
  bool only = true;
  visit_exprs(e, [&](const Expr& x) {
    if (x.kind == ExprKind::Column) {
      const std::string& a = x.path[x.path_start].name;
      only &= a == keys.partition_key || a == keys.sort_key;
    }
  });
  return only;
}

// Pinned key: a single equality per key attribute, from the conjuncts. Returns the key and marks the
// conjuncts used.
std::optional<Item> pinned_key(const std::vector<ExprPtr>& conjuncts, const TableDescription& d, std::set<size_t>& used) {
  Item key;
  for (const auto& name : {d.keys.partition_key, d.keys.sort_key}) {
    if (name.empty()) continue;
    bool found = false;
    for (size_t i = 0; i < conjuncts.size() && !found; ++i) {
      const Expr& c = *conjuncts[i];
      if (c.kind != ExprKind::Compare || c.op != "=") continue;
      const Expr* l = c.children[0].get();
      const Expr* r = c.children[1].get();
      if (!is_column(l)) std::swap(l, r);
      if (!is_column(l) || l->path.size() != l->path_start + 1 || l->path[l->path_start].name != name) continue;
      if (r->kind != ExprKind::Literal || std::string(type_descriptor(r->value.type())) != d.attribute_type(name)) continue;
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

std::set<std::string> top_attributes(const Expr& e) {
  std::set<std::string> out;
  visit_exprs(e, [&](const Expr& x) {
    if (x.kind == ExprKind::Column) out.insert(x.path[x.path_start].name);
  });
  return out;
}

// True when repeating the UpdateExpression would change the item again: a value DynamoDB computes
// (n + 1, list_append(l, ...)) reads an attribute the UPDATE writes. Values the engine computes are
// constants, sent with a guard that the attributes they read are unchanged, so repeating them is harmless.
bool update_reapplies(const WritePlan& p) {
  Row empty;
  std::set<std::string> written;
  for (const auto& t : p.targets) written.insert(t->path[t->path_start].name);
  for (const auto& v : p.values) {
    if (!v || !references_columns(*v)) continue;
    ExpressionBuilder scratch;
    if (!dynamo_value(*v, scratch, empty)) continue;
    for (const auto& a : top_attributes(*v))
      if (written.count(a)) return true;
  }
  return false;
}

}  // namespace

// Shared by UPDATE and DELETE: returns rows changed.
static int64_t run_write_where(Session& session, DynamoClient& client, const Statement& s, WritePlan& p,
                               const std::vector<std::optional<Value>>& parameters, bool is_update) {
  const TableDescription& d = p.schema->description;
  Row empty;
  WriteThrottle throttle = session.in_transaction() ? WriteThrottle{} : session.write_throttle();  // COMMIT waits instead
  bool reapplies = is_update && update_reapplies(p);

  // Builds the UpdateExpression for one item (nullptr item: no engine-evaluated parts allowed).
  auto update_expression = [&](ExpressionBuilder& b, const Item* item, std::set<std::string>& guards) -> std::optional<std::string> {
    std::string set, remove;
    Row row;
    if (item) {
      Item copy = *item;
      row = p.shape.to_row(std::move(copy));
    }
    for (size_t i = 0; i < p.targets.size(); ++i) {
      const Expr& t = *p.targets[i];
      std::string path = b.path(t.path, t.path_start);
      if (!p.values[i]) {
        remove += (remove.empty() ? "" : ", ") + path;
        continue;
      }
      const Expr& v = *p.values[i];
      if (!references_columns(v) && evaluate(v, empty).is_missing()) {  // SET a = MISSING
        remove += (remove.empty() ? "" : ", ") + path;
        continue;
      }
      ExpressionBuilder trial = b;
      if (auto dv = dynamo_value(v, trial, empty)) {
        b = trial;
        set += (set.empty() ? "" : ", ") + path + " = " + *dv;
        continue;
      }
      if (!item) return std::nullopt;
      Value computed = evaluate(v, row);
      for (const auto& a : top_attributes(v)) guards.insert(a);
      if (computed.is_missing())
        remove += (remove.empty() ? "" : ", ") + path;
      else
        set += (set.empty() ? "" : ", ") + path + " = " + b.value(computed);
    }
    std::string out;
    if (!set.empty()) out += "SET " + set;
    if (!remove.empty()) out += (out.empty() ? "" : " ") + std::string("REMOVE ") + remove;
    return out;
  };

  // A retried conditional write whose first attempt was applied but not answered fails its own
  // condition. The item is then read (consistently) to see whether it is as this write leaves it: gone
  // for a DELETE; for an UPDATE, every assigned path holding the value assigned (`read`: the item as
  // found, for values the engine computed from it).
  auto applied_earlier = [&](const Item& key, const Item* read) {
    try {
      GetItemRequest get;
      get.table = d.name;
      get.key = key;
      get.consistent_read = true;
      auto now = client.get_item(get).item;
      if (!is_update) return !now;  // gone
      if (!now) return false;
      Row row_now = p.shape.to_row(Item(*now));
      Row row_read = read ? p.shape.to_row(Item(*read)) : Row();
      for (size_t i = 0; i < p.targets.size(); ++i) {
        Value current = evaluate(*p.targets[i], row_now);
        if (!p.values[i]) {
          if (!current.is_missing()) return false;
          continue;
        }
        ExpressionBuilder scratch;
        bool by_dynamo = !references_columns(*p.values[i]) || dynamo_value(*p.values[i], scratch, empty);
        if (!by_dynamo && !read) return false;
        Value expected = evaluate(*p.values[i], by_dynamo ? row_now : row_read);
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
  auto write_one = [&](const Item& key, const std::string& condition, ExpressionBuilder& b, const std::string& update,
                       const Item* read) {
    if (session.in_transaction()) {
      TransactWriteAction a;
      a.kind = is_update ? TransactWriteAction::Kind::Update : TransactWriteAction::Kind::Delete;
      a.table = d.name;
      a.item = key;
      a.update = update;
      a.condition = condition;
      a.attributes = b.attributes;
      std::lock_guard<std::mutex> lock(tx_mutex);
      tx_actions.push_back(std::move(a));
      tx_origins.push_back(std::string(is_update ? "(UPDATE " : "(DELETE ") + describe_key(key, d.keys) + ")");
      return;
    }
    try {
      if (is_update) {
        UpdateItemRequest r;
        r.table = d.name;
        r.key = key;
        r.update = update;
        r.condition = condition;
        r.attributes = b.attributes;
        if (reapplies) update_item_exactly_once(client, r);  // a retry must not add twice
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
      if (e.aws_type() == "ConditionalCheckFailedException" && e.follows_ambiguous_attempt() && applied_earlier(key, read)) return;
      throw;
    }
  };

  // 1. The whole key pinned and everything else expressible: one conditional call, nothing read.
  // (Inside a transaction the item is read first instead, so a missing item is 0 rows rather than a
  // failed condition that would cancel the whole transaction.)
  std::set<size_t> used;
  std::optional<Item> key = session.in_transaction() ? std::nullopt : pinned_key(p.conjuncts, d, used);
  if (key) {
    ExpressionBuilder b;
    std::string condition = "attribute_exists(" + b.name(d.keys.partition_key) + ")";
    bool ok = true;
    for (size_t i = 0; i < p.conjuncts.size() && ok; ++i) {
      if (used.count(i)) continue;
      ExpressionBuilder trial = b;
      auto c = translate_condition(*p.conjuncts[i], 0, trial);
      if (!c) ok = false;
      else b = trial, condition += " AND " + *c;
    }
    std::set<std::string> no_guards;
    std::optional<std::string> update = is_update ? update_expression(b, nullptr, no_guards) : std::string();
    if (ok && update) {
      try {
        throttle.await({}, false, session.cancelled_flag());  // nothing read: the key, one unit
        write_one(*key, condition, b, *update, nullptr);
        if (session.in_transaction()) session.add_transaction_actions(std::move(tx_actions), std::move(tx_origins), d.keys);
        return 1;
      } catch (const Error& e) {
        if (e.aws_type() == "ConditionalCheckFailedException") return 0;
        throw;
      }
    }
  }

  // 2. Find the items, then write each with WHERE re-applied (or guarded).
  auto where_only_keys = !p.where || only_key_attributes(*p.where, d.keys);
  auto query = std::make_shared<Query>();
  auto spec = std::make_shared<QuerySpec>();
  SelectItem star;
  star.kind = SelectItem::Kind::All;
  spec->items.push_back(std::move(star));
  spec->from = s.table;
  if (s.where) spec->where = s.where->clone();
  query->terms.push_back({spec, nullptr});
  auto ctx = session.new_context();
  OperatorPtr root = session.plan_query(*query, parameters, *ctx);
  std::vector<ColumnInfo> cols;
  std::vector<std::string> names;
  for (const auto& c : root->columns) cols.push_back({c.name, c.type, c.base_table}), names.push_back(c.name);
  Cursor cursor(cols, std::move(root), std::move(ctx));

  int64_t changed = 0, failed = 0;
  std::vector<std::string> failures;
  std::optional<Error> first_error;
  RowBatch batch;
  std::vector<Item> chunk;
  auto flush = [&]() {
    if (chunk.empty()) return;
    if (!is_update && where_only_keys && !session.in_transaction()) {
      std::vector<WriteRequest> deletes;
      for (auto& item : chunk) deletes.push_back({false, std::move(item)});  // sent as keys, counted as read
      changed += batch_write(client, d.name, deletes, d.keys, 4, 12, throttle, session.cancelled_flag()).written;
    } else {
      auto report = run_conditional_writes(chunk.size(), kWriters, [&](size_t i) {
        const Item& item = chunk[i];
        ExpressionBuilder b;
        std::string condition = "attribute_exists(" + b.name(d.keys.partition_key) + ")";
        std::set<std::string> guards;
        for (const auto& c : p.conjuncts) {
          if (only_key_attributes(*c, d.keys)) continue;  // keys never change
          ExpressionBuilder trial = b;
          if (auto t = translate_condition(*c, 0, trial)) {
            b = trial;
            condition += " AND " + *t;
          } else {
            for (const auto& a : top_attributes(*c)) guards.insert(a);
          }
        }
        std::string update;
        if (is_update) update = *update_expression(b, &item, guards);
        for (const auto& a : guards) condition += " AND " + unchanged_guard(a, item, b);
        throttle.await({&item}, false, session.cancelled_flag());
        write_one(d.keys.key_of(item), condition, b, update, &item);
      });
      changed += report.applied();
      for (size_t i = 0; i < chunk.size(); ++i) {
        if (report.status[i] != WriteStatus::Failed) continue;
        ++failed;
        if (!first_error) first_error = report.errors[i];
        if (failures.size() < kMaxReportedRows)
          failures.push_back(describe_key(chunk[i], d.keys) + ": " + row_reason(*report.errors[i]));
      }
    }
    chunk.clear();
  };
  try {
    while (cursor.fetch(batch)) {
      for (const auto& row : batch) chunk.push_back(item_from_row(row, names));
      batch.clear();
      if (chunk.size() >= kChunk) flush();
    }
    flush();
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
  WritePlan p = make_write_plan(*catalog_, s, parameters);
  int64_t n = run_write_where(*this, *client_, s, p, parameters, true);
  // An attribute this UPDATE creates is a column the cached schema does not know yet.
  for (const auto& a : s.assignments) {
    if (n > 0 && !a.target->path.empty() && !catalog_->knows_column(s.table->table, a.target->path[a.target->path_start].name))
      catalog_->invalidate(s.table->table);
  }
  return outcome(n, std::to_string(n) + (n == 1 ? " row updated" : " rows updated") + (in_transaction() ? " (pending COMMIT)" : ""));
}

std::unique_ptr<Cursor> Session::run_delete(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  WritePlan p = make_write_plan(*catalog_, s, parameters);
  int64_t n = run_write_where(*this, *client_, s, p, parameters, false);
  return outcome(n, std::to_string(n) + (n == 1 ? " row deleted" : " rows deleted") + (in_transaction() ? " (pending COMMIT)" : ""));
}

}  // namespace dynamosql
