// Access-path choice; see access_path.h for the rules.
#include "plan/access_path.h"

#include <algorithm>
#include <functional>
#include <set>

#include "dynamosql/error.h"
#include "exec/fetch_back.h"
#include "plan/date_pushdown.h"
#include "plan/expression_builder.h"
#include "plan/key_conditions.h"

namespace dynamosql {
namespace {

// One table or index whose partition key the conjuncts pin, scored for choosing.
struct Candidate {
  const IndexDescription* index = nullptr;  // null: the table
  KeySchema keys;
  std::vector<Value> partition_values;
  int partition_conjunct = -1;
  std::optional<AttributeConditions::Bound> sort_condition;
  std::optional<Value> sort_equal;
  int sort_conjunct = -1;
  int score = 0;
  bool unique = false;   // the key condition pins one item
  // A sort-key condition narrows each partition (on an index, equality too: its key is not unique).
  bool narrowed() const { return sort_condition.has_value() || (index && sort_equal.has_value()); }
  bool covering = true;  // the index projects every attribute the statement reads (the table always does)
  double read_units = 0;  // estimated, with the fetch-back when not covering
};

// Attribute names a FilterExpression may not name.
using Unfilterable = std::function<bool(const std::string&)>;

// What is read and how: the request as it is being planned.
class AccessPlanner {
 public:
  explicit AccessPlanner(AccessRequest r)
      : r_(std::move(r)), t_(*r_.table), keys_(t_.description.keys), conditions_(key_conditions(r_.conjuncts, r_.relation)) {
    shape_.attributes = r_.attributes;
    shape_.with_other = r_.with_other;
    // `_other` holds every attribute outside the inferred columns, including ones read for WHERE.
    if (r_.with_other)
      for (const auto& c : t_.columns) shape_.known.insert(c.name);
  }

  AccessPlan plan() {
    if (r_.forced_index.empty()) {
      if (auto keys = pinned_keys()) return key_lookup(std::move(*keys));
      if (auto keys = keys_of_disjunctions()) return key_lookup(std::move(*keys));
    }
    check_forced_index();
    std::vector<Candidate> candidates = query_candidates();
    if (const Candidate* best = choose(candidates)) return query(*best);
    return scan();
  }

 private:
  std::optional<std::vector<Item>> pinned_keys();
  std::optional<std::vector<Item>> keys_of_disjunctions();
  std::optional<Item> key_of_disjunct(const BoundExpr& d) const;
  AccessPlan key_lookup(std::vector<Item> keys);
  void check_forced_index() const;
  std::vector<Candidate> query_candidates() const;
  std::optional<Candidate> candidate(const IndexDescription* index, const KeySchema& k) const;
  bool requires_attribute(const std::string& attribute) const;
  void choose_sort_condition(Candidate& c, const AttributeConditions& s, const std::string& sk_type) const;
  void estimate(Candidate& c) const;
  const Candidate* choose(std::vector<Candidate>& candidates) const;
  double scan_units() const;
  std::string fetch_back_choice(const Candidate& c) const;
  DynamoRead query_read(const Candidate& c, ExpressionBuilder& b);
  AccessPlan query(const Candidate& c);
  AccessPlan scan();
  AccessPlan fetch_back(OperatorPtr index_read, const IndexDescription& index, double items, std::optional<int64_t> limit,
                        std::string choice);
  bool covers(const IndexDescription& index) const;
  bool projects(const IndexDescription& index, const std::string& attribute) const;
  Unfilterable unfilterable(const IndexDescription* index, const KeySchema* queried) const;
  DynamoRead base_read() const;
  ReadTarget read_target(const IndexDescription* index) const;
  std::string projection(ExpressionBuilder& b) const;
  std::string fetch_projection(ExpressionBuilder& b) const;
  std::string key_projection(ExpressionBuilder& b) const;
  std::vector<std::string> table_keys() const;
  std::string absorb_filters(const Unfilterable& excluded, ExpressionBuilder& b);
  bool absorbed_everything(const DynamoRead& read) const { return read.filter.empty() && absorbed_.size() == r_.conjuncts.size(); }
  AccessPlan finish(OperatorPtr source);
  bool pinned(const std::map<std::string, AttributeConditions>& c, const std::string& key, size_t max_values) const;

