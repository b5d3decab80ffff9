// WITH RECURSIVE, as PostgreSQL binds it. Each WITH query of the list is in scope in its own query. One
// that names itself is recursive and must read `non-recursive term UNION [ALL] recursive term`: the
// terms before the last are the anchor, bound first (they fix the columns and the working table's
// types, which the overall types must keep: else 42804, as in PostgreSQL); the last is the recursive
// term, which names the query once, in its own FROM, outside the NULL side of an outer
// join, and does not aggregate or compute window functions. Every other use is 42P19
// (invalid_recursion) at the name; ORDER BY, LIMIT and OFFSET of a recursive query are 0A000.
// A WITH query that does not name itself is an ordinary one.
#include <algorithm>

#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

[[noreturn]] void invalid_recursion(const Position& at, const std::string& message) {
  fail_at(at, sqlstate::kInvalidRecursion, message);
}

[[noreturn]] void not_implemented(const Position& at, const std::string& what) {
  fail_at(at, sqlstate::kFeatureNotSupported, what + " in a recursive query is not implemented");
}

// Where the first aggregate of an aggregating SELECT is, else its GROUP BY or HAVING.
Position aggregation_position(const QuerySpec& spec, const BoundSelect& select) {
  std::optional<Position> found;
  for (const auto& e : select.outputs)
    visit_bound(*e, [&](const BoundExpr& x) {
      if (!found && x.kind == BoundKind::AggregateRef) found = x.position;
    });
  if (found) return *found;
  if (!spec.group_by.empty()) return spec.group_by[0]->position;
  return spec.having ? spec.having->position : spec.position;
}

// Column i of an anchor term is a value the schema cannot type: a NULL, a `?`, a JSON column.
bool untyped(const BoundQuery::Term& term, size_t i) {
  if (!term.select) return term.nested->columns[i].type == SqlType::Json;
  const BoundExpr& e = *term.select->outputs[i];
  return is_null_literal(e) || e.kind == BoundKind::Parameter || e.type == SqlType::Json;
}

// As in PostgreSQL, the working table keeps the anchor's column types, which the recursive term was
// bound against: a column whose overall type differs is 42804 at the recursive term's output, unless the
// anchor could not type it (every anchor term untyped there, or JSON) or both types are numbers (numbers
// are exact whatever their type, so Bigint widens to Decimal). A `?` in the recursive term takes the
// anchor's type.
void check_working_table_types(const BoundCte& cte, const BoundQuery& q) {
  const BoundSelect& term = *q.terms.back().select;
  for (size_t i = 0; i < cte.working_columns.size(); ++i) {
    SqlType anchor = cte.working_columns[i].type, overall = q.columns[i].type;
    const BoundExpr& output = *term.outputs[i];
    if (anchor == overall || (is_numeric(anchor) && is_numeric(overall)) || anchor == SqlType::Json ||
        output.kind == BoundKind::Parameter)
      continue;
    if (std::all_of(q.terms.begin(), q.terms.end() - 1, [&](const BoundQuery::Term& t) { return untyped(t, i); })) continue;
    const char* wanted = sql_type_name(overall == SqlType::Json ? output.type : overall);  // what a CAST should give
    fail_at(output.position, sqlstate::kDatatypeMismatch,
            "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) + " has type " + sql_type_name(anchor) +
                " in non-recursive term but type " + wanted + " overall; CAST the non-recursive term's column to " + wanted);
  }
}

// The recursive term neither aggregates nor computes window functions (42P19).
void check_recursive_term(const QuerySpec& spec, const BoundSelect& term) {
  if (term.aggregated)
    invalid_recursion(aggregation_position(spec, term),
                      "aggregate functions and GROUP BY are not allowed in a recursive query's recursive term");
  if (!term.windows.empty())
    invalid_recursion(term.windows[0]->position, "window functions are not allowed in a recursive query's recursive term");
}

// The recursive term: a parenthesised SELECT without its own WITH, ORDER BY, LIMIT or OFFSET is that
// SELECT, as in PostgreSQL (`... UNION ALL (SELECT n + 1 FROM t WHERE n < 3)`).
Query::Term recursive_term_of(const Query::Term& last) {
  const Query* nested = last.nested.get();
  if (nested && nested->with.empty() && nested->terms.size() == 1 && nested->terms[0].spec && nested->order_by.empty() &&
      !nested->limit && !nested->offset)
    return nested->terms[0];
  return last;
}

}  // namespace

