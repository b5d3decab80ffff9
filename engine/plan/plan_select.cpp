// One SELECT, planned in steps (see planner.h): the FROM items' sources, WHERE and ON distributed to
// them, joins, the rest of WHERE, aggregation and HAVING, projection (with hidden columns for ORDER BY
// keys outside the select list), DISTINCT, sort, LIMIT/OFFSET.
#include <algorithm>

#include "dynamosql/error.h"
#include "exec/operators.h"
#include "exec/sources.h"
#include "exec/window_operator.h"
#include "plan/access_path.h"
#include "plan/decorrelate.h"
#include "plan/planner.h"
#include "plan/row_layout.h"
#include "streams/stream_table.h"

namespace dynamosql {

namespace {

// The conditions of one JOIN: equality keys for a hash join, and the rest.
struct JoinConditions {
  std::vector<BoundExprPtr> left_keys, right_keys, residual;
};

class SelectPlanner {
 public:
  SelectPlanner(Planner& planner, BoundSelect& select, BoundQuery* owner)
      : planner_(planner), s_(select), owner_(owner), pushed_(select.relations.size()),
        derived_(select.relations.size()), joins_(select.joins.size()), stream_reads_(select.relations.size()),
        layout_(select.relations) {}

  OperatorPtr plan() {
    plan_derived_tables();
    prepare_expressions();
    check_segment_may_combine();
    distribute_where();
    distribute_join_conditions();
    read_limits();
    OperatorPtr root = join(read_relations());
    root = join_where_subqueries(std::move(root));
    root = filter_rest_of_where(std::move(root));
    root = join_output_subqueries(std::move(root));
    if (s_.aggregated) root = aggregate(std::move(root));
    if (!s_.windows.empty()) root = window(std::move(root));
    root = project(std::move(root));
    return finish(std::move(root));
  }

 private:
  void plan_derived_tables();
  void prepare_expressions();
  void check_segment_may_combine() const;
  void distribute_where();
  void note_stream_start(size_t relation, const BoundExpr& conjunct);
  void distribute_join_conditions();
  void read_limits();
  std::vector<OperatorPtr> read_relations();
  OperatorPtr read_base_table(size_t i);
  std::optional<WantedOrder> wanted_order() const;
  OperatorPtr join(std::vector<OperatorPtr> sources);
  OperatorPtr join_range(std::vector<OperatorPtr>& sources, size_t begin, size_t end);
  OperatorPtr join_where_subqueries(OperatorPtr root);
  OperatorPtr join_output_subqueries(OperatorPtr root);
  OperatorPtr filter_rest_of_where(OperatorPtr root);
  OperatorPtr aggregate(OperatorPtr root);
  OperatorPtr window(OperatorPtr root);
  OperatorPtr project(OperatorPtr root);
  OperatorPtr finish(OperatorPtr root);
  void place(BoundExpr& e) const;

