// Binding of queries and SELECTs: FROM items, the select list (stars expanded), WHERE, GROUP BY and
// aggregates, HAVING, ORDER BY, LIMIT/OFFSET, UNION/INTERSECT/EXCEPT. Expressions are bound in the order that fixes
// which attributes each base table reads and in what order: select list, WHERE, GROUP BY, HAVING, ON,
// ORDER BY.
#include <algorithm>

#include "bind/binder.h"
#include "bind/parameter_types.h"
#include "dynamosql/error.h"
#include "streams/stream_table.h"

namespace dynamosql {

namespace {

// The column name of a select item: its alias, a column's last attribute name, else the text.
std::string item_name(const SelectItem& item) {
  if (!item.alias.empty()) return item.alias;
  const Expr& e = *item.expr;
  if (e.kind == ExprKind::Column)
    for (size_t i = e.path.size(); i-- > 0;)
      if (!e.path[i].is_index()) return e.path[i].name;
  return e.text;
}

// The select items a GROUP BY name stands for (see bind_groups): those it is the alias of, when no FROM
// item has a column of that name.
std::vector<const SelectItem*> aliased_items(const QuerySpec& spec, const Expr& g, const std::vector<BoundRelation>& relations) {
  if (g.kind != ExprKind::Column || g.path.size() != 1 || g.path[0].is_index()) return {};
  const std::string& name = g.path[0].name;
  for (const auto& rel : relations)
    if (rel.has_column(name)) return {};
  std::vector<const SelectItem*> out;
  for (const auto& item : spec.items)
    if (item.kind == SelectItem::Kind::Expr && item.alias == name) out.push_back(&item);
  return out;
}

}  // namespace

const std::vector<BoundColumn>& query_output_columns(const BoundQuery& q) { return q.columns; }

void type_query_columns(BoundQuery& q) {
  const auto& first = q.terms.front();
  q.columns = first.select ? first.select->output_columns : first.nested->columns;
  for (size_t i = 0; i < q.columns.size(); ++i) {
    std::optional<SqlType> common;
    for (const auto& term : q.terms)
      if (!term.select) common = common_type(common, term.nested->columns[i].type);
      else if (!is_null_literal(*term.select->outputs[i])) common = common_type(common, term.select->outputs[i]->type);
    if (common) q.columns[i].type = *common;
  }
}

Binder::Binder(Catalog& catalog, int parameter_count)
    : catalog_(catalog), parameters_(static_cast<size_t>(std::max(parameter_count, 0))) {}

std::unique_ptr<BoundQuery> Binder::bind_query(const Query& query) { return bind_subquery(query); }

std::unique_ptr<BoundQuery> Binder::bind_subquery(const Query& q) {
  CteGuard with(*this, q);
  auto bound = std::make_unique<BoundQuery>();
  bound->position = q.position;
  bound->operation = q.set_operation;
  bound->operation_position = q.set_operation_position;
  for (size_t i = 0; i < q.terms.size(); ++i) {
    RecursionContextGuard term(*this, set_operation_term_context(q.set_operation, i));
    bind_term(q, q.terms[i], *bound);
  }
  finish_query(q, *bound);
  return bound;
}

void Binder::bind_term(const Query& q, const Query::Term& term, BoundQuery& bound) {
  bool single = q.terms.size() == 1 && q.terms[0].spec;
  BoundQuery::Term t;
  int references = recursive_references();
  if (term.spec) {
    t.select = bind_select(*term.spec, single ? &q : nullptr);
    if (!bound.outer_reference) bound.outer_reference = t.select->outer_reference;
  } else {
    t.nested = bind_subquery(*term.nested);
    if (!bound.outer_reference) bound.outer_reference = t.nested->outer_reference;
  }
  t.reads_working_table = recursive_references() > references;
  size_t width = t.select ? t.select->output_columns.size() : query_output_columns(*t.nested).size();
  const auto& first = bound.terms.empty() ? t : bound.terms.front();
  size_t first_width = first.select ? first.select->output_columns.size() : query_output_columns(*first.nested).size();
  if (width != first_width)
    fail_at(term.spec ? term.spec->position : term.nested->position, sqlstate::kSyntax,
            std::string("each ") + set_operation_text(q.set_operation) + " query must have the same number of columns");
  bound.terms.push_back(std::move(t));
}

void Binder::finish_query(const Query& q, BoundQuery& bound) {
  type_query_columns(bound);
  check_set_operation_types(bound);
  if (!(q.terms.size() == 1 && q.terms[0].spec)) bind_union_order(q, bound);
  bound.limit = bind_count(q.limit.get(), "LIMIT");
  bound.offset = bind_count(q.offset.get(), "OFFSET");
}

// LIMIT and OFFSET: a number or a `?`; the planner checks it is a non-negative integer.
BoundExprPtr Binder::bind_count(const Expr* e, const char* what) {
  if (!e) return nullptr;
  if (e->kind != ExprKind::Literal && e->kind != ExprKind::Parameter)
    fail_at(e->position, sqlstate::kInvalidParameter, std::string(what) + " must be a non-negative integer");
  BoundExprPtr b = bind_expr(*e);
  expect(*b, integer_parameter());
  return b;
}

// ORDER BY of a UNION, INTERSECT or EXCEPT: an output column's name or position.
void Binder::bind_union_order(const Query& q, BoundQuery& bound) {
  const auto& columns = query_output_columns(bound);
  for (const auto& item : q.order_by) {
    const Expr& e = *item.expr;
    int output = -1;
    if (e.kind == ExprKind::Literal && e.value.type() == ValueType::Number) {
      auto n = e.value.as_number().to_int64();
      if (n && *n >= 1 && static_cast<size_t>(*n) <= columns.size()) output = static_cast<int>(*n - 1);
    } else if (e.kind == ExprKind::Column && e.path.size() == 1) {
      for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == e.path[0].name) output = static_cast<int>(i);
    }
    if (output < 0)
      fail_at(e.position, sqlstate::kSyntax,
              std::string("ORDER BY after ") + set_operation_text(q.set_operation) + " must name an output column or its position");
    bound.order.push_back({nullptr, output, item.descending, item.nulls_first.value_or(!item.descending), e.text, e.position});
  }
}

