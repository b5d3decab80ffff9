// The planner; see planner.h. One function per SELECT: relations -> binding -> pushdown per table ->
// joins -> aggregation -> projection -> DISTINCT -> sort -> limit.
#include "plan/planner.h"

#include <algorithm>
#include <set>

#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "exec/operators.h"
#include "exec/sources.h"
#include "plan/access_path.h"
#include "plan/binder.h"
#include "streams/stream_table.h"

namespace dynamosql {
namespace {

const std::set<std::string> kFunctions = {
    "count", "sum", "min", "max", "avg", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with",
    "contains", "size", "coalesce", "ifnull", "nvl", "nullif", "upper", "ucase", "lower", "lcase", "length",
    "char_length", "character_length", "len", "substr", "substring", "left", "right", "trim", "ltrim", "rtrim",
    "replace", "concat", "abs", "round", "floor", "ceil", "ceiling", "truncate", "trunc", "mod", "to_json", "json",
    "typeof", "list_append", "if_not_exists"};

[[noreturn]] void fail_at(const Position& p, const char* state, const std::string& message) {
  throw Error(state, message).at(p.line, p.column);
}

ExprPtr slot_ref(int slot, const std::string& text, const Position& pos) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::Column;
  e->slot = slot;
  e->path_start = 0;  // no path: the whole slot
  e->text = text;
  e->position = pos;
  return e;
}

// The first aggregate call in `root` (null when none): COUNT(*), SUM(price), ...
const Expr* first_aggregate(const Expr* root) {
  const Expr* found = nullptr;
  if (root)
    visit_exprs(*root, [&](const Expr& e) {
      if (!found && e.kind == ExprKind::Function && is_aggregate_function(e.op)) found = &e;
    });
  return found;
}

bool contains_aggregate(const Expr& root) { return first_aggregate(&root) != nullptr; }

void check_functions(const Expr& root) {
  visit_exprs(root, [&](const Expr& e) {
    if (e.kind == ExprKind::Function && !kFunctions.count(e.op))
      fail_at(e.position, sqlstate::kSyntax, "unknown function " + e.op + "()");
    if (e.kind == ExprKind::Function && e.star && e.op != "count")
      fail_at(e.position, sqlstate::kSyntax, e.op + "(*) is not valid; only COUNT(*)");
  });
}

void rebase(Expr& root, size_t offset) {
  visit_exprs(root, [&](Expr& e) {
    if (e.kind == ExprKind::Column && e.slot >= 0) e.slot -= static_cast<int>(offset);
  });
}

std::string column_name(const SelectItem& item) {
  if (!item.alias.empty()) return item.alias;
  const Expr& e = *item.expr;
  if (e.kind == ExprKind::Column && !e.path.empty()) {
    for (size_t i = e.path.size(); i-- > 0;)
      if (!e.path[i].is_index()) return e.path[i].name;
  }
  return e.text;
}

// Rewrites an expression evaluated after aggregation: GROUP BY expressions and aggregates become
// references into the aggregate's output row.
struct AggregateRewriter {
  const std::vector<ExprPtr>& groups;
  std::vector<AggregateSpec>& specs;

