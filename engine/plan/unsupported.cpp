// Rejects what the planner does not implement yet; see unsupported.h.
#include "plan/unsupported.h"

#include <string>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// CAST targets that are dates and times with a zone of their own (TIMESTAMP WITH TIME ZONE is TIMESTAMP
// under the UTC rule; a TIME has no day to take a zone's rules from).
const char* const kDateTimeTypes[] = {"TIME WITH TIME ZONE", "TIMETZ"};

[[noreturn]] void not_yet(const Position& at, const std::string& what) {
  throw Error(sqlstate::kFeatureNotSupported, what + " is not supported yet").at(at.line, at.column);
}

void check_query(const Query& q);
void check_expr(const Expr& e);

void check_window(const WindowSpec& w) {
  for (const auto& p : w.partition_by) check_expr(*p);
  for (const auto& o : w.order_by) check_expr(*o.expr);
}

void check_expr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Cast:
      for (const char* type : kDateTimeTypes)
        if (e.type_name == type) not_yet(e.position, "CAST to " + e.type_name);
      break;
    case ExprKind::Function:
      if (e.window) check_window(*e.window);
      if (e.filter) check_expr(*e.filter);
      for (const auto& o : e.order_by) check_expr(*o.expr);
      break;
    default: break;
  }
  for (const auto& c : e.children)
    if (c) check_expr(*c);
  if (e.subquery) check_query(*e.subquery);
}

void check_joins(const TableRef& first, const std::vector<Join>& joins);

void check_table(const TableRef& t) {
  if (t.subquery) check_query(*t.subquery);
  if (t.joined) check_joins(*t.joined->first, t.joined->joins);
}

void check_joins(const TableRef& first, const std::vector<Join>& joins) {
  check_table(first);
  for (const auto& j : joins) {
    check_table(*j.right);
    if (j.condition) check_expr(*j.condition);
  }
}

void check_spec(const QuerySpec& s) {
  for (const auto& item : s.items)
    if (item.expr) check_expr(*item.expr);
  if (s.from) check_joins(*s.from, s.joins);
  if (s.where) check_expr(*s.where);
  for (const auto& g : s.group_by) check_expr(*g);
  if (s.having) check_expr(*s.having);
  for (const auto& w : s.windows) check_window(w.spec);
}

void check_query(const Query& q) {
  for (const auto& cte : q.with) check_query(*cte.query);
  for (const auto& t : q.terms) {
    if (t.spec) check_spec(*t.spec);
    if (t.nested) check_query(*t.nested);
  }
  for (const auto& o : q.order_by) check_expr(*o.expr);
  if (q.limit) check_expr(*q.limit);
  if (q.offset) check_expr(*q.offset);
}

}  // namespace

void reject_unsupported(const Statement& s) {
  if (s.query) check_query(*s.query);
  if (s.explained) reject_unsupported(*s.explained);
  if (s.insert) {
    for (const auto& row : s.insert->rows)
      for (const auto& v : row) check_expr(*v);
    for (const auto& d : s.insert->documents) check_expr(*d);
    if (s.insert->query) check_query(*s.insert->query);
  }
  for (const auto& a : s.assignments) {
    check_expr(*a.target);
    if (a.value) check_expr(*a.value);
  }
  if (s.where) check_expr(*s.where);
  if (s.copy && s.copy->query) check_query(*s.copy->query);
}

}  // namespace dynamosql
