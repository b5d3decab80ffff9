// WITH RECURSIVE, as PostgreSQL binds it. Each WITH query of the list is in scope in its own query. One
// that names itself is recursive and must read `non-recursive term UNION [ALL] recursive term`: the
// terms before the last are the anchor, bound first (they fix the columns and the working table's
// types, which the overall types must keep: else 42804, as in PostgreSQL); the last is the recursive
// term, which names the query once (PostgreSQL's checkWellFormedRecursion): in its FROM or in a
// derived table's there, however deep, or in a term of a UNION, INTERSECT or EXCEPT there (the left one
// of EXCEPT, not under INTERSECT ALL or EXCEPT ALL), never on an outer join's NULL side nor in an
// expression's subquery. The SELECT that names it does not aggregate or compute window functions
// (42P19); one above it that does, over a derived table, is 0A000 (PostgreSQL runs it). Every other
// use is 42P19 (invalid_recursion) at the name; a use inside a WITH query of the recursive term is
// 0A000; ORDER BY, LIMIT and OFFSET of a recursive query are 0A000.
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
  const BoundQuery::Term& term = q.terms.back();  // a SELECT, or a set operation in parentheses
  for (size_t i = 0; i < cte.working_columns.size(); ++i) {
    SqlType anchor = cte.working_columns[i].type, overall = q.columns[i].type;
    const BoundExpr* output = term.select ? term.select->outputs[i].get() : nullptr;
    if (anchor == overall || (is_numeric(anchor) && is_numeric(overall)) || anchor == SqlType::Json ||
        (output && output->kind == BoundKind::Parameter))
      continue;
    if (std::all_of(q.terms.begin(), q.terms.end() - 1, [&](const BoundQuery::Term& t) { return untyped(t, i); })) continue;
    SqlType produced = output ? output->type : term.nested->columns[i].type;
    const char* wanted = sql_type_name(overall == SqlType::Json ? produced : overall);  // what a CAST should give
    fail_at(output ? output->position : term.nested->position, sqlstate::kDatatypeMismatch,
            "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) + " has type " + sql_type_name(anchor) +
                " in non-recursive term but type " + wanted + " overall; CAST the non-recursive term's column to " + wanted);
  }
}

const char* where_recursion_is_invalid(RecursionContext context) {
  switch (context) {
    case RecursionContext::NonRecursiveTerm: return "within its non-recursive term";
    case RecursionContext::Subquery: return "within a subquery";
    case RecursionContext::OuterJoin: return "within an outer join";
    case RecursionContext::Intersect: return "within INTERSECT";
    case RecursionContext::Except: return "within EXCEPT";
    default: return nullptr;
  }
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

RecursionContext set_operation_term_context(SetOperation op, size_t i) {
  if (op == SetOperation::IntersectAll) return RecursionContext::Intersect;
  if (op == SetOperation::ExceptAll || (op == SetOperation::Except && i > 0)) return RecursionContext::Except;
  return RecursionContext::Allowed;
}

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
    RecursionGuard guard(*this, {cte, RecursionContext::NotUnion});
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
    RecursionGuard anchor(*this, {cte, RecursionContext::NonRecursiveTerm});
    for (size_t i = 0; i + 1 < q.terms.size(); ++i) bind_term(q, q.terms[i], *bound);
  }
  type_query_columns(*bound);
  cte->working_columns = named_columns(with, bound->columns);  // what the recursive term reads of it
  cte->columns = cte->working_columns;
  RecursionGuard term(*this, {cte, RecursionContext::Allowed});
  bind_term(q, recursive_term_of(q.terms.back()), *bound);
  cte->recursive = recursions_.back().references > 0;
  if (cte->recursive) {
    if (!q.order_by.empty()) not_implemented(q.order_by[0].expr->position, "ORDER BY");
    if (q.offset) not_implemented(q.offset->position, "OFFSET");
    if (q.limit) not_implemented(q.limit->position, "LIMIT");
  }
  finish_query(q, *bound);
  if (cte->recursive) check_working_table_types(*cte, *bound);
  return bound;
}

void Binder::note_recursive_reference(BoundRelation& rel) {
  for (auto& recursion : recursions_) {
    if (recursion.cte != rel.cte) continue;
    const std::string& name = rel.cte->name;
    if (recursion.context == RecursionContext::NotUnion)
      invalid_recursion(rel.position, "recursive query \"" + name + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
    if (recursion.context == RecursionContext::WithQuery)
      fail_at(rel.position, sqlstate::kFeatureNotSupported,
              "a recursive reference to query \"" + name + "\" inside a WITH query of its recursive term is not supported; "
              "read it in a derived table instead (FROM (SELECT ... FROM " + name + ") AS s)");
    const char* where = where_recursion_is_invalid(recursion.context);
    if (!where && ++recursion.references > 1) where = "more than once";
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


Binder::RecursionContextGuard::RecursionContextGuard(Binder& binder, RecursionContext context, bool always) : binder(binder) {
  for (auto& recursion : binder.recursions_) {
    saved.push_back(recursion.context);
    if (recursion.context == RecursionContext::Allowed || (always && recursion.context != RecursionContext::NotUnion))
      recursion.context = context;
  }
}

Binder::RecursionContextGuard::~RecursionContextGuard() {
  for (size_t i = 0; i < saved.size(); ++i) binder.recursions_[i].context = saved[i];
}

int Binder::recursive_references() const {
  int n = 0;
  for (const auto& recursion : recursions_) n += recursion.references;
  return n;
}

// Naming the working table itself, PostgreSQL's rule (42P19); above a derived table that names it,
// what this engine does not run (0A000).
void Binder::check_reads_working_table(const QuerySpec& spec, const BoundSelect& select) const {
  bool names_it = std::any_of(select.relations.begin(), select.relations.end(), [](const BoundRelation& r) { return r.working_table; });
  bool reads_it = std::any_of(select.relations.begin(), select.relations.end(), [](const BoundRelation& r) { return r.reads_working_table; });
  if (!reads_it) return;
  auto refuse = [&](const Position& at, const std::string& what) {
    if (names_it) invalid_recursion(at, what + " not allowed in a recursive query's recursive term");
    fail_at(at, sqlstate::kFeatureNotSupported,
            what + " not supported over a derived table that reads a recursive query, in its recursive term");
  };
  if (select.aggregated) refuse(aggregation_position(spec, select), "aggregate functions and GROUP BY are");
  if (!select.windows.empty()) refuse(select.windows[0]->position, "window functions are");
}

}  // namespace dynamosql