std::unique_ptr<BoundSelect> Binder::bind_select(const QuerySpec& spec, const Query* order_source) {
  auto select = std::make_unique<BoundSelect>();
  select->position = spec.position;
  select->distinct = spec.distinct;
  std::vector<const Join*> joins;
  bind_from(spec, *select, joins);  // before this scope exists: FROM items do not see each other
  mark_stars(spec, *select);
  ScopeGuard scope(*this, select->relations);
  scopes_.back().windows = &spec.windows;
  std::vector<UsingColumn> merged;
  std::vector<ExprPtr> using_conditions = merge_using_columns(joins, *select, merged);
  scopes_.back().using_columns = &merged;

  std::vector<BoundExprPtr> items;
  for (const auto& item : spec.items) items.push_back(item.expr ? bind_expr(*item.expr) : nullptr);
  if (spec.where) select->where = bind_expr(*spec.where);
  bind_groups(spec, *select);
  if (spec.having) select->having = bind_expr(*spec.having);
  for (size_t i = 0; i < joins.size(); ++i) {
    select->joins[i].condition = bind_expr(joins[i]->condition ? *joins[i]->condition : *using_conditions[i]);
    check_join_scope(*select, i);
  }
  if (order_source) bind_order(*order_source, spec, *select);
  check_no_aggregates(*select);
  for (auto& rel : select->relations) rel.finish_layout();

  select->aggregated = !select->groups.empty() || !select->grouping_sets.empty() || select->having;
  for (const auto& e : items) select->aggregated |= e && contains_kind(*e, BoundKind::AggregateCall);
  for (const auto& k : select->order) select->aggregated |= k.expr && contains_kind(*k.expr, BoundKind::AggregateCall);
  build_outputs(spec, std::move(items), *select);
  if (select->aggregated) bind_over_groups(*select);
  else refuse_grouping_calls(*select);
  collect_windows(*select);
  match_order_to_outputs(*select);
  select->outer_reference = scopes_.back().outer_reference;
  if (!recursions_.empty()) check_reads_working_table(spec, *select);
  return select;
}