  Planner& planner_;
  BoundSelect& s_;
  BoundQuery* owner_;  // the query whose only term this SELECT is (its LIMIT/OFFSET), or null
  std::vector<std::vector<BoundExprPtr>> pushed_;  // per FROM item: conjuncts over it alone
  std::vector<OperatorPtr> derived_;               // per FROM item: planned derived tables
  std::vector<BoundExprPtr> where_rest_;           // conjuncts over several FROM items
  std::vector<JoinConditions> joins_;
  std::vector<StreamReadOptions> stream_reads_;
  RowLayout layout_;  // the joined row of every FROM item
  std::vector<OutputColumn> aggregation_columns_;
  size_t aggregation_groups_ = 0;
  std::vector<OutputColumn> window_columns_;  // the window operator's output row, when there is one
  size_t window_count_ = 0;                   // its last columns: the window calls
  std::vector<SortKey> sort_keys_;
  size_t visible_ = 0;
  int64_t limit_ = -1, offset_ = 0;
  bool provides_order_ = false;
};

void SelectPlanner::plan_derived_tables() {
  for (size_t i = 0; i < s_.relations.size(); ++i) {
    BoundRelation& rel = s_.relations[i];
    if (rel.kind != RelationKind::Derived) continue;
    bool driving = planner_.driving() && i == 0;
    if (rel.working_table) derived_[i] = planner_.read_working_table(*rel.working_table);
    else if (rel.subquery->outer_reference) Planner::correlated(*rel.subquery->outer_reference, "in FROM");
    else if (rel.cte && rel.cte->references > 1) derived_[i] = planner_.read_materialized(*rel.cte, rel.position);
    else if (rel.cte) derived_[i] = planner_.plan_cte(*rel.cte, driving);
    else derived_[i] = planner_.plan_subquery(*rel.subquery, driving);
    for (size_t c = 0; c < rel.columns.size(); ++c) rel.columns[c].type = derived_[i]->columns[c].type;
  }
}

void SelectPlanner::prepare_expressions() {
  for (auto& e : s_.outputs) planner_.prepare(e, !s_.aggregated);
  planner_.prepare(s_.where, true);
  for (auto& g : s_.groups) planner_.prepare(g);
  planner_.prepare(s_.having);
  for (auto& j : s_.joins) planner_.prepare(j.condition);
  for (auto& k : s_.order) planner_.prepare(k.expr, !s_.aggregated);
  for (auto& a : s_.aggregates) {
    planner_.prepare(a.argument);
    for (auto& e : a.more) planner_.prepare(e);
    for (auto& e : a.order) planner_.prepare(e);
    planner_.prepare(a.filter);
  }
  for (auto& w : s_.windows) planner_.prepare(w);
}

namespace {

// The first aggregate in `e` (null when none): COUNT(*), SUM(price), ...
const BoundExpr* first_aggregate(const BoundExpr* e) {
  const BoundExpr* found = nullptr;
  if (e)
    visit_bound(*e, [&](const BoundExpr& x) {
      if (!found && x.kind == BoundKind::AggregateRef) found = &x;
    });
  return found;
}

}  // namespace

// A SELECT restricted to a segment may not combine its rows (see Planner::check_segment_may_combine):
// the aggregation is named by its first aggregate, else GROUP BY.
void SelectPlanner::check_segment_may_combine() const {
  if (s_.aggregated) {
    const BoundExpr* named = nullptr;
    for (const auto& e : s_.outputs) named = named ? named : first_aggregate(e.get());
    named = named ? named : first_aggregate(s_.having.get());
    for (const auto& k : s_.order) named = named ? named : first_aggregate(k.expr.get());
    if (named) planner_.check_segment_may_combine(named->text, named->position);
    else planner_.check_segment_may_combine("GROUP BY", s_.groups.empty() ? s_.position : s_.groups[0]->position);
  }
  if (s_.distinct) planner_.check_segment_may_combine("SELECT DISTINCT", s_.position);
  if (!s_.windows.empty()) planner_.check_segment_may_combine(s_.windows[0]->text, s_.windows[0]->position);
}

// A WHERE conjunct over one FROM item is applied where that item is read, unless the item is the NULL
// side of an outer join (there it must see the null-extended rows) or the conjunct has a correlated
// subquery (answered by a join after the FROM items').
void SelectPlanner::distribute_where() {
  std::vector<BoundExprPtr> conjuncts;
  split_conjuncts(std::move(s_.where), conjuncts);
  for (auto& c : conjuncts) {
    if (has_correlated_subquery(*c)) {
      where_rest_.push_back(std::move(c));
      continue;
    }
    auto rels = RowLayout::relations_of(*c);
    if (rels.size() == 1 && s_.relations[static_cast<size_t>(rels[0])].kind == RelationKind::StreamTable)
      note_stream_start(static_cast<size_t>(rels[0]), *c);
    if (rels.size() == 1 && !s_.relations[static_cast<size_t>(rels[0])].null_extended)
      pushed_[static_cast<size_t>(rels[0])].push_back(std::move(c));
    else
      where_rest_.push_back(std::move(c));
  }
}

// `sequence_number > x` / `>= x` (x an integer): where the stream reader starts each shard (the
// highest of several bounds). The comparison also stays as a filter.
void SelectPlanner::note_stream_start(size_t relation, const BoundExpr& c) {
  if (c.kind != BoundKind::Compare) return;
  const BoundExpr* column = c.children[0].get();
  const BoundExpr* bound = c.children[1].get();
  CompareOp op = c.compare;
  if (column->kind != BoundKind::ColumnRef) {
    std::swap(column, bound);
    op = flipped(op);
  }
  if (column->attribute != "sequence_number" || !column->path.empty() || bound->kind != BoundKind::Constant ||
      (op != CompareOp::Greater && op != CompareOp::GreaterOrEqual))
    return;
  const Value& v = bound->value;
  if (v.type() != ValueType::Number && v.type() != ValueType::String) return;
  auto n = Number::parse(v.text());
  if (!n || !n->is_integer() || n->is_negative()) return;
  std::string text = n->to_string();
  if (text.find_first_not_of("0123456789") != std::string::npos) return;
  StreamReadOptions& read = stream_reads_[relation];
  if (!read.from_sequence || compare_sequence_numbers(text, *read.from_sequence) > 0) {
    read.from_sequence = text;
    read.from_inclusive = op == CompareOp::GreaterOrEqual;
  }
}

// ON conjuncts over a joined FROM item alone are applied where it is read, unless a RIGHT or FULL join
// keeps its rows (ON never removes a kept row); likewise those over a left side of one FROM item alone
// when a RIGHT join keeps the joined item's rows instead. (A side that is a parenthesised joined table
// is not filtered before it is joined: its conjuncts are checked on the joined row.) `left = right`
// equalities become hash-join keys; the rest is checked on the joined row.
void SelectPlanner::distribute_join_conditions() {
  for (size_t j = 0; j < s_.joins.size(); ++j) {
    const BoundJoin& kind = s_.joins[j];
    if (kind.right) planner_.check_segment_may_combine(kind.left ? "FULL JOIN" : "RIGHT JOIN", kind.position);
    int left = static_cast<int>(kind.left_begin), right = static_cast<int>(j + 1), end = static_cast<int>(kind.right_end);
    auto left_only = [&](const std::vector<int>& r) { return !r.empty() && r.front() >= left && r.back() < right; };
    auto right_only = [&](const std::vector<int>& r) { return !r.empty() && r.front() >= right && r.back() < end; };
    auto only = [&](const std::vector<int>& r, int item, int item_end) { return item_end == item + 1 && r.size() == 1 && r[0] == item; };
    std::vector<BoundExprPtr> parts;
    split_conjuncts(std::move(s_.joins[j].condition), parts);
    for (auto& c : parts) {
      auto rels = RowLayout::relations_of(*c);
      if (!kind.right && only(rels, right, end)) {
        pushed_[static_cast<size_t>(right)].push_back(std::move(c));
        continue;
      }
      if (kind.right && !kind.left && only(rels, left, right)) {
        pushed_[static_cast<size_t>(left)].push_back(std::move(c));
        continue;
      }
      if (c->kind == BoundKind::Compare && c->compare == CompareOp::Equal) {
        auto l = RowLayout::relations_of(*c->children[0]);
        auto r = RowLayout::relations_of(*c->children[1]);
        if (right_only(l) && left_only(r)) std::swap(c->children[0], c->children[1]), std::swap(l, r);
        if (left_only(l) && right_only(r)) {
          joins_[j].left_keys.push_back(std::move(c->children[0]));
          joins_[j].right_keys.push_back(std::move(c->children[1]));
          continue;
        }
      }
      joins_[j].residual.push_back(std::move(c));
    }
  }
}

void SelectPlanner::read_limits() {
  if (!owner_) return;
  limit_ = planner_.count(owner_->limit, "LIMIT");
  offset_ = std::max<int64_t>(0, planner_.count(owner_->offset, "OFFSET"));
  if (limit_ >= 0 || offset_ > 0) planner_.check_segment_may_combine("LIMIT/OFFSET", (owner_->limit ? owner_->limit : owner_->offset)->position);
}

std::vector<OperatorPtr> SelectPlanner::read_relations() {
  std::vector<OperatorPtr> sources;
  bool recursive_term = std::any_of(s_.relations.begin(), s_.relations.end(), [](const BoundRelation& r) { return r.reads_working_table; });
  for (size_t i = 0; i < s_.relations.size(); ++i) {
    const BoundRelation& rel = s_.relations[i];
    RowLayout own(s_.relations);
    own.append(i);
    for (auto& c : pushed_[i]) own.place(*c);
    OperatorPtr op;
    if (rel.kind == RelationKind::BaseTable) {
      op = read_base_table(i);
    } else if (rel.kind == RelationKind::StreamTable) {
      StreamSourceOptions options;
      options.checkpoint = planner_.settings().stream_checkpoint;
      options.checkpoint_store = planner_.settings().checkpoint_store;
      options.read = stream_reads_[i];
      options.read.start_at_latest = planner_.settings().stream_start_latest;
      options.read.follow = planner_.settings().stream_follow;
      op = std::make_unique<StreamSource>(rel.stream, std::move(options));
      if (i == 0 && planner_.outside_segment_zero())
        op = planner_.outside_segment(op->columns, "streams." + rel.table->description.name + " is read whole in segment 0");
    } else {
      op = std::move(derived_[i]);
    }
    if (!pushed_[i].empty()) op = std::make_unique<FilterOperator>(std::move(op), join_conjuncts(std::move(pushed_[i])));
    if (recursive_term && !rel.reads_working_table) op = Planner::hold_for_iterations(std::move(op), rel.alias);
    sources.push_back(std::move(op));
  }
  return sources;
}

// The access path of a base table; what DynamoDB does not absorb is left in pushed_[i].
OperatorPtr SelectPlanner::read_base_table(size_t i) {
  const BoundRelation& rel = s_.relations[i];
  const PlannerSettings& settings = planner_.settings();
  AccessRequest request;
  request.table = rel.table.get();
  request.relation = static_cast<int>(i);
  request.forced_index = rel.index;
  request.attributes = rel.attributes;
  request.star = rel.star;
  request.with_other = rel.with_other;
  request.conjuncts = std::move(pushed_[i]);
  request.scan_segments = settings.scan_segments;
  request.consistent_read = settings.consistent_read;
  request.full_scan_allowed = settings.allow_full_scan;
  bool simple = s_.relations.size() == 1 && !s_.aggregated && s_.windows.empty() && !s_.distinct && where_rest_.empty();
  request.order = wanted_order();
  if (simple && limit_ >= 0 && s_.order.empty()) request.limit_hint = limit_ + offset_;
  if (simple && limit_ >= 0 && request.order) request.ordered_limit_hint = limit_ + offset_;
  bool segmented = i == 0 && planner_.driving() && settings.segment.active();
  if (segmented) request.restriction = settings.segment;
  AccessPlan access = choose_access_path(std::move(request));
  if (access.is_scan && !settings.allow_full_scan)
    fail_at(rel.position, sqlstate::kSyntax,
            "this statement would scan the whole table \"" + rel.table->description.name +
                "\"; add a condition on its key, or SET allow_full_scan = true");
  if (segmented && !access.is_scan && planner_.outside_segment_zero()) {
    access.source = planner_.outside_segment({}, rel.table->description.name + " is read by key, whole in segment 0");
    access.provides_order = false;
  }
  if (i == 0 && planner_.driving() && access.scan) planner_.note_first_table_scan(access.scan);
  provides_order_ = access.provides_order;
  access.source->columns = output_columns(rel);
  pushed_[i] = std::move(access.residual);
  return std::move(access.source);
}

// ORDER BY one attribute of the only FROM item, which a Query may return in order.
std::optional<WantedOrder> SelectPlanner::wanted_order() const {
  if (s_.relations.size() != 1 || s_.aggregated || s_.distinct || s_.order.size() != 1) return std::nullopt;
  const BoundOrderKey& key = s_.order[0];
  const BoundExpr& e = key.output >= 0 ? *s_.outputs[static_cast<size_t>(key.output)] : *key.expr;
  if (!e.is_column_of(0) || !e.path.empty()) return std::nullopt;
  return WantedOrder{e.attribute, key.descending};
}

OperatorPtr SelectPlanner::join(std::vector<OperatorPtr> sources) {
  if (sources.empty()) {
    if (planner_.outside_segment_zero()) return planner_.outside_segment({}, "a SELECT without FROM runs in segment 0");
    return std::make_unique<RowsSource>(std::vector<OutputColumn>{}, std::vector<Row>{Row{}}, "OneRow");
  }
  OperatorPtr root = join_range(sources, 0, sources.size());
  for (size_t r = 0; r < sources.size(); ++r) layout_.append(r);
  return root;
}

// FROM items [begin, end) joined, their columns in that order: the first, then each join's right side
// (a parenthesised joined table planned as one input, joined as a whole).
OperatorPtr SelectPlanner::join_range(std::vector<OperatorPtr>& sources, size_t begin, size_t end) {
  OperatorPtr root = std::move(sources[begin]);
  RowLayout left(s_.relations);
  left.append(begin);
  for (size_t at = begin + 1; at < end;) {
    size_t j = at - 1, right_end = s_.joins[j].right_end;
    JoinConditions& c = joins_[j];
    OperatorPtr right_input = right_end == at + 1 ? std::move(sources[at]) : join_range(sources, at, right_end);
    RowLayout right(s_.relations);
    for (size_t r = at; r < right_end; ++r) right.append(r);
    for (auto& k : c.left_keys) left.place(*k);
    for (auto& k : c.right_keys) right.place(*k);
    for (size_t r = at; r < right_end; ++r) left.append(r);
    BoundExprPtr residual = join_conjuncts(std::move(c.residual));
    if (residual) left.place(*residual);
    root = std::make_unique<JoinOperator>(std::move(root), std::move(right_input), s_.joins[j].left, s_.joins[j].right,
                                          std::move(c.left_keys), std::move(c.right_keys), std::move(residual));
    at = right_end;
  }
  return root;
}

// Correlated subqueries, each a join adding a column (decorrelate.h): those of WHERE first, then, once
// WHERE has filtered, those of the select list and ORDER BY, so they are answered only for the rows kept
// (a scalar subquery with two rows for a rejected row is no 21000).
OperatorPtr SelectPlanner::join_where_subqueries(OperatorPtr root) {
  std::vector<BoundExpr*> exprs;
  for (auto& c : where_rest_) exprs.push_back(c.get());
  return join_correlated_subqueries(planner_, std::move(root), exprs, layout_);
}

OperatorPtr SelectPlanner::join_output_subqueries(OperatorPtr root) {
  std::vector<BoundExpr*> exprs;
  for (auto& e : s_.outputs) exprs.push_back(e.get());
  for (auto& k : s_.order)
    if (k.expr) exprs.push_back(k.expr.get());
  return join_correlated_subqueries(planner_, std::move(root), exprs, layout_);
}

OperatorPtr SelectPlanner::filter_rest_of_where(OperatorPtr root) {
  if (where_rest_.empty()) return root;
  BoundExprPtr predicate = join_conjuncts(std::move(where_rest_));
  layout_.place(*predicate);
  return std::make_unique<FilterOperator>(std::move(root), std::move(predicate));
}

// Output rows: the GROUP BY values, then the aggregates; HAVING filters them.
OperatorPtr SelectPlanner::aggregate(OperatorPtr root) {
  for (auto& g : s_.groups) {
    layout_.place(*g);
    aggregation_columns_.push_back({g->text, "", g->type, false});
  }
  for (auto& a : s_.aggregates) {
    if (a.argument) layout_.place(*a.argument);
    for (auto& e : a.more) layout_.place(*e);
    for (auto& e : a.order) layout_.place(*e);
    if (a.filter) layout_.place(*a.filter);
    if (!a.function) {  // GROUPING
      aggregation_columns_.push_back({"grouping", "", a.type, false});
      continue;
    }
    a.type = a.function->result_rule == ResultRule::FirstArgument && a.argument ? a.argument->type : a.function->result;
    aggregation_columns_.push_back({a.function->name, "", a.type, false});
  }
  size_t groups = s_.groups.size();
  root = std::make_unique<AggregateOperator>(std::move(root), std::move(s_.groups), std::move(s_.aggregates), aggregation_columns_,
                                             std::move(s_.grouping_sets));
  if (s_.having) {
    place_over_aggregation(*s_.having, aggregation_columns_, groups);
    root = std::make_unique<FilterOperator>(std::move(root), std::move(s_.having), "Having");
  }
  aggregation_groups_ = groups;
  return root;
}

// The window calls' values follow the row they are computed over (the aggregation's, or the joined
// row); each call's arguments, PARTITION BY and ORDER BY are placed over that row.
OperatorPtr SelectPlanner::window(OperatorPtr root) {
  std::vector<OutputColumn> cols = root->columns;
  for (auto& call : s_.windows) {
    place(*call);
    cols.push_back({call->text, "", call->type, false});
  }
  window_count_ = s_.windows.size();
  window_columns_ = cols;
  return std::make_unique<WindowOperator>(std::move(root), std::move(s_.windows), std::move(cols));
}

// Places `e` over the row the select list is computed from: GroupRefs and AggregateRefs onto the
// aggregation's row, columns onto the joined row, WindowRefs onto the window operator's columns.
void SelectPlanner::place(BoundExpr& e) const {
  if (!window_columns_.empty())
    visit_bound(e, [&](BoundExpr& x) {
      if (x.kind != BoundKind::WindowRef) return;
      x.slot = static_cast<int>(window_columns_.size() - window_count_) + x.index;
      x.type = window_columns_[static_cast<size_t>(x.slot)].type;
    });
  if (s_.aggregated) place_over_aggregation(e, aggregation_columns_, aggregation_groups_);
  else layout_.place(e);
  if (!window_columns_.empty()) retype(e);
}

// The select list, then a hidden column for each ORDER BY key outside it.
OperatorPtr SelectPlanner::project(OperatorPtr root) {
  std::vector<OutputColumn> cols;
  for (size_t i = 0; i < s_.outputs.size(); ++i) {
    place(*s_.outputs[i]);
    cols.push_back({s_.output_columns[i].name, s_.output_columns[i].base_table, s_.outputs[i]->type, false});
  }
  visible_ = cols.size();
  for (auto& key : s_.order) {
    int slot = key.output;
    if (slot < 0) {
      place(*key.expr);
      slot = static_cast<int>(s_.outputs.size());
      cols.push_back({key.text, "", key.expr->type, true});
      s_.outputs.push_back(std::move(key.expr));
    }
    sort_keys_.push_back({make_slot_ref(slot, cols[static_cast<size_t>(slot)].type, key.text, key.position), key.descending,
                          key.nulls_first});
  }
  return std::make_unique<ProjectOperator>(std::move(root), std::move(s_.outputs), cols);
}

OperatorPtr SelectPlanner::finish(OperatorPtr root) {
  if (s_.distinct) root = std::make_unique<DistinctOperator>(std::move(root));
  if (!sort_keys_.empty() && !provides_order_)
    root = std::make_unique<SortOperator>(std::move(root), std::move(sort_keys_), rows_to_keep(limit_, offset_));
  if (limit_ >= 0 || offset_ > 0) root = std::make_unique<LimitOperator>(std::move(root), limit_, offset_);
  if (root->columns.size() == visible_) return root;
  std::vector<BoundExprPtr> keep;
  std::vector<OutputColumn> keep_cols(root->columns.begin(), root->columns.begin() + static_cast<long>(visible_));
  for (size_t i = 0; i < visible_; ++i) keep.push_back(make_slot_ref(static_cast<int>(i), keep_cols[i].type, keep_cols[i].name, s_.position));
  return std::make_unique<ProjectOperator>(std::move(root), std::move(keep), keep_cols);
}

}  // namespace

OperatorPtr plan_select(Planner& planner, BoundSelect& select, BoundQuery* owner) {
  return SelectPlanner(planner, select, owner).plan();
}

}  // namespace dynamosql