// Every WITH query of the list is in scope from the start, as in PostgreSQL, so a name that reads a later
// one (or two that read each other) is refused (0A000) rather than read as a table of that name.
void Binder::bind_recursive_with(const Query& query) {
  std::vector<std::shared_ptr<BoundCte>> ctes;
  for (const auto& with : query.with) {
    auto cte = std::make_shared<BoundCte>();
    cte->name = with.name;
    cte->position = with.position;
    ctes_.back().push_back(cte);
    ctes.push_back(std::move(cte));
  }
  for (size_t i = 0; i < ctes.size(); ++i) bind_recursive_cte(query.with[i], ctes[i]);
}

void Binder::bind_recursive_cte(const CommonTableExpr& with, const std::shared_ptr<BoundCte>& cte) {
  const Query& q = *with.query;
  bool union_form = q.terms.size() >= 2 && (q.set_operation == SetOperation::Union || q.set_operation == SetOperation::UnionAll);
  if (union_form) {
    cte->query = bind_recursive_union(with, cte);
  } else {
    RecursionGuard guard(*this, {cte, RecursionPart::NotUnion, nullptr});
    cte->query = bind_subquery(q);
  }
  cte->columns = named_columns(with, query_output_columns(*cte->query));
}

std::unique_ptr<BoundQuery> Binder::bind_recursive_union(const CommonTableExpr& with, const std::shared_ptr<BoundCte>& cte) {
  const Query& q = *with.query;
  CteGuard inner(*this, q);
  auto bound = std::make_unique<BoundQuery>();
  bound->position = q.position;
  bound->operation = q.set_operation;
  bound->operation_position = q.set_operation_position;
  {
    RecursionGuard anchor(*this, {cte, RecursionPart::Anchor, nullptr});
    for (size_t i = 0; i + 1 < q.terms.size(); ++i) bind_term(q, q.terms[i], *bound);
  }
  type_query_columns(*bound);
  cte->working_columns = named_columns(with, bound->columns);  // what the recursive term reads of it
  cte->columns = cte->working_columns;
  Query::Term last = recursive_term_of(q.terms.back());
  RecursionGuard term(*this, {cte, RecursionPart::RecursiveTerm, last.spec.get()});
  bind_term(q, last, *bound);
  cte->recursive = recursions_.back().references > 0;
  if (cte->recursive) {
    if (!q.order_by.empty()) not_implemented(q.order_by[0].expr->position, "ORDER BY");
    if (q.offset) not_implemented(q.offset->position, "OFFSET");
    if (q.limit) not_implemented(q.limit->position, "LIMIT");
    check_recursive_term(*last.spec, *bound->terms.back().select);
  }
  finish_query(q, *bound);
  if (cte->recursive) check_working_table_types(*cte, *bound);
  return bound;
}

void Binder::note_recursive_reference(const QuerySpec& spec, BoundRelation& rel) {
  for (auto& recursion : recursions_) {
    if (recursion.cte != rel.cte) continue;
    const std::string& name = rel.cte->name;
    if (recursion.part == RecursionPart::NotUnion)
      invalid_recursion(rel.position, "recursive query \"" + name + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
    const char* where = nullptr;
    if (recursion.part == RecursionPart::Anchor) where = "within its non-recursive term";
    else if (!recursion.recursive_term) where = "within UNION, INTERSECT or EXCEPT inside its recursive term";
    else if (&spec != recursion.recursive_term) where = "within a subquery";
    else if (rel.null_extended) where = "within an outer join";
    else if (++recursion.references > 1) where = "more than once";
    if (where) invalid_recursion(rel.position, "recursive reference to query \"" + name + "\" must not appear " + where);
    rel.working_table = rel.cte.get();
    rel.subquery = nullptr;
    --rel.cte->references;
  }
  if (rel.working_table) {
    rel.cte = nullptr;  // the query owns this reference: owning the query back would be a cycle
    return;
  }
  if (!rel.cte->query)
    fail_at(rel.position, sqlstate::kFeatureNotSupported,
            "WITH query \"" + rel.cte->name + "\" is read before it is defined: a WITH query may read only itself and earlier "
            "ones (reading a later one, or mutual recursion, is not supported yet); define it first");
}

}  // namespace dynamosql