// GROUP BY expressions, each once; a number is the position of a select item, whose expression it
// groups by, and a plain name that no FROM item has as a column but a select item has as its alias is
// that item (PostgreSQL's rule: input columns first). LibreOffice's SQL parser takes only names in GROUP
// BY, so its date hierarchies group by the aliases of EXTRACT(...) items. The grouping sets are remapped
// onto them.
void Binder::bind_groups(const QuerySpec& spec, BoundSelect& select) {
  std::vector<size_t> bound_index;  // per expression of spec.group_by
  for (const auto& g : spec.group_by) {
    BoundExprPtr e;
    if (auto items = aliased_items(spec, *g, select.relations); !items.empty()) {
      e = bind_named_item(items, "GROUP BY", *g);
    } else if (g->kind != ExprKind::Literal || g->value.type() != ValueType::Number) {
      e = bind_expr(*g);
    } else {
      auto n = g->value.as_number().to_int64();
      if (!n || *n < 1 || static_cast<size_t>(*n) > spec.items.size() || spec.items[static_cast<size_t>(*n - 1)].kind != SelectItem::Kind::Expr)
        fail_at(g->position, sqlstate::kSyntax, "GROUP BY position " + g->value.text() + " is not in the select list");
      e = bind_expr(*spec.items[static_cast<size_t>(*n - 1)].expr);
    }
    size_t i = 0;
    while (i < select.groups.size() && !same_bound_expr(*e, *select.groups[i])) ++i;
    if (i == select.groups.size()) select.groups.push_back(std::move(e));
    bound_index.push_back(i);
  }
  for (const auto& set : spec.grouping_sets) {
    std::vector<size_t> members;
    for (size_t g : set)
      if (std::find(members.begin(), members.end(), bound_index[g]) == members.end()) members.push_back(bound_index[g]);
    select.grouping_sets.push_back(std::move(members));
  }
}

// The expression of the select items `named` (every one named as `name` says) that GROUP BY (`clause`)
// refers to; several items must be one expression, else the name is ambiguous (42702 at `name`, as
// PostgreSQL says).
BoundExprPtr Binder::bind_named_item(const std::vector<const SelectItem*>& named, const char* clause, const Expr& name) {
  BoundExprPtr e = bind_expr(*named[0]->expr);
  for (size_t i = 1; i < named.size(); ++i)
    if (!same_bound_expr(*e, *bind_expr(*named[i]->expr)))
      fail_at(name.position, sqlstate::kAmbiguousColumn,
              std::string(clause) + " \"" + name.path[0].name + "\" is ambiguous: select items " + named[0]->expr->text + " and " +
                  named[i]->expr->text + " are both named so");
  return e;
}

// The FROM items in the order written, a parenthesised joined table's items in its place, and each
// join's sides (BoundJoin); `joins` gets the join each BoundJoin is of.
void Binder::bind_from(const QuerySpec& spec, BoundSelect& select, std::vector<const Join*>& joins) {
  if (!spec.from) return;
  std::vector<const TableRef*> refs;
  flatten_joins(*spec.from, spec.joins, refs, select, joins);
  auto& relations = select.relations;
  relations.reserve(refs.size());
  for (size_t i = 0; i < refs.size(); ++i) {
    bool null_extended = false;
    for (size_t j = 0; j < select.joins.size(); ++j) {
      const BoundJoin& join = select.joins[j];
      null_extended |= join.left && i > j && i < join.right_end;
      null_extended |= join.right && i >= join.left_begin && i <= j;
    }
    int references = recursive_references();
    BoundRelation rel;
    {
      RecursionContextGuard outer_join(*this, null_extended ? RecursionContext::OuterJoin : RecursionContext::Allowed);
      rel = bind_table_ref(*refs[i]);
      if (rel.cte && !recursions_.empty()) note_recursive_reference(rel);
    }
    rel.null_extended = null_extended;
    rel.reads_working_table = recursive_references() > references;
    for (const auto& other : relations)
      if (other.alias == rel.alias)
        fail_at(refs[i]->position, sqlstate::kSyntax, "table name \"" + rel.alias + "\" specified more than once");
    relations.push_back(std::move(rel));
  }
}

// Appends `first` and what `joins` bring in to `refs`, and a BoundJoin (no condition yet) for each join,
// parenthesised joined tables on the right included, so that joins[i]'s right side begins at refs[i + 1].
void Binder::flatten_joins(const TableRef& first, const std::vector<Join>& joins, std::vector<const TableRef*>& refs,
                           BoundSelect& select, std::vector<const Join*>& flat) const {
  size_t begin = refs.size();
  refs.push_back(&first);
  for (const Join& join : joins) {
    size_t index = select.joins.size();
    select.joins.push_back({join.left, join.right_outer, nullptr, join.position, begin, 0});
    flat.push_back(&join);
    if (join.right->joined) flatten_joins(*join.right->joined->first, join.right->joined->joins, refs, select, flat);
    else refs.push_back(join.right.get());
    select.joins[index].right_end = refs.size();
  }
}

