// Access-path choice and pushdown; see access_path.h for the rules.
#include "plan/access_path.h"

#include "plan/binder.h"
#include "plan/expression_builder.h"

#include <algorithm>
#include <map>
#include <set>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

bool is_scalar_literal(const Expr* e) {
  if (!e || e->kind != ExprKind::Literal) return false;
  auto t = e->value.type();
  return t == ValueType::String || t == ValueType::Number || t == ValueType::Binary;
}

// A column of this relation (any path).
bool is_path(const Expr* e, int relation) { return e && e->kind == ExprKind::Column && e->relation == relation; }

// A top-level attribute of this relation: returns its name.
std::optional<std::string> top_attribute(const Expr* e, int relation) {
  if (!is_path(e, relation) || e->path.size() != e->path_start + 1) return std::nullopt;
  return e->path[e->path_start].name;
}

std::string flip(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

// A comparison `side op other` with `side` on the left: `literal < a` becomes `a > literal`.
// nullopt when neither operand satisfies `is_side`, or for <> (never pushed: see access_path.h).
struct Oriented {
  const Expr* side;
  const Expr* other;
  std::string op;
};
template <typename IsSide>
std::optional<Oriented> orient(const Expr& e, IsSide is_side) {
  if (e.kind != ExprKind::Compare || e.op == "<>") return std::nullopt;
  const Expr* l = e.children[0].get();
  const Expr* r = e.children[1].get();
  if (is_side(l)) return Oriented{l, r, e.op};
  if (is_side(r)) return Oriented{r, l, flip(e.op)};
  return std::nullopt;
}

// LIKE 'abc%' with no other wildcard: the prefix.
std::optional<std::string> like_prefix(const Expr& e) {
  if (e.kind != ExprKind::Like || e.negated || e.children.size() != 2 || !is_scalar_literal(e.children[1].get()) ||
      e.children[1]->value.type() != ValueType::String)
    return std::nullopt;
  const std::string& p = e.children[1]->value.text();
  if (p.size() < 2 || p.back() != '%') return std::nullopt;
  std::string prefix = p.substr(0, p.size() - 1);
  if (prefix.find_first_of("%_") != std::string::npos) return std::nullopt;
  return prefix;
}

// Translates a conjunct DynamoDB evaluates exactly as SQL; nullopt otherwise.
std::optional<std::string> to_filter(const Expr& e, int rel, ExpressionBuilder& b) {
  switch (e.kind) {
    case ExprKind::Compare: {
      auto c = orient(e, [rel](const Expr* x) { return is_path(x, rel); });
      if (!c) return std::nullopt;
      const Expr* r = c->other;
      bool literal_ok = is_scalar_literal(r) || (c->op == "=" && r->kind == ExprKind::Literal && r->value.type() == ValueType::Bool);
      if (!literal_ok) return std::nullopt;
      return b.path(c->side->path, c->side->path_start) + " " + c->op + " " + b.value(r->value);
    }
    case ExprKind::Between: {
      if (e.negated || !is_path(e.children[0].get(), rel) || !is_scalar_literal(e.children[1].get()) ||
          !is_scalar_literal(e.children[2].get()))
        return std::nullopt;
      const Expr& p = *e.children[0];
      return b.path(p.path, p.path_start) + " BETWEEN " + b.value(e.children[1]->value) + " AND " + b.value(e.children[2]->value);
    }
    case ExprKind::InList: {
      if (e.negated || !is_path(e.children[0].get(), rel) || e.children.size() > 101) return std::nullopt;
      std::string list;
      for (size_t i = 1; i < e.children.size(); ++i) {
        if (!is_scalar_literal(e.children[i].get())) return std::nullopt;
        list += (i > 1 ? ", " : "") + b.value(e.children[i]->value);
      }
      const Expr& p = *e.children[0];
      return b.path(p.path, p.path_start) + " IN (" + list + ")";
    }
    case ExprKind::Like: {
      auto prefix = like_prefix(e);
      if (!prefix || !is_path(e.children[0].get(), rel)) return std::nullopt;
      const Expr& p = *e.children[0];
      return "begins_with(" + b.path(p.path, p.path_start) + ", " + b.value(Value::string(*prefix)) + ")";
    }
    case ExprKind::IsMissing:
    case ExprKind::IsNull: {
      const Expr* p = e.children[0].get();
      if (!is_path(p, rel)) return std::nullopt;
      std::string path = b.path(p->path, p->path_start);
      if (e.kind == ExprKind::IsMissing)
        return (e.negated ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
      std::string null_type = b.value(Value::string("NULL"));
      if (e.negated) return "(attribute_exists(" + path + ") AND NOT attribute_type(" + path + ", " + null_type + "))";
      return "(attribute_not_exists(" + path + ") OR attribute_type(" + path + ", " + null_type + "))";
    }
    case ExprKind::Function: {
      const std::string& f = e.op;
      if ((f == "attribute_exists" || f == "attribute_not_exists") && e.children.size() == 1 && is_path(e.children[0].get(), rel))
        return f + "(" + b.path(e.children[0]->path, e.children[0]->path_start) + ")";
      if ((f == "begins_with" || f == "contains" || f == "attribute_type") && e.children.size() == 2 &&
          is_path(e.children[0].get(), rel) && is_scalar_literal(e.children[1].get()) &&
          e.children[1]->value.type() == ValueType::String)
        return f + "(" + b.path(e.children[0]->path, e.children[0]->path_start) + ", " + b.value(e.children[1]->value) + ")";
      return std::nullopt;
    }
    case ExprKind::And:
    case ExprKind::Or: {
      auto a = to_filter(*e.children[0], rel, b);
      if (!a) return std::nullopt;
      auto c = to_filter(*e.children[1], rel, b);
      if (!c) return std::nullopt;
      return "(" + *a + (e.kind == ExprKind::And ? " AND " : " OR ") + *c + ")";
    }
    default: return std::nullopt;
  }
}

// Per-attribute normal form of the conjuncts on top-level attributes.
struct AttributeConditions {
  std::vector<Value> equal;    // from = or IN (one conjunct)
  int equal_conjunct = -1;
  struct Bound {
    std::string op;  // "<", "<=", ">", ">=", "BETWEEN", "begins_with"
    Value value, value2;
    int conjunct;
  };
  std::vector<Bound> bounds;
};

std::map<std::string, AttributeConditions> normalise(const std::vector<ExprPtr>& conjuncts, int rel) {
  std::map<std::string, AttributeConditions> out;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    const Expr& e = *conjuncts[i];
    int ci = static_cast<int>(i);
    if (auto cmp = orient(e, [rel](const Expr* x) { return top_attribute(x, rel).has_value(); })) {
      if (!is_scalar_literal(cmp->other)) continue;
      auto& c = out[*top_attribute(cmp->side, rel)];
      if (cmp->op == "=") {
        if (c.equal_conjunct < 0) c.equal = {cmp->other->value}, c.equal_conjunct = ci;
      } else {
        c.bounds.push_back({cmp->op, cmp->other->value, {}, ci});
      }
    } else if (e.kind == ExprKind::InList && !e.negated) {
      auto attr = top_attribute(e.children[0].get(), rel);
      if (!attr) continue;
      std::vector<Value> values;
      bool ok = true;
      for (size_t k = 1; k < e.children.size(); ++k) {
        ok &= is_scalar_literal(e.children[k].get());
        if (ok) values.push_back(e.children[k]->value);
      }
      if (!ok) continue;
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      auto& c = out[*attr];
      if (c.equal_conjunct < 0) c.equal = values, c.equal_conjunct = ci;
    } else if (e.kind == ExprKind::Between && !e.negated) {
      auto attr = top_attribute(e.children[0].get(), rel);
      if (attr && is_scalar_literal(e.children[1].get()) && is_scalar_literal(e.children[2].get()))
        out[*attr].bounds.push_back({"BETWEEN", e.children[1]->value, e.children[2]->value, ci});
    } else if (e.kind == ExprKind::Like) {
      auto attr = top_attribute(e.children[0].get(), rel);
      auto prefix = like_prefix(e);
      if (attr && prefix) out[*attr].bounds.push_back({"begins_with", Value::string(*prefix), {}, ci});
    } else if (e.kind == ExprKind::Function && e.op == "begins_with" && e.children.size() == 2) {
      auto attr = top_attribute(e.children[0].get(), rel);
      if (attr && is_scalar_literal(e.children[1].get()) && e.children[1]->value.type() == ValueType::String)
        out[*attr].bounds.push_back({"begins_with", e.children[1]->value, {}, ci});
    }
  }
  return out;
}

// Values of the key attribute's DynamoDB type only: `pk = 5` on a string key can match nothing, and
// stays a residual condition (which rejects every row) rather than a key condition.
bool values_match_key_type(const std::vector<Value>& values, const std::string& key_type) {
  for (const auto& v : values)
    if (std::string(type_descriptor(v.type())) != key_type) return false;
  return !values.empty();
}

struct Candidate {
  const IndexDescription* index = nullptr;  // null: the table
  KeySchema keys;
  std::vector<Value> partition_values;
  int partition_conjunct = -1;
  std::optional<AttributeConditions::Bound> sort_condition;
  std::optional<Value> sort_equal;
  int sort_conjunct = -1;
  int score = 0;
};

bool index_covers(const TableSchema& t, const IndexDescription& index, const AccessRequest& r) {
  if (index.projection.type == "ALL") return true;
  if (r.star || r.with_other) return false;
  std::set<std::string> have{t.description.keys.partition_key, t.description.keys.sort_key, index.keys.partition_key,
                             index.keys.sort_key};
  for (const auto& a : index.projection.non_key_attributes) have.insert(a);
  for (const auto& a : r.attributes)
    if (!have.count(a)) return false;
  return true;
}

std::string projection_of(const AccessRequest& r, ExpressionBuilder& b) {
  if (r.star || r.with_other || r.attributes.empty()) return "";
  std::string out;
  for (const auto& a : r.attributes) out += (out.empty() ? "" : ", ") + b.name(a);
  return out;
}

// The FilterExpression of the conjuncts DynamoDB evaluates exactly (marking them absorbed), leaving
// out any that name an attribute in `excluded`.
std::string absorb_filters(const AccessRequest& r, const std::set<std::string>& excluded, ExpressionBuilder& b,
                           std::set<int>& absorbed) {
  std::string filter;
  for (size_t i = 0; i < r.conjuncts.size(); ++i) {
    if (absorbed.count(static_cast<int>(i))) continue;
    bool touches_excluded = false;
    visit_exprs(static_cast<const Expr&>(*r.conjuncts[i]), [&](const Expr& e) {
      if (e.kind == ExprKind::Column && e.path_start < e.path.size() && excluded.count(e.path[e.path_start].name))
        touches_excluded = true;
    });
    if (touches_excluded) continue;
    ExpressionBuilder trial = b;  // a failed translation must leave no stray placeholders
    if (auto f = to_filter(*r.conjuncts[i], r.relation, trial)) {
      b = trial;
      filter += (filter.empty() ? "" : " AND ") + *f;
      absorbed.insert(static_cast<int>(i));
    }
  }
  return filter;
}

}  // namespace

