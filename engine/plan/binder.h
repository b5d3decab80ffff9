// Name resolution for one SELECT: the FROM items in scope, which attributes each base table must
// read, and binding of expressions to row slots.
//
// A column reference `a.b.c` names a FROM item when `a` is an alias (or the table name) in scope;
// otherwise `a` is an attribute. DynamoDB tables are schemaless, so an attribute of a base table need
// not be in the inferred schema: with one table in scope any name is that table's attribute (a missing
// attribute reads as NULL). With several, a name in exactly one table's inferred schema is that one;
// otherwise it must be qualified. Subqueries in FROM have fixed columns: an unknown name there is 42S22.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "exec/operator.h"
#include "sql/ast.h"

namespace dynamosql {

struct Relation {
  std::string alias;                        // how it is referenced
  std::shared_ptr<const TableSchema> table;  // base table, or
  OperatorPtr subquery;                     // planned subquery
  std::string index;                        // "table"."index" forces that index
  bool star = false;                        // SELECT * or alias.* needs every attribute
  std::vector<std::string> attributes;      // base table: the attributes read, in column order
  bool with_other = false;                  // base table: carries `_other`
  std::vector<OutputColumn> columns;        // row layout of this relation
  size_t offset = 0;                        // first slot in the scope row
  bool right_of_left_join = false;

  int column_index(const std::string& name) const;
};

class Binder {
 public:
  explicit Binder(std::vector<Relation>& relations) : relations_(relations) {}

  // Pass 1: records the attributes base tables must read for every column reference in `e`.
  void collect(const Expr& e);
  // Fixes each relation's columns and offsets once all references are collected.
  void layout();
  // Pass 2: sets slot/relation on every Column in `e` for the scope row. With `only_relation` >= 0 the
  // slots are relative to that relation's own row (for filters below a join).
  void bind(Expr& e, int only_relation = -1) const;
  // The relations an expression references.
  std::set<int> relations_of(const Expr& e) const;
  std::vector<OutputColumn> scope_columns() const;
  const std::vector<Relation>& relations() const { return relations_; }

 private:
  struct Resolved {
    int relation;
    std::string attribute;
    size_t path_start;  // index in path of `attribute`
  };
  Resolved resolve(const Expr& column) const;

  std::vector<Relation>& relations_;
};

// Walks every sub-expression (not into subqueries).
template <typename F>
void visit_exprs(Expr& e, F&& f) {
  f(e);
  for (auto& c : e.children)
    if (c) visit_exprs(*c, f);
}
template <typename F>
void visit_exprs(const Expr& e, F&& f) {
  f(e);
  for (const auto& c : e.children)
    if (c) visit_exprs(static_cast<const Expr&>(*c), f);
}

// Structural equality of bound expressions (GROUP BY matching, ORDER BY against select items).
bool same_expr(const Expr& a, const Expr& b);
// Splits an AND tree into its conjuncts.
void split_conjuncts(ExprPtr e, std::vector<ExprPtr>& out);
ExprPtr join_conjuncts(std::vector<ExprPtr> conjuncts);

}  // namespace dynamosql