// A join's condition may name only the FROM items it joins (42S02, as PostgreSQL's 42P01).
void Binder::check_join_scope(const BoundSelect& select, size_t j) const {
  const BoundJoin& join = select.joins[j];
  visit_bound(*join.condition, [&](const BoundExpr& e) {
    if (e.kind != BoundKind::ColumnRef || e.depth != 0) return;
    auto r = static_cast<size_t>(e.relation);
    if (r < join.left_begin || r >= join.right_end)
      fail_at(e.position, sqlstate::kTableNotFound,
              "invalid reference to FROM item \"" + select.relations[r].alias + "\": the JOIN's ON condition at line " +
                  std::to_string(join.position.line) + ":" + std::to_string(join.position.column) +
                  " may name only the tables it joins");
  });
}

BoundRelation Binder::bind_table_ref(const TableRef& ref) {
  BoundRelation rel;
  rel.position = ref.position;
  rel.alias = ref.alias.empty() ? ref.table : ref.alias;
  if (ref.subquery) {
    rel.kind = RelationKind::Derived;
    rel.subquery = bind_subquery(*ref.subquery);
    rel.columns = query_output_columns(*rel.subquery);
  } else if (!ref.schema.empty()) {
    if (ref.schema != kStreamsSchema)
      fail_at(ref.position, sqlstate::kTableNotFound,
              "schema \"" + ref.schema + "\" does not exist (tables have no schema; stream tables are streams.<table>)");
    rel.kind = RelationKind::StreamTable;
    rel.table = catalog_.table(ref.table);
    tables_read_.insert(ref.table);
    try {
      rel.stream = stream_table_info(*rel.table);
    } catch (Error& e) {
      if (e.line() == 0) e.at(ref.position.line, ref.position.column);
      throw;
    }
    for (const auto& c : stream_column_defs(rel.stream)) rel.columns.push_back({c.name, c.type, ""});
  } else if (auto cte = ref.index.empty() ? find_cte(ref.table) : nullptr) {
    rel.kind = RelationKind::Derived;
    rel.cte = cte;
    rel.subquery = cte->query;
    rel.columns = cte->columns;
    ++cte->references;
  } else {
    rel.table = catalog_.table(ref.table);
    tables_read_.insert(ref.table);
    rel.index = ref.index;
  }
  return rel;
}

// SELECT * and t.* read every attribute of the base tables they name.
void Binder::mark_stars(const QuerySpec& spec, BoundSelect& select) {
  for (const auto& item : spec.items) {
    if (item.kind == SelectItem::Kind::All) {
      if (select.relations.empty()) fail_at(item.position, sqlstate::kSyntax, "SELECT * needs a FROM clause");
      for (auto& r : select.relations) r.star = true;
    } else if (item.kind == SelectItem::Kind::AllOf) {
      bool found = false;
      for (auto& r : select.relations)
        if (r.alias == item.qualifier) r.star = found = true;
      if (!found) fail_at(item.position, sqlstate::kTableNotFound, "no table \"" + item.qualifier + "\" in FROM");
    }
  }
}

void Binder::check_no_aggregates(const BoundSelect& select) {
  auto refuse = [](const BoundExpr* e, const char* where) {
    if (e && contains_kind(*e, BoundKind::AggregateCall))
      fail_at(e->position, sqlstate::kSyntax, std::string("aggregate functions are not allowed in ") + where);
    if (e && contains_kind(*e, BoundKind::WindowCall))
      fail_at(e->position, sqlstate::kSyntax, std::string("window functions are not allowed in ") + where);
  };
  auto refuse_grouping = [](const BoundExpr* e, const char* where) {
    if (e && contains_kind(*e, BoundKind::GroupingCall))
      fail_at(e->position, sqlstate::kGrouping, std::string("grouping operations are not allowed in ") + where);
  };
  for (const auto& check : {+refuse, +refuse_grouping}) {
    check(select.where.get(), "WHERE");
    for (const auto& g : select.groups) check(g.get(), "GROUP BY");
    for (const auto& j : select.joins) check(j.condition.get(), "JOIN conditions");
  }
  if (select.having && contains_kind(*select.having, BoundKind::WindowCall))
    fail_at(select.having->position, sqlstate::kSyntax, "window functions are not allowed in HAVING");
}