std::string ExpressionBuilder::name(const std::string& attribute) {
  auto it = names_.find(attribute);
  if (it != names_.end()) return it->second;
  std::string ph = "#n" + std::to_string(names_.size());
  names_[attribute] = ph;
  attributes.names[ph] = attribute;
  return ph;
}

std::string ExpressionBuilder::path(const std::vector<PathElement>& p, size_t from) {
  std::string out;
  for (size_t i = from; i < p.size(); ++i) {
    if (p[i].is_index())
      out += "[" + std::to_string(p[i].index) + "]";
    else
      out += (out.empty() ? "" : ".") + name(p[i].name);
  }
  return out;
}

std::string ExpressionBuilder::value(const Value& v) {
  std::string ph = ":v" + std::to_string(attributes.values.size());
  attributes.values[ph] = v;
  return ph;
}

std::optional<std::string> translate_condition(const Expr& e, int relation, ExpressionBuilder& b) {
  return to_filter(e, relation, b);
}

AccessPlan choose_access_path(AccessRequest r) {
  const TableSchema& t = *r.table;
  const auto& keys = t.description.keys;
  AccessPlan plan;
  auto conditions = normalise(r.conjuncts, r.relation);
  ItemShape shape;
  shape.attributes = r.attributes;
  shape.with_other = r.with_other;
  // `_other` holds every attribute outside the inferred columns, including ones read for WHERE.
  if (r.with_other)
    for (const auto& c : t.columns) shape.known.insert(c.name);

  std::set<int> absorbed;
  auto residual_except = [&]() {
    for (size_t i = 0; i < r.conjuncts.size(); ++i)
      if (!absorbed.count(static_cast<int>(i))) plan.residual.push_back(std::move(r.conjuncts[i]));
  };

  // 1. GetItem / BatchGetItem when equality pins the whole primary key (no index forced).
  if (r.forced_index.empty()) {
    auto pk = conditions.find(keys.partition_key);
    bool pk_pinned = pk != conditions.end() && pk->second.equal_conjunct >= 0 &&
                     values_match_key_type(pk->second.equal, t.description.attribute_type(keys.partition_key));
    const AttributeConditions* sk = nullptr;
    if (!keys.sort_key.empty()) {
      auto it = conditions.find(keys.sort_key);
      if (it != conditions.end() && it->second.equal_conjunct >= 0 &&
          values_match_key_type(it->second.equal, t.description.attribute_type(keys.sort_key)))
        sk = &it->second;
    }
    if (pk_pinned && (keys.sort_key.empty() || sk)) {
      size_t count = pk->second.equal.size() * (sk ? sk->equal.size() : 1);
      if (count <= 10000) {
        std::vector<Item> lookups;
        for (const auto& p : pk->second.equal) {
          if (sk) {
            for (const auto& s : sk->equal) {
              Item k{{keys.partition_key, p}, {keys.sort_key, s}};
              normalise_item(k);
              lookups.push_back(std::move(k));
            }
          } else {
            lookups.push_back({{keys.partition_key, p}});
          }
        }
        absorbed.insert(pk->second.equal_conjunct);
        if (sk) absorbed.insert(sk->equal_conjunct);
        ExpressionBuilder b;
        DynamoRead read;
        read.table = t.description.name;
        read.projection = projection_of(r, b);
        read.attributes = b.attributes;
        read.consistent_read = r.consistent_read;
        auto source = std::make_unique<KeyLookupSource>(std::move(read), std::move(lookups), shape);
        plan.source = std::move(source);
        residual_except();
        return plan;
      }
    }
    // ORs of whole keys: (pk = a AND sk = 1) OR (pk = b AND sk = 2) -> BatchGetItem; the OR stays residual.
    for (size_t i = 0; i < r.conjuncts.size(); ++i) {
      const Expr& e = *r.conjuncts[i];
      if (e.kind != ExprKind::Or) continue;
      std::vector<const Expr*> disjuncts;
      std::vector<const Expr*> stack{&e};
      while (!stack.empty()) {
        const Expr* d = stack.back();
        stack.pop_back();
        if (d->kind == ExprKind::Or) {
          stack.push_back(d->children[1].get());
          stack.push_back(d->children[0].get());
        } else {
          disjuncts.push_back(d);
        }
      }
      std::vector<Item> lookups;
      bool all_keys = true;
      for (const Expr* d : disjuncts) {
        std::vector<ExprPtr> parts;
        split_conjuncts(d->clone(), parts);
        auto c = normalise(parts, r.relation);
        auto p = c.find(keys.partition_key);
        if (p == c.end() || p->second.equal.size() != 1 ||
            !values_match_key_type(p->second.equal, t.description.attribute_type(keys.partition_key))) {
          all_keys = false;
          break;
        }
        Item k{{keys.partition_key, p->second.equal[0]}};
        if (!keys.sort_key.empty()) {
          auto s = c.find(keys.sort_key);
          if (s == c.end() || s->second.equal.size() != 1 ||
              !values_match_key_type(s->second.equal, t.description.attribute_type(keys.sort_key))) {
            all_keys = false;
            break;
          }
          k.emplace_back(keys.sort_key, s->second.equal[0]);
        }
        normalise_item(k);
        if (std::find(lookups.begin(), lookups.end(), k) == lookups.end()) lookups.push_back(std::move(k));
      }
      if (!all_keys || lookups.empty()) continue;
      ExpressionBuilder b;
      DynamoRead read;
      read.table = t.description.name;
      read.projection = projection_of(r, b);
      read.attributes = b.attributes;
      read.consistent_read = r.consistent_read;
      plan.source = std::make_unique<KeyLookupSource>(std::move(read), std::move(lookups), shape);
      residual_except();
      return plan;
    }
  }

  // 2. Query on the table or an index whose partition key is pinned.
  std::vector<Candidate> candidates;
  auto consider = [&](const IndexDescription* index, const KeySchema& k) {
    auto p = conditions.find(k.partition_key);
    if (p == conditions.end() || p->second.equal_conjunct < 0 || p->second.equal.size() > 100) return;
    if (!values_match_key_type(p->second.equal, t.description.attribute_type(k.partition_key))) return;
    if (index && !index_covers(t, *index, r)) return;
    if (index && index->global && r.consistent_read) return;
    Candidate c;
    c.index = index;
    c.keys = k;
    c.partition_values = p->second.equal;
    c.partition_conjunct = p->second.equal_conjunct;
    c.score = 10 - static_cast<int>(std::min<size_t>(p->second.equal.size(), 9));
    if (!k.sort_key.empty()) {
      auto s = conditions.find(k.sort_key);
      std::string sk_type = t.description.attribute_type(k.sort_key);
      if (s != conditions.end()) {
        if (s->second.equal_conjunct >= 0 && s->second.equal.size() == 1 && values_match_key_type(s->second.equal, sk_type)) {
          c.sort_equal = s->second.equal[0];
          c.sort_conjunct = s->second.equal_conjunct;
          c.score += 20;
        } else {
          // Prefer BETWEEN, then begins_with, then one bound.
          for (const char* want : {"BETWEEN", "begins_with", "<", "<=", ">", ">="}) {
            for (const auto& bnd : s->second.bounds) {
              if (bnd.op != want || c.sort_condition) continue;
              if (std::string(type_descriptor(bnd.value.type())) != sk_type) continue;
              if (bnd.op == "begins_with" && sk_type != "S") continue;
              if (bnd.op == "BETWEEN" && std::string(type_descriptor(bnd.value2.type())) != sk_type) continue;
              c.sort_condition = bnd;
              c.sort_conjunct = bnd.conjunct;
            }
          }
          if (c.sort_condition) c.score += 10;
        }
      }
    }
    if (!index) c.score += 1;  // the table itself on a tie
    candidates.push_back(std::move(c));
  };
  if (r.forced_index.empty()) consider(nullptr, keys);
  for (const auto& index : t.description.indexes)
    if (r.forced_index.empty() || index.name == r.forced_index) consider(&index, index.keys);

  ExpressionBuilder b;
  DynamoRead read;
  read.table = t.description.name;
  read.consistent_read = r.consistent_read;
  if (!r.forced_index.empty()) {
    const IndexDescription* forced = t.description.find_index(r.forced_index);
    if (!forced)
      throw Error(sqlstate::kTableNotFound, "table \"" + t.description.name + "\" has no index \"" + r.forced_index + "\"");
    if (!index_covers(t, *forced, r))
      throw Error(sqlstate::kColumnNotFound, "index \"" + r.forced_index + "\" does not project every attribute the "
                                             "statement reads (projection " + forced->projection.type + ")");
    read.index = r.forced_index;
  }

  if (!candidates.empty()) {
    auto best = std::max_element(candidates.begin(), candidates.end(),
                                 [](const Candidate& a, const Candidate& c) { return a.score < c.score; });
    const Candidate& c = *best;
    if (c.index) read.index = c.index->name;
    std::string key = b.name(c.keys.partition_key) + " = :pk";
    absorbed.insert(c.partition_conjunct);
    if (c.sort_equal) {
      key += " AND " + b.name(c.keys.sort_key) + " = " + b.value(*c.sort_equal);
      absorbed.insert(c.sort_conjunct);
    } else if (c.sort_condition) {
      const auto& s = *c.sort_condition;
      std::string name = b.name(c.keys.sort_key);
      if (s.op == "BETWEEN")
        key += " AND " + name + " BETWEEN " + b.value(s.value) + " AND " + b.value(s.value2);
      else if (s.op == "begins_with")
        key += " AND begins_with(" + name + ", " + b.value(s.value) + ")";
      else
        key += " AND " + name + " " + s.op + " " + b.value(s.value);
      absorbed.insert(c.sort_conjunct);
    }
    read.key_condition = key;
    // Query filters may not name the key attributes of what is queried; those conditions stay residual.
    read.filter = absorb_filters(r, {c.keys.partition_key, c.keys.sort_key}, b, absorbed);
    read.projection = projection_of(r, b);
    read.attributes = b.attributes;
    bool exact = read.filter.empty() && absorbed.size() == r.conjuncts.size();
    if (exact && r.limit_hint && c.partition_values.size() == 1)
      read.page_limit = std::min<int64_t>(std::max<int64_t>(*r.limit_hint, 1), 1000);
    auto source = std::make_unique<QuerySource>(std::move(read), c.partition_values, true, shape);
    if (c.partition_values.size() == 1 && !c.keys.sort_key.empty()) {
      plan.ordered_by = c.keys.sort_key;
      plan.query = source.get();
    }
    plan.source = std::move(source);
    residual_except();
    return plan;
  }

  // 3. Scan.
  read.filter = absorb_filters(r, {}, b, absorbed);
  read.projection = projection_of(r, b);
  read.attributes = b.attributes;
  int parallel = r.scan_segments;
  bool exact = read.filter.empty() && absorbed.size() == r.conjuncts.size();
  if (exact && r.limit_hint) {
    read.page_limit = std::min<int64_t>(std::max<int64_t>(*r.limit_hint, 1), 1000);
    parallel = 1;  // a few rows: one segment reads them in order, without fanning out
  }
  auto scan = std::make_unique<ScanSource>(std::move(read), shape, scan_segments(parallel, r.restriction));
  plan.scan = scan.get();
  plan.source = std::move(scan);
  plan.is_scan = true;
  residual_except();
  return plan;
}

}  // namespace dynamosql