  ExprPtr rewrite(ExprPtr e) {
    for (size_t i = 0; i < groups.size(); ++i)
      if (same_expr(*e, *groups[i])) return slot_ref(static_cast<int>(i), e->text, e->position);
    if (e->kind == ExprKind::Function && is_aggregate_function(e->op)) {
      if (e->children.size() > 1) fail_at(e->position, sqlstate::kSyntax, e->op + "() takes one argument");
      if (!e->star && e->children.empty()) fail_at(e->position, sqlstate::kSyntax, e->op + "() needs an argument");
      if (!e->children.empty() && contains_aggregate(*e->children[0]))
        fail_at(e->position, sqlstate::kSyntax, "aggregate functions cannot be nested");
      for (size_t k = 0; k < specs.size(); ++k) {
        const auto& s = specs[k];
        bool same_arg = (!s.argument && e->children.empty()) ||
                        (s.argument && !e->children.empty() && same_expr(*s.argument, *e->children[0]));
        if (s.function == e->op && s.distinct == e->distinct && same_arg)
          return slot_ref(static_cast<int>(groups.size() + k), e->text, e->position);
      }
      AggregateSpec spec;
      spec.function = e->op;
      spec.distinct = e->distinct;
      if (!e->children.empty()) spec.argument = std::move(e->children[0]);
      specs.push_back(std::move(spec));
      return slot_ref(static_cast<int>(groups.size() + specs.size() - 1), e->text, e->position);
    }
    if (e->kind == ExprKind::Column)
      fail_at(e->position, sqlstate::kSyntax,
              "column \"" + e->text + "\" must appear in GROUP BY or be used in an aggregate function");
    for (auto& c : e->children)
      if (c) c = rewrite(std::move(c));
    return e;
  }
};

}  // namespace

void Planner::substitute_parameters(Expr& root) const {
  visit_exprs(root, [&](Expr& e) {
    if (e.kind != ExprKind::Parameter) return;
    size_t i = static_cast<size_t>(e.parameter_index);
    if (i >= parameters_.size() || !parameters_[i])
      fail_at(e.position, "07002", "parameter " + std::to_string(i + 1) + " is not bound");
    e.kind = ExprKind::Literal;
    e.value = *parameters_[i];
  });
}

int64_t Planner::constant_count(const Expr* e, const char* what) {
  if (!e) return -1;
  ExprPtr bound;
  if (e->kind == ExprKind::Parameter) {
    bound = e->clone();
    substitute_parameters(*bound);
    e = bound.get();
  }
  if (e->kind != ExprKind::Literal || e->value.type() != ValueType::Number || !e->value.as_number().is_integer() ||
      e->value.as_number().is_negative() || !e->value.as_number().to_int64())
    fail_at(e->position, sqlstate::kInvalidParameter, std::string(what) + " must be a non-negative integer");
  return *e->value.as_number().to_int64();
}

void Planner::resolve_subqueries(Expr& root) {
  visit_exprs(root, [&](Expr& e) {
    if (e.kind != ExprKind::InSubquery && e.kind != ExprKind::Subquery) return;
    OperatorPtr sub = plan_subquery(*e.subquery, false);
    size_t visible = 0;
    for (const auto& c : sub->columns) visible += !c.hidden;
    if (visible != 1) fail_at(e.position, sqlstate::kSyntax, "subquery must return exactly one column");
    std::vector<Row> rows = run_(*sub);
    if (e.kind == ExprKind::InSubquery) {
      e.kind = ExprKind::InList;
      for (auto& r : rows) {
        auto lit = std::make_unique<Expr>();
        lit->value = r[0].is_missing() ? Value::null() : r[0];
        lit->position = e.position;
        lit->text = "<subquery value>";
        e.children.push_back(std::move(lit));
      }
    } else {
      if (rows.size() > 1) fail_at(e.position, "21000", "scalar subquery returned more than one row");
      e.kind = ExprKind::Literal;
      e.value = rows.empty() || rows[0][0].is_missing() ? Value::null() : rows[0][0];
    }
    e.subquery.reset();
  });
}

OperatorPtr Planner::plan_subquery(const Query& query, bool driving) {
  struct Restore {
    bool& flag;
    bool saved;
    ~Restore() { flag = saved; }
  } restore{driving_, driving_};
  driving_ = driving;
  return plan_query(query);
}

OperatorPtr Planner::outside_segment(std::vector<OutputColumn> columns, const std::string& why) const {
  return std::make_unique<RowsSource>(std::move(columns), std::vector<Row>{},
                                      "Nothing (" + settings_.segment.text() + "): " + why);
}