// GROUPING(...) in a SELECT that does not aggregate: nothing is grouped (42803).
void Binder::refuse_grouping_calls(const BoundSelect& select) {
  auto refuse = [](const BoundExpr* e) {
    if (e && contains_kind(*e, BoundKind::GroupingCall))
      fail_at(e->position, sqlstate::kGrouping, "GROUPING needs GROUP BY: its arguments must be GROUP BY expressions of the query");
  };
  for (const auto& e : select.outputs) refuse(e.get());
  for (const auto& k : select.order) refuse(k.expr.get());
}

// ORDER BY of a query whose only term is this SELECT: a select item's position or name, or an
// expression over the FROM items (bound here, in the same scope).
void Binder::bind_order(const Query& source, const QuerySpec& spec, BoundSelect& select) {
  for (const auto& o : source.order_by) {
    const Expr& e = *o.expr;
    BoundOrderKey key{nullptr, -1, o.descending, o.nulls_first.value_or(!o.descending), e.text, e.position};
    if (e.kind == ExprKind::Literal && e.value.type() == ValueType::Number) {
      auto n = e.value.as_number().to_int64();
      if (!n || *n < 1 || static_cast<size_t>(*n) > spec.items.size() || spec.items[static_cast<size_t>(*n - 1)].kind != SelectItem::Kind::Expr)
        fail_at(e.position, sqlstate::kSyntax, "ORDER BY position " + e.value.text() + " is not in the select list");
      key.output = static_cast<int>(*n - 1);  // an item index until build_outputs
    } else if (e.kind == ExprKind::Column && e.path.size() == 1) {
      for (size_t i = 0; i < spec.items.size() && key.output < 0; ++i)
        if (spec.items[i].kind == SelectItem::Kind::Expr && item_name(spec.items[i]) == e.path[0].name) key.output = static_cast<int>(i);
    }
    if (key.output < 0) key.expr = bind_expr(e);
    select.order.push_back(std::move(key));
  }
}

// The select list with stars expanded into the columns of their relations, and its column names.
void Binder::build_outputs(const QuerySpec& spec, std::vector<BoundExprPtr> items, BoundSelect& select) {
  std::vector<int> first_output;
  for (size_t i = 0; i < spec.items.size(); ++i) {
    const SelectItem& item = spec.items[i];
    first_output.push_back(static_cast<int>(select.outputs.size()));
    if (item.kind == SelectItem::Kind::Expr) {
      select.output_columns.push_back({item_name(item), items[i]->type, base_table_of(*items[i], select)});
      select.outputs.push_back(std::move(items[i]));
      continue;
    }
    if (select.aggregated) fail_at(item.position, sqlstate::kSyntax, "SELECT * cannot be used with GROUP BY or aggregates");
    if (item.kind == SelectItem::Kind::All) append_using_columns(select, item.position);
    for (size_t r = 0; r < select.relations.size(); ++r)
      if (item.kind == SelectItem::Kind::All || select.relations[r].alias == item.qualifier)
        append_star_columns(select, r, item.position, item.kind == SelectItem::Kind::All ? merged_away(r) : std::vector<std::string>{});
  }
  for (auto& key : select.order)
    if (key.output >= 0) key.output = first_output[static_cast<size_t>(key.output)];
}

// A plain attribute of a base table names that table (ODBC's SQL_DESC_BASE_TABLE_NAME).
std::string Binder::base_table_of(const BoundExpr& output, const BoundSelect& select) const {
  const BoundExpr& e = column_below_inferred_date(output);
  if (e.kind != BoundKind::ColumnRef || e.depth != 0 || !e.path.empty()) return "";
  const BoundRelation& rel = select.relations[static_cast<size_t>(e.relation)];
  return rel.kind == RelationKind::BaseTable ? rel.table->description.name : "";
}

// An ORDER BY expression that is also a select-list expression sorts by that column; others become
// hidden columns, which SELECT DISTINCT cannot have.
void Binder::match_order_to_outputs(BoundSelect& select) {
  for (auto& key : select.order) {
    if (key.output >= 0) continue;
    for (size_t i = 0; i < select.outputs.size(); ++i)
      if (same_bound_expr(*key.expr, *select.outputs[i])) key.output = static_cast<int>(i);
    if (key.output >= 0) key.expr.reset();
    else if (select.distinct)
      fail_at(key.position, sqlstate::kSyntax, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list");
  }
}

}  // namespace dynamosql