  AccessRequest r_;
  const TableSchema& t_;
  const KeySchema& keys_;
  std::map<std::string, AttributeConditions> conditions_;
  ItemShape shape_;
  std::set<int> absorbed_;
};

// `key` has equality values of its declared type in `c` (at most max_values of them).
bool AccessPlanner::pinned(const std::map<std::string, AttributeConditions>& c, const std::string& key, size_t max_values) const {
  auto it = c.find(key);
  return it != c.end() && it->second.equal_conjunct >= 0 && it->second.equal.size() <= max_values &&
         values_match_key_type(it->second.equal, t_.description.attribute_type(key));
}

// Equality on the whole primary key: every combination of the pinned values (at most 10,000).
std::optional<std::vector<Item>> AccessPlanner::pinned_keys() {
  if (!pinned(conditions_, keys_.partition_key, SIZE_MAX)) return std::nullopt;
  if (!keys_.sort_key.empty() && !pinned(conditions_, keys_.sort_key, SIZE_MAX)) return std::nullopt;
  const AttributeConditions& pk = conditions_.at(keys_.partition_key);
  const AttributeConditions* sk = keys_.sort_key.empty() ? nullptr : &conditions_.at(keys_.sort_key);
  if (pk.equal.size() * (sk ? sk->equal.size() : 1) > 10000) return std::nullopt;
  std::vector<Item> lookups;
  for (const auto& p : pk.equal) {
    if (!sk) {
      lookups.push_back({{keys_.partition_key, p}});
      continue;
    }
    for (const auto& s : sk->equal) {
      Item k{{keys_.partition_key, p}, {keys_.sort_key, s}};
      normalise_item(k);
      lookups.push_back(std::move(k));
    }
  }
  absorbed_.insert(pk.equal_conjunct);
  if (sk) absorbed_.insert(sk->equal_conjunct);
  return lookups;
}

// (pk = a AND sk = 1) OR (pk = b AND sk = 2): the keys of an OR whose every branch pins a whole key.
// The OR stays residual.
std::optional<std::vector<Item>> AccessPlanner::keys_of_disjunctions() {
  for (const auto& conjunct : r_.conjuncts) {
    if (conjunct->kind != BoundKind::Or) continue;
    std::vector<Item> lookups;
    std::vector<const BoundExpr*> stack{conjunct.get()};
    bool all_keys = true;
    while (!stack.empty() && all_keys) {
      const BoundExpr* d = stack.back();
      stack.pop_back();
      if (d->kind == BoundKind::Or) {
        stack.push_back(d->children[1].get());
        stack.push_back(d->children[0].get());
        continue;
      }
      auto k = key_of_disjunct(*d);
      all_keys = k.has_value();
      if (k && std::find(lookups.begin(), lookups.end(), *k) == lookups.end()) lookups.push_back(std::move(*k));
    }
    if (all_keys && !lookups.empty()) return lookups;
  }
  return std::nullopt;
}

std::optional<Item> AccessPlanner::key_of_disjunct(const BoundExpr& d) const {
  std::vector<const BoundExpr*> parts;
  std::vector<const BoundExpr*> stack{&d};
  while (!stack.empty()) {
    const BoundExpr* e = stack.back();
    stack.pop_back();
    if (e->kind == BoundKind::And) {
      stack.push_back(e->children[1].get());
      stack.push_back(e->children[0].get());
    } else {
      parts.push_back(e);
    }
  }
  auto c = key_conditions(parts, r_.relation);
  if (!pinned(c, keys_.partition_key, 1)) return std::nullopt;
  Item k{{keys_.partition_key, c.at(keys_.partition_key).equal[0]}};
  if (!keys_.sort_key.empty()) {
    if (!pinned(c, keys_.sort_key, 1)) return std::nullopt;
    k.emplace_back(keys_.sort_key, c.at(keys_.sort_key).equal[0]);
  }
  normalise_item(k);
  return k;
}

AccessPlan AccessPlanner::key_lookup(std::vector<Item> keys) {
  ExpressionBuilder b;
  DynamoRead read = base_read();
  read.projection = projection(b);
  read.attributes = b.attributes;
  read.estimate = estimate_lookup(read_target(nullptr), static_cast<double>(keys.size()));
  return finish(std::make_unique<KeyLookupSource>(std::move(read), std::move(keys), shape_));
}

void AccessPlanner::check_forced_index() const {
  if (r_.forced_index.empty()) return;
  const IndexDescription* forced = t_.description.find_index(r_.forced_index);
  if (!forced)
    throw Error(sqlstate::kTableNotFound, "table \"" + t_.description.name + "\" has no index \"" + r_.forced_index + "\"");
}

std::vector<Candidate> AccessPlanner::query_candidates() const {
  std::vector<Candidate> out;
  if (r_.forced_index.empty())
    if (auto c = candidate(nullptr, keys_)) out.push_back(std::move(*c));
  for (const auto& index : t_.description.indexes)
    if (r_.forced_index.empty() || index.name == r_.forced_index)
      if (auto c = candidate(&index, index.keys)) out.push_back(std::move(*c));
  return out;
}

// The table or an index, when its partition key is pinned (at most 100 values): fewer values, an
// equal sort key, then a sort-key condition score higher; the table wins a tie. A GSI cannot be read
// consistently, so it is no candidate for a statement that asks for that. An index holds only the
// items that have its sort key (DynamoDB's indexes are sparse), so one with a sort key is a candidate
// only when the statement itself rules out items without it (a comparison on it), unless it is forced.
std::optional<Candidate> AccessPlanner::candidate(const IndexDescription* index, const KeySchema& k) const {
  if (!pinned(conditions_, k.partition_key, 100)) return std::nullopt;
  if (index && index->global && r_.consistent_read) return std::nullopt;
  if (index && r_.forced_index.empty() && !k.sort_key.empty() && !requires_attribute(k.sort_key)) return std::nullopt;
  const AttributeConditions& p = conditions_.at(k.partition_key);
  Candidate c;
  c.index = index;
  c.covering = !index || covers(*index);
  c.keys = k;
  c.partition_values = p.equal;
  c.partition_conjunct = p.equal_conjunct;
  c.score = 10 - static_cast<int>(std::min<size_t>(p.equal.size(), 9));
  auto s = k.sort_key.empty() ? conditions_.end() : conditions_.find(k.sort_key);
  if (s != conditions_.end()) {
    std::string sk_type = t_.description.attribute_type(k.sort_key);
    if (s->second.equal_conjunct >= 0 && s->second.equal.size() == 1 && values_match_key_type(s->second.equal, sk_type)) {
      c.sort_equal = s->second.equal[0];
      c.sort_conjunct = s->second.equal_conjunct;
      c.score += 20;
    } else {
      choose_sort_condition(c, s->second, sk_type);
    }
  }
  if (!index) c.score += 1;
  c.unique = !index && (c.sort_equal || keys_.sort_key.empty());  // an index's key is not unique
  estimate(c);
  return c;
}

// Whether a top-level condition on `attribute` rejects every item without it: a comparison (=, IN, a
// bound, BETWEEN, a prefix; never true for NULL or MISSING), IS NOT NULL or IS NOT MISSING (an index key
// attribute cannot hold a NULL: DynamoDB refuses it).
bool AccessPlanner::requires_attribute(const std::string& attribute) const {
  auto c = conditions_.find(attribute);
  if (c != conditions_.end() && (c->second.equal_conjunct >= 0 || !c->second.bounds.empty())) return true;
  for (const auto& conjunct : r_.conjuncts) {
    const BoundExpr& e = *conjunct;
    if ((e.kind == BoundKind::IsNull || e.kind == BoundKind::IsMissing) && e.negated && e.children[0]->is_column_of(r_.relation) &&
        e.children[0]->path.empty() && e.children[0]->attribute == attribute)
      return true;
  }
  return false;
}

// Prefers BETWEEN, then begins_with, then one bound; each of the sort key's type.
void AccessPlanner::choose_sort_condition(Candidate& c, const AttributeConditions& s, const std::string& sk_type) const {
  for (const char* want : {"BETWEEN", "begins_with", "<", "<=", ">", ">="}) {
    for (const auto& bnd : s.bounds) {
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

// Units of the candidate's Query, and of fetching back from the table what it finds when not covering.
void AccessPlanner::estimate(Candidate& c) const {
  ReadEstimate read = estimate_query(read_target(c.index), c.partition_values.size(), c.unique, c.narrowed(), 0);
  c.read_units = read.read_units;
  if (!c.covering) c.read_units += estimate_lookup(read_target(nullptr), read.items).read_units;
}

// The best-scored candidate, a covering one winning a tie. One that needs a fetch-back is taken only
// when its index is forced, or when it is estimated to read fewer units than a full scan (or a full
// scan is not allowed) and than every covering candidate; otherwise the next is considered. Null: scan.
const Candidate* AccessPlanner::choose(std::vector<Candidate>& candidates) const {
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& c) {
    return a.score != c.score ? a.score > c.score : a.covering && !c.covering;
  });
  double cheapest_covering = -1;
  for (const auto& c : candidates)
    if (c.covering && (cheapest_covering < 0 || c.read_units < cheapest_covering)) cheapest_covering = c.read_units;
  for (const auto& c : candidates) {
    if (c.covering || !r_.forced_index.empty()) return &c;
    bool beats_scan = !r_.full_scan_allowed || c.read_units < scan_units();
    if (beats_scan && (cheapest_covering < 0 || c.read_units < cheapest_covering)) return &c;
  }
  return nullptr;
}

// Units a full parallel Scan of the table is estimated to read.
double AccessPlanner::scan_units() const {
  return estimate_scan(read_target(nullptr), r_.scan_segments, 0, 0).read_units;
}

// Why a fetch-back was chosen, for EXPLAIN.
std::string AccessPlanner::fetch_back_choice(const Candidate& c) const {
  if (!r_.forced_index.empty()) return "forced index";
  std::string units = "Query and fetch " + read_units_text(c.read_units);
  double scan = scan_units();
  if (c.read_units < scan) return units + " < Scan " + read_units_text(scan);
  return units + ", full Scan not allowed";
}

// The Query of `c`: its key condition, and as FilterExpression what DynamoDB checks exactly there.
DynamoRead AccessPlanner::query_read(const Candidate& c, ExpressionBuilder& b) {
  DynamoRead read = base_read();
  if (c.index) read.index = c.index->name;
  std::string key = b.name(c.keys.partition_key) + " = :pk";
  absorbed_.insert(c.partition_conjunct);
  if (c.sort_equal) {
    key += " AND " + b.name(c.keys.sort_key) + " = " + b.value(*c.sort_equal);
  } else if (c.sort_condition) {
    const auto& s = *c.sort_condition;
    std::string name = b.name(c.keys.sort_key);
    if (s.op == "BETWEEN") key += " AND " + name + " BETWEEN " + b.value(s.value) + " AND " + b.value(s.value2);
    else if (s.op == "begins_with") key += " AND begins_with(" + name + ", " + b.value(s.value) + ")";
    else key += " AND " + name + " " + s.op + " " + b.value(s.value);
  }
  if (c.sort_conjunct >= 0) absorbed_.insert(c.sort_conjunct);
  read.key_condition = key;
  read.filter = absorb_filters(unfilterable(c.index, &c.keys), b);
  return read;
}

// A Query of the table or a covering index; of an index that is not covering, for the table's keys,
// followed by a fetch-back.
AccessPlan AccessPlanner::query(const Candidate& c) {
  ExpressionBuilder b;
  DynamoRead read = query_read(c, b);
  read.projection = c.covering ? projection(b) : key_projection(b);
  read.attributes = b.attributes;
  const bool in_order =
      r_.order && c.partition_values.size() == 1 && !c.keys.sort_key.empty() && c.keys.sort_key == r_.order->attribute;
  const bool forward = !(in_order && r_.order->descending);
  std::optional<int64_t> limit = in_order && r_.ordered_limit_hint ? r_.ordered_limit_hint : r_.limit_hint;
  const bool engine_free = absorbed_everything(read);
  if (!engine_free) limit.reset();
  if (limit && c.partition_values.size() == 1) read.page_limit = std::min<int64_t>(std::max<int64_t>(*limit, 1), 1000);
  read.estimate = estimate_query(read_target(c.index), c.partition_values.size(), c.unique, c.narrowed(), read.page_limit);
  const double items = read.estimate->items;
  ItemShape shape = c.covering ? shape_ : ItemShape{table_keys(), false, {}};
  auto source = std::make_unique<QuerySource>(std::move(read), c.partition_values, forward, std::move(shape));
  AccessPlan plan = c.covering ? finish(std::move(source))
                               : fetch_back(std::move(source), *c.index, items, limit, fetch_back_choice(c));
  plan.provides_order = in_order;
  return plan;
}

// A Scan of the table or of a forced index; of a forced index that is not covering, for the table's
// keys, followed by a fetch-back.
AccessPlan AccessPlanner::scan() {
  ExpressionBuilder b;
  DynamoRead read = base_read();
  const IndexDescription* index = t_.description.find_index(r_.forced_index);
  if (index) read.index = index->name;
  const bool fetches_back = index && !covers(*index);
  read.filter = absorb_filters(unfilterable(index, nullptr), b);
  read.projection = fetches_back ? key_projection(b) : projection(b);
  read.attributes = b.attributes;
  int parallel = r_.scan_segments;
  const bool engine_free = absorbed_everything(read);
  if (engine_free && r_.limit_hint) {
    read.page_limit = std::min<int64_t>(std::max<int64_t>(*r_.limit_hint, 1), 1000);
    parallel = 1;  // a few rows: one segment reads them in order, without fanning out
  }
  std::vector<SegmentPosition> segments = scan_segments(parallel, r_.restriction);
  read.estimate = estimate_scan(read_target(index), static_cast<int>(segments.size()), r_.restriction.total, read.page_limit);
  if (fetches_back) {
    const double items = read.estimate->items;
    auto scan = std::make_unique<ScanSource>(std::move(read), ItemShape{table_keys(), false, {}}, std::move(segments));
    AccessPlan plan = fetch_back(std::move(scan), *index, items, engine_free ? r_.limit_hint : std::nullopt, "forced index");
    plan.is_scan = true;
    plan.scan = static_cast<IndexFetchSource*>(plan.source.get());  // its positions never pass a key it holds
    return plan;
  }
  auto scan = std::make_unique<ScanSource>(std::move(read), shape_, std::move(segments));
  ScanSource* raw = scan.get();
  AccessPlan plan = finish(std::move(scan));
  plan.is_scan = true;
  plan.scan = raw;
  return plan;
}

// The table's items for the keys `index_read` finds in `index` (about `items` of them), read with
// BatchGetItem. Every condition is checked again on the fetched item, which may have changed since
// the index listed it (a GSI lags the table). When only `limit` rows are wanted (and the engine has no
// other work), batches hold that many keys, so a LIMIT reads no more than it returns.
AccessPlan AccessPlanner::fetch_back(OperatorPtr index_read, const IndexDescription& index, double items,
                                     std::optional<int64_t> limit, std::string choice) {
  ExpressionBuilder b;
  DynamoRead fetch = base_read();
  fetch.projection = fetch_projection(b);
  fetch.attributes = b.attributes;
  fetch.estimate = estimate_lookup(read_target(nullptr), items);
  size_t batch_keys = 100;
  if (limit) batch_keys = static_cast<size_t>(std::clamp<int64_t>(*limit, 1, 100));
  absorbed_.clear();
  return finish(std::make_unique<IndexFetchSource>(std::move(index_read), table_keys(), std::move(fetch), shape_, batch_keys,
                                                   index.name + " (" + index.projection.type + ")", std::move(choice)));
}

bool AccessPlanner::covers(const IndexDescription& index) const {
  if (index.projection.type == "ALL") return true;
  if (r_.star || r_.with_other) return false;
  return std::all_of(r_.attributes.begin(), r_.attributes.end(), [&](const std::string& a) { return projects(index, a); });
}

// Whether `index` holds `attribute`: every index holds its own and the table's key attributes.
bool AccessPlanner::projects(const IndexDescription& index, const std::string& attribute) const {
  if (index.projection.type == "ALL") return true;
  for (const auto* key : {&keys_.partition_key, &keys_.sort_key, &index.keys.partition_key, &index.keys.sort_key})
    if (*key == attribute) return true;
  const auto& included = index.projection.non_key_attributes;
  return std::find(included.begin(), included.end(), attribute) != included.end();
}

// What a FilterExpression reading `index` (null: the table) may not name: an attribute the index does
// not hold (an index read filters only what the index holds), and for a Query the key attributes of
// what is queried. Conditions naming them stay for the engine.
Unfilterable AccessPlanner::unfilterable(const IndexDescription* index, const KeySchema* queried) const {
  return [this, index, queried](const std::string& attribute) {
    if (queried && (attribute == queried->partition_key || attribute == queried->sort_key)) return true;
    return index && !projects(*index, attribute);
  };
}

DynamoRead AccessPlanner::base_read() const {
  DynamoRead read;
  read.table = t_.description.name;
  read.consistent_read = r_.consistent_read;
  return read;
}

// DescribeTable's figures for the table or the index read, and how many items share a partition key
// value in the sample (1 when the sample says nothing).
ReadTarget AccessPlanner::read_target(const IndexDescription* index) const {
  ReadTarget t;
  t.item_count = index ? index->item_count : t_.description.item_count;
  t.size_bytes = index ? index->size_bytes : t_.description.size_bytes;
  auto shared = t_.items_per_partition.find(index ? index->keys.partition_key : keys_.partition_key);
  if (shared != t_.items_per_partition.end()) t.items_per_partition = shared->second;
  t.consistent = r_.consistent_read;
  t.stale = t_.stale;
  return t;
}

std::string AccessPlanner::projection(ExpressionBuilder& b) const {
  if (r_.star || r_.with_other || r_.attributes.empty()) return "";
  std::string out;
  for (const auto& a : r_.attributes) out += (out.empty() ? "" : ", ") + b.name(a);
  return out;
}

// The statement's attributes and the table's key attributes (to put a fetch-back's items in order).
std::string AccessPlanner::fetch_projection(ExpressionBuilder& b) const {
  std::string out = projection(b);
  if (out.empty()) return out;
  for (const auto& key : table_keys())
    if (std::find(r_.attributes.begin(), r_.attributes.end(), key) == r_.attributes.end()) out += ", " + b.name(key);
  return out;
}

// The table's key attributes: what an index read followed by a fetch-back asks for.
std::vector<std::string> AccessPlanner::table_keys() const {
  std::vector<std::string> out{keys_.partition_key};
  if (!keys_.sort_key.empty()) out.push_back(keys_.sort_key);
  return out;
}

std::string AccessPlanner::key_projection(ExpressionBuilder& b) const {
  std::string out;
  for (const auto& key : table_keys()) out += (out.empty() ? "" : ", ") + b.name(key);
  return out;
}

// The FilterExpression of the conjuncts DynamoDB evaluates exactly (marking them absorbed), and the
// superset conditions of date comparisons (date_pushdown.h, which stay residual), leaving out any that
// name an attribute in `excluded`.
std::string AccessPlanner::absorb_filters(const Unfilterable& excluded, ExpressionBuilder& b) {
  std::string filter;
  for (size_t i = 0; i < r_.conjuncts.size(); ++i) {
    if (absorbed_.count(static_cast<int>(i))) continue;
    bool touches_excluded = false;
    visit_bound(*r_.conjuncts[i], [&](const BoundExpr& e) {
      touches_excluded |= e.kind == BoundKind::ColumnRef && excluded(e.attribute);
    });
    if (touches_excluded) continue;
    if (auto f = translate_condition(*r_.conjuncts[i], r_.relation, b)) {
      filter += (filter.empty() ? "" : " AND ") + *f;
      absorbed_.insert(static_cast<int>(i));
    } else if (auto superset = date_superset_condition(*r_.conjuncts[i], r_.relation, b)) {
      filter += (filter.empty() ? "" : " AND ") + *superset;  // narrows the read; the comparison stays residual
    }
  }
  return filter;
}

AccessPlan AccessPlanner::finish(OperatorPtr source) {
  AccessPlan plan;
  plan.source = std::move(source);
  for (size_t i = 0; i < r_.conjuncts.size(); ++i)
    if (!absorbed_.count(static_cast<int>(i))) plan.residual.push_back(std::move(r_.conjuncts[i]));
  return plan;
}

}  // namespace

AccessPlan choose_access_path(AccessRequest request) { return AccessPlanner(std::move(request)).plan(); }

}  // namespace dynamosql