void Planner::check_segment_may_combine(const std::string& what, const Position& position) const {
  if (!driving_ || !settings_.segment.active() || settings_.segment_partial_results) return;
  fail_at(position, sqlstate::kSyntax,
          what + " over " + settings_.segment.text() +
              " would answer for that segment alone, not the table; run it without scan_segment, or SET "
              "segment_partial_results = true for each segment's own answer");
}

OperatorPtr Planner::plan_query(const Query& q) {
  if (q.terms.size() == 1 && q.terms[0].spec) return plan_spec(*q.terms[0].spec, &q);
  std::vector<OperatorPtr> inputs;
  for (const auto& term : q.terms) inputs.push_back(term.spec ? plan_spec(*term.spec, nullptr) : plan_query(*term.nested));
  auto width = [](const Operator& op) {
    size_t n = 0;
    for (const auto& c : op.columns) n += !c.hidden;
    return n;
  };
  for (const auto& in : inputs)
    if (width(*in) != width(*inputs[0]))
      fail_at(q.position, sqlstate::kSyntax, "each UNION ALL query must have the same number of columns");
  OperatorPtr root = inputs.size() == 1 ? std::move(inputs[0]) : std::make_unique<UnionAllOperator>(std::move(inputs));
  if (!q.order_by.empty()) {
    std::vector<SortKey> keys;
    for (const auto& item : q.order_by) {
      int slot = -1;
      const Expr& e = *item.expr;
      if (e.kind == ExprKind::Literal && e.value.type() == ValueType::Number) {
        auto n = e.value.as_number().to_int64();
        if (n && *n >= 1 && static_cast<size_t>(*n) <= root->columns.size()) slot = static_cast<int>(*n - 1);
      } else if (e.kind == ExprKind::Column && e.path.size() == 1) {
        for (size_t i = 0; i < root->columns.size(); ++i)
          if (root->columns[i].name == e.path[0].name) slot = static_cast<int>(i);
      }
      if (slot < 0) fail_at(e.position, sqlstate::kSyntax, "ORDER BY of a UNION ALL must name an output column or its position");
      keys.push_back({slot_ref(slot, e.text, e.position), item.descending, item.nulls_first.value_or(!item.descending)});
    }
    root = std::make_unique<SortOperator>(std::move(root), std::move(keys));
  }
  int64_t limit = constant_count(q.limit.get(), "LIMIT");
  int64_t offset = std::max<int64_t>(0, constant_count(q.offset.get(), "OFFSET"));
  if (limit >= 0 || offset > 0) {
    check_segment_may_combine("LIMIT/OFFSET", (q.limit ? q.limit : q.offset)->position);
    root = std::make_unique<LimitOperator>(std::move(root), limit, offset);
  }
  return root;
}

// `sequence_number > x` / `>= x` (x a number literal or parameter) among the top-level AND terms of
// WHERE: where the stream reader starts each shard. The comparison also stays as a filter.
void Planner::stream_lower_bound(const Expr* where, const std::string& alias, StreamReadOptions& read) const {
  if (!where) return;
  if (where->kind == ExprKind::And) {
    for (const auto& c : where->children) stream_lower_bound(c.get(), alias, read);
    return;
  }
  if (where->kind != ExprKind::Compare || where->children.size() != 2) return;
  const Expr* column = where->children[0].get();
  const Expr* bound = where->children[1].get();
  std::string op = where->op;
  if (column->kind != ExprKind::Column) {
    std::swap(column, bound);
    op = op == "<" ? ">" : op == "<=" ? ">=" : op == ">" ? "<" : op == ">=" ? "<=" : op;
  }
  if (column->kind != ExprKind::Column || (op != ">" && op != ">=")) return;
  const auto& path = column->path;
  bool named = (path.size() == 1 && path[0].name == "sequence_number") ||
               (path.size() == 2 && path[0].name == alias && path[1].name == "sequence_number");
  if (!named) return;
  Value v;
  if (bound->kind == ExprKind::Literal) v = bound->value;
  else if (bound->kind == ExprKind::Parameter && bound->parameter_index >= 0 &&
           static_cast<size_t>(bound->parameter_index) < parameters_.size() && parameters_[bound->parameter_index])
    v = *parameters_[bound->parameter_index];
  if (v.type() != ValueType::Number && v.type() != ValueType::String) return;
  auto n = Number::parse(v.text());
  if (!n || !n->is_integer() || n->is_negative()) return;
  std::string text = n->to_string();
  if (text.find_first_not_of("0123456789") != std::string::npos) return;
  // Of several bounds the highest wins.
  if (!read.from_sequence || compare_sequence_numbers(text, *read.from_sequence) > 0) {
    read.from_sequence = text;
    read.from_inclusive = op == ">=";
  }
}

OperatorPtr Planner::plan_spec(const QuerySpec& spec, const Query* order_source) {
  // 1. Relations in scope.
  std::vector<Relation> relations;
  std::vector<const TableRef*> refs{spec.from.get()};
  for (const auto& j : spec.joins) refs.push_back(j.right.get());
  if (!spec.from) refs.clear();
  for (size_t i = 0; i < refs.size(); ++i) {
    const TableRef& ref = *refs[i];
    Relation rel;
    bool segmented = driving_ && i == 0 && settings_.segment.active();
    if (ref.subquery) {
      rel.subquery = plan_subquery(*ref.subquery, driving_ && i == 0);
      rel.alias = ref.alias;
      rel.columns = rel.subquery->columns;  // each keeps the base table it came from, if any
    } else if (!ref.schema.empty()) {
      if (ref.schema != kStreamsSchema)
        fail_at(ref.position, sqlstate::kTableNotFound,
                "schema \"" + ref.schema + "\" does not exist (tables have no schema; stream tables are streams.<table>)");
      rel.alias = ref.alias.empty() ? ref.table : ref.alias;
      StreamTableInfo info;
      try {
        info = stream_table_info(*catalog_.table(ref.table));
      } catch (Error& e) {
        if (e.line() == 0) e.at(ref.position.line, ref.position.column);
        throw;
      }
      StreamSourceOptions options;
      options.checkpoint = settings_.stream_checkpoint;
      options.checkpoint_store = settings_.checkpoint_store;
      options.read.start_at_latest = settings_.stream_start_latest;
      options.read.follow = settings_.stream_follow;
      stream_lower_bound(spec.where.get(), rel.alias, options.read);
      rel.subquery = std::make_unique<StreamSource>(std::move(info), std::move(options));
      rel.columns = rel.subquery->columns;
      if (segmented && settings_.segment.index != 0) rel.subquery = outside_segment(rel.columns, "streams." + ref.table + " is read whole in segment 0");
    } else {
      rel.table = catalog_.table(ref.table);
      rel.alias = ref.alias.empty() ? ref.table : ref.alias;
      rel.index = ref.index;
    }
    rel.right_of_left_join = i > 0 && spec.joins[i - 1].left;
    for (const auto& other : relations)
      if (other.alias == rel.alias) fail_at(ref.position, sqlstate::kSyntax, "table name \"" + rel.alias + "\" specified more than once");
    relations.push_back(std::move(rel));
  }

  // 2. Private copies of every expression (binding writes into them), subqueries resolved.
  struct Item {
    SelectItem::Kind kind;
    std::string qualifier;
    ExprPtr expr;
    std::string name;
    Position position;
  };
  std::vector<Item> items;
  for (const auto& si : spec.items) {
    Item it{si.kind, si.qualifier, si.expr ? si.expr->clone() : nullptr, si.expr ? column_name(si) : "", si.position};
    items.push_back(std::move(it));
  }
  ExprPtr where = spec.where ? spec.where->clone() : nullptr;
  std::vector<ExprPtr> groups;
  for (const auto& g : spec.group_by) groups.push_back(g->clone());
  ExprPtr having = spec.having ? spec.having->clone() : nullptr;
  std::vector<ExprPtr> join_conditions;
  for (const auto& j : spec.joins) join_conditions.push_back(j.condition->clone());
  struct Order {
    ExprPtr expr;
    int select_index = -1;
    bool descending;
    bool nulls_first;
  };
  std::vector<Order> orders;
  if (order_source)
    for (const auto& o : order_source->order_by)
      orders.push_back({o.expr->clone(), -1, o.descending, o.nulls_first.value_or(!o.descending)});

  auto prepare = [&](ExprPtr& e) {
    if (!e) return;
    check_functions(*e);
    substitute_parameters(*e);
    resolve_subqueries(*e);
  };
  for (auto& it : items) prepare(it.expr);
  prepare(where);
  for (auto& g : groups) prepare(g);
  prepare(having);
  for (auto& c : join_conditions) prepare(c);
  for (auto& o : orders) prepare(o.expr);
  if (where && contains_aggregate(*where)) fail_at(where->position, sqlstate::kSyntax, "aggregate functions are not allowed in WHERE");
  for (auto& g : groups)
    if (contains_aggregate(*g)) fail_at(g->position, sqlstate::kSyntax, "aggregate functions are not allowed in GROUP BY");

  // ORDER BY items naming a select item by position or alias.
  for (auto& o : orders) {
    const Expr& e = *o.expr;
    if (e.kind == ExprKind::Literal && e.value.type() == ValueType::Number) {
      auto n = e.value.as_number().to_int64();
      if (!n || *n < 1 || static_cast<size_t>(*n) > items.size() || items[static_cast<size_t>(*n - 1)].kind != SelectItem::Kind::Expr)
        fail_at(e.position, sqlstate::kSyntax, "ORDER BY position " + e.value.text() + " is not in the select list");
      o.select_index = static_cast<int>(*n - 1);
    } else if (e.kind == ExprKind::Column && e.path.size() == 1) {
      for (size_t i = 0; i < items.size(); ++i)
        if (items[i].kind == SelectItem::Kind::Expr && items[i].name == e.path[0].name) {
          o.select_index = static_cast<int>(i);
          break;
        }
    }
  }

  // 3. Star flags, attribute collection, layout, binding.
  for (const auto& it : items) {
    if (it.kind == SelectItem::Kind::All) {
      if (relations.empty()) fail_at(it.position, sqlstate::kSyntax, "SELECT * needs a FROM clause");
      for (auto& r : relations) r.star = true;
    } else if (it.kind == SelectItem::Kind::AllOf) {
      bool found = false;
      for (auto& r : relations)
        if (r.alias == it.qualifier) r.star = found = true;
      if (!found) fail_at(it.position, sqlstate::kTableNotFound, "no table \"" + it.qualifier + "\" in FROM");
    }
  }
  Binder binder(relations);
  auto collect = [&](const ExprPtr& e) {
    if (e) binder.collect(*e);
  };
  for (const auto& it : items) collect(it.expr);
  collect(where);
  for (const auto& g : groups) collect(g);
  collect(having);
  for (const auto& c : join_conditions) collect(c);
  for (const auto& o : orders)
    if (o.select_index < 0) collect(o.expr);
  binder.layout();
  auto bind = [&](ExprPtr& e) {
    if (e) binder.bind(*e);
  };
  for (auto& it : items) bind(it.expr);
  bind(where);
  for (auto& g : groups) bind(g);
  bind(having);
  for (auto& c : join_conditions) bind(c);
  for (auto& o : orders)
    if (o.select_index < 0) bind(o.expr);

  bool has_aggregate = !groups.empty() || (having != nullptr);
  for (const auto& it : items) has_aggregate |= it.expr && contains_aggregate(*it.expr);
  for (const auto& o : orders) has_aggregate |= o.select_index < 0 && contains_aggregate(*o.expr);
  if (has_aggregate) {  // named by its first aggregate call, or GROUP BY when it has none
    const Expr* named = nullptr;
    for (const auto& it : items) named = named ? named : first_aggregate(it.expr.get());
    named = named ? named : first_aggregate(having.get());
    for (const auto& o : orders) named = named ? named : first_aggregate(o.expr.get());
    if (named) check_segment_may_combine(named->text, named->position);
    else check_segment_may_combine("GROUP BY", groups.empty() ? spec.position : groups[0]->position);
  }
  if (spec.distinct) check_segment_may_combine("SELECT DISTINCT", spec.position);

  // 4. Distribute WHERE and ON conjuncts.
  std::vector<std::vector<ExprPtr>> pushed(relations.size());
  std::vector<ExprPtr> where_residual;
  std::vector<ExprPtr> conjuncts;
  split_conjuncts(std::move(where), conjuncts);
  for (auto& c : conjuncts) {
    auto rels = binder.relations_of(*c);
    if (rels.size() == 1 && !relations[static_cast<size_t>(*rels.begin())].right_of_left_join) {
      pushed[static_cast<size_t>(*rels.begin())].push_back(std::move(c));
    } else {
      where_residual.push_back(std::move(c));
    }
  }
  struct JoinPlan {
    std::vector<ExprPtr> left_keys, right_keys, residual;
  };
  std::vector<JoinPlan> join_plans(spec.joins.size());
  for (size_t j = 0; j < join_conditions.size(); ++j) {
    int right = static_cast<int>(j + 1);
    std::vector<ExprPtr> parts;
    split_conjuncts(std::move(join_conditions[j]), parts);
    for (auto& c : parts) {
      auto rels = binder.relations_of(*c);
      if (rels.size() == 1 && *rels.begin() == right) {
        pushed[static_cast<size_t>(right)].push_back(std::move(c));
        continue;
      }
      if (c->kind == ExprKind::Compare && c->op == "=") {
        auto l = binder.relations_of(*c->children[0]);
        auto r = binder.relations_of(*c->children[1]);
        auto left_only = [&](const std::set<int>& s) { return !s.empty() && *s.rbegin() < right; };
        auto right_only = [&](const std::set<int>& s) { return s.size() == 1 && *s.begin() == right; };
        if (left_only(l) && right_only(r)) {
          join_plans[j].left_keys.push_back(std::move(c->children[0]));
          join_plans[j].right_keys.push_back(std::move(c->children[1]));
          continue;
        }
        if (left_only(r) && right_only(l)) {
          join_plans[j].left_keys.push_back(std::move(c->children[1]));
          join_plans[j].right_keys.push_back(std::move(c->children[0]));
          continue;
        }
      }
      join_plans[j].residual.push_back(std::move(c));
    }
  }

  // 5. Sources.
  bool simple = relations.size() == 1 && !has_aggregate && !spec.distinct && where_residual.empty() && orders.empty();
  int64_t limit = order_source ? constant_count(order_source->limit.get(), "LIMIT") : -1;
  int64_t offset = order_source ? std::max<int64_t>(0, constant_count(order_source->offset.get(), "OFFSET")) : 0;
  if (limit >= 0 || offset > 0)
    check_segment_may_combine("LIMIT/OFFSET", (order_source->limit ? order_source->limit : order_source->offset)->position);
  std::vector<OperatorPtr> sources;
  QuerySource* ordered_query = nullptr;
  std::string ordered_by;
  for (size_t i = 0; i < relations.size(); ++i) {
    Relation& rel = relations[i];
    for (auto& c : pushed[i]) rebase(*c, rel.offset);
    OperatorPtr op;
    std::vector<ExprPtr> residual;
    if (rel.table) {
      AccessRequest request;
      request.table = rel.table.get();
      request.relation = static_cast<int>(i);
      request.forced_index = rel.index;
      request.attributes = rel.attributes;
      request.star = rel.star;
      request.with_other = rel.with_other;
      request.conjuncts = std::move(pushed[i]);
      request.scan_segments = settings_.scan_segments;
      bool segmented = driving_ && i == 0 && settings_.segment.active();
      if (segmented) request.restriction = settings_.segment;
      request.consistent_read = settings_.consistent_read;
      if (simple && limit >= 0) request.limit_hint = limit + offset;
      AccessPlan access = choose_access_path(std::move(request));
      if (access.is_scan && !settings_.allow_full_scan)
        fail_at(refs[i]->position, sqlstate::kSyntax,
                "this statement would scan the whole table \"" + rel.table->description.name +
                    "\"; add a condition on its key, or SET allow_full_scan = true");
      if (segmented && !access.is_scan && settings_.segment.index != 0) {
        access.source = outside_segment({}, rel.table->description.name + " is read by key, whole in segment 0");
        access.query = nullptr;
      }
      if (driving_ && i == 0 && access.scan) first_table_scans_.push_back(access.scan);
      if (relations.size() == 1) {
        ordered_query = access.query;
        ordered_by = access.ordered_by;
      }
      op = std::move(access.source);
      op->columns = rel.columns;
      residual = std::move(access.residual);
    } else {
      op = std::move(rel.subquery);
      residual = std::move(pushed[i]);
    }
    if (!residual.empty()) {
      auto predicate = join_conjuncts(std::move(residual));
      op = std::make_unique<FilterOperator>(std::move(op), std::move(predicate));
    }
    sources.push_back(std::move(op));
  }

  // 6. Joins and the remaining WHERE.
  OperatorPtr root;
  if (sources.empty()) {
    root = std::make_unique<RowsSource>(std::vector<OutputColumn>{}, std::vector<Row>{Row{}}, "OneRow");
    if (driving_ && settings_.segment.active() && settings_.segment.index != 0) root = outside_segment({}, "a SELECT without FROM runs in segment 0");
  } else {
    root = std::move(sources[0]);
    for (size_t j = 0; j < join_plans.size(); ++j) {
      auto& jp = join_plans[j];
      for (auto& k : jp.right_keys) rebase(*k, relations[j + 1].offset);
      root = std::make_unique<JoinOperator>(std::move(root), std::move(sources[j + 1]), spec.joins[j].left,
                                            std::move(jp.left_keys), std::move(jp.right_keys),
                                            join_conjuncts(std::move(jp.residual)));
    }
  }
  if (!where_residual.empty()) root = std::make_unique<FilterOperator>(std::move(root), join_conjuncts(std::move(where_residual)));
  std::vector<OutputColumn> scope = root->columns;

  // 7. Aggregation.
  std::vector<AggregateSpec> specs;
  AggregateRewriter rewriter{groups, specs};
  std::vector<OutputColumn> agg_columns;
  if (has_aggregate) {
    for (auto& it : items) {
      if (it.kind != SelectItem::Kind::Expr) fail_at(it.position, sqlstate::kSyntax, "SELECT * cannot be used with GROUP BY or aggregates");
      it.expr = rewriter.rewrite(std::move(it.expr));
    }
    if (having) having = rewriter.rewrite(std::move(having));
    for (auto& o : orders)
      if (o.select_index < 0) o.expr = rewriter.rewrite(std::move(o.expr));
    for (const auto& g : groups) agg_columns.push_back({g->text, "", result_type(*g, scope), false});
    for (const auto& s : specs) {
      SqlType t = s.function == "count" ? SqlType::Bigint : SqlType::Decimal;
      if ((s.function == "min" || s.function == "max") && s.argument) t = result_type(*s.argument, scope);
      agg_columns.push_back({s.function, "", t, false});
    }
    std::vector<ExprPtr> group_exprs;
    for (auto& g : groups) group_exprs.push_back(g->clone());
    root = std::make_unique<AggregateOperator>(std::move(root), std::move(group_exprs), std::move(specs), agg_columns);
    if (having) root = std::make_unique<FilterOperator>(std::move(root), std::move(having), "Having");
    scope = root->columns;
  }

  // 8. Projection, with hidden columns for ORDER BY keys outside the select list.
  std::vector<ExprPtr> exprs;
  std::vector<OutputColumn> cols;
  std::vector<int> item_first_column;
  for (auto& it : items) {
    item_first_column.push_back(static_cast<int>(exprs.size()));
    if (it.kind == SelectItem::Kind::Expr) {
      // A plain attribute of a base table names that table (ODBC's SQL_DESC_BASE_TABLE_NAME).
      std::string base_table;
      const Expr& e = *it.expr;
      if (e.kind == ExprKind::Column && e.relation >= 0 && e.path.size() == e.path_start + 1 &&
          relations[static_cast<size_t>(e.relation)].table)
        base_table = relations[static_cast<size_t>(e.relation)].table->description.name;
      cols.push_back({it.name, base_table, result_type(*it.expr, scope), false});
      exprs.push_back(std::move(it.expr));
      continue;
    }
    for (const auto& rel : relations) {
      if (it.kind == SelectItem::Kind::AllOf && rel.alias != it.qualifier) continue;
      for (size_t c = 0; c < rel.columns.size(); ++c) {
        if (rel.columns[c].hidden) continue;
        // SELECT * shows the inferred columns and `_other`; attributes read only for WHERE stay out.
        if (rel.table && rel.columns[c].name != kOtherColumn && !rel.table->find(rel.columns[c].name)) continue;
        exprs.push_back(slot_ref(static_cast<int>(rel.offset + c), rel.columns[c].name, it.position));
        cols.push_back({rel.columns[c].name, rel.table ? rel.table->description.name : rel.columns[c].base_table,
                        rel.columns[c].type, false});
      }
    }
  }
  size_t visible = exprs.size();
  std::vector<SortKey> sort_keys;
  bool sort_by_query = false;
  for (auto& o : orders) {
    int slot = -1;
    if (o.select_index >= 0) {
      slot = item_first_column[static_cast<size_t>(o.select_index)];
    } else {
      for (size_t i = 0; i < visible; ++i)
        if (same_expr(*o.expr, *exprs[i])) slot = static_cast<int>(i);
    }
    if (slot < 0) {
      if (spec.distinct) fail_at(o.expr->position, sqlstate::kSyntax, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list");
      slot = static_cast<int>(exprs.size());
      cols.push_back({o.expr->text, "", result_type(*o.expr, scope), true});
      exprs.push_back(o.expr->clone());
    }
    sort_keys.push_back({slot_ref(slot, o.expr->text, o.expr->position), o.descending, o.nulls_first});
  }
  // ORDER BY the sort key of a single-partition Query: DynamoDB returns that order.
  if (ordered_query && orders.size() == 1 && !has_aggregate && !spec.distinct && relations.size() == 1) {
    const Expr& key = *exprs[static_cast<size_t>(sort_keys[0].expr->slot)];
    if (key.kind == ExprKind::Column && key.relation == 0 && key.path.size() == key.path_start + 1 &&
        key.path[key.path_start].name == ordered_by) {
      sort_by_query = true;
      if (orders[0].descending) ordered_query->set_descending();
    }
  }
  root = std::make_unique<ProjectOperator>(std::move(root), std::move(exprs), cols);
  if (spec.distinct) root = std::make_unique<DistinctOperator>(std::move(root));
  if (!sort_keys.empty() && !sort_by_query) root = std::make_unique<SortOperator>(std::move(root), std::move(sort_keys));
  if (limit >= 0 || offset > 0) root = std::make_unique<LimitOperator>(std::move(root), limit, offset);
  if (cols.size() > visible) {
    std::vector<ExprPtr> keep;
    std::vector<OutputColumn> keep_cols(cols.begin(), cols.begin() + static_cast<long>(visible));
    for (size_t i = 0; i < visible; ++i) keep.push_back(slot_ref(static_cast<int>(i), cols[i].name, spec.position));
    root = std::make_unique<ProjectOperator>(std::move(root), std::move(keep), keep_cols);
  }
  return root;
}

}  // namespace dynamosql
