// The bind step: the parser's AST (sql/ast.h, never modified) -> bound statements (bound_statement.h)
// whose names, types, functions and parameters are resolved once.
//
// Names. Each SELECT being bound is a scope holding its FROM items; scopes stack as subqueries nest.
// A qualified name `a.b...` names the FROM item `a` of the nearest enclosing query that has one (SQL's
// rule); only when no query in scope has a FROM item `a` is it a path into an attribute `a`. An
// unqualified name is the attribute of the one FROM item of the nearest query whose inferred schema has
// it (two in one query: ambiguous, 42000); when none has it, DynamoDB being schemaless, it is an
// attribute of the nearest query's FROM item if that query has exactly one and it is a base table (a
// missing attribute reads as NULL); otherwise 42S22. Stream tables and derived tables (FROM (SELECT
// ...)) have fixed columns: an unknown name there is 42S22. A name resolved in an enclosing query is an
// outer reference (ColumnRef depth > 0) and makes the subqueries in between correlated.
//
// Aggregation. With GROUP BY, HAVING or an aggregate, the select list, HAVING and ORDER BY are bound
// over the groups: a GROUP BY expression becomes a GroupRef, an aggregate call an AggregateRef into the
// SELECT's list of aggregates, and any other column is an error.
//
// Windows. A call with OVER is a WindowCall (its arguments, PARTITION BY, ORDER BY and frame offsets
// bound in the SELECT's scope, over the groups when it aggregates: windows run after GROUP BY and
// HAVING); once bound it becomes a WindowRef into the SELECT's list of window calls. OVER w and
// OVER (w ...) take the WINDOW clause's definitions by SQL's copying rules.
//
// Parameters get their expected types from their context (parameter_types.h).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bind/bound_statement.h"
#include "catalog/catalog.h"
#include "sql/ast.h"
#include "value/datetime.h"

namespace dynamosql {

// Where a FROM item naming a WITH RECURSIVE query being bound stands, as PostgreSQL's
// checkWellFormedRecursion tracks it: Allowed (the recursive term, the derived tables and set operation
// terms it reaches that way) makes it the working table; any other is 42P19, or 0A000 where PostgreSQL
// runs what this engine does not (a WITH query inside the recursive term).
enum class RecursionContext { Allowed, NotUnion, NonRecursiveTerm, Subquery, OuterJoin, Intersect, Except, WithQuery };
// The context of term `i` of a set operation `op` (PostgreSQL's): INTERSECT ALL and EXCEPT ALL hold no
// reference, EXCEPT none right of its first term; Allowed leaves the context as it is.
RecursionContext set_operation_term_context(SetOperation op, size_t i);

class Binder {
 public:
  Binder(Catalog& catalog, int parameter_count);

  BoundStatement bind_statement(const Statement& statement);
  std::unique_ptr<BoundQuery> bind_query(const Query& query);
  // What each `?` of what was bound is expected to be.
  const std::vector<ParameterDescription>& parameters() const { return parameters_; }
  // The base tables (and tables of stream tables) what was bound reads, by name.
  const std::set<std::string>& tables_read() const { return tables_read_; }

 private:
  // A column JOIN ... USING merged (bind_using.cpp): what its unqualified name means, and the FROM
  // items whose column of that name SELECT * no longer shows.
  struct UsingColumn {
    std::string name;
    ExprPtr expr;
    std::vector<size_t> relations;
  };
  // The FROM items of one SELECT being bound.
  struct Scope {
    std::vector<BoundRelation>* relations;
    std::optional<OuterReference> outer_reference;  // the first name inside resolved in an enclosing query
    const std::vector<NamedWindow>* windows = nullptr;  // the SELECT's WINDOW clause
    const std::vector<UsingColumn>* using_columns = nullptr;
  };
  // Pushes the scope of a SELECT (or of an UPDATE's table) for as long as it lives.
  struct ScopeGuard {
    ScopeGuard(Binder& binder, std::vector<BoundRelation>& relations) : binder(binder) {
      binder.scopes_.push_back({&relations, std::nullopt, nullptr, nullptr});
    }
    ~ScopeGuard() { binder.scopes_.pop_back(); }
    Binder& binder;
  };
  struct Resolved {
    int depth;
    int relation;
    size_t attribute;  // index of the attribute's element in the column's path
  };

  // The WITH queries of a query, in scope while it is bound (innermost last).
  struct CteGuard {
    CteGuard(Binder& binder, const Query& query);
    ~CteGuard() { binder.ctes_.pop_back(); }
    Binder& binder;
  };

  // bind_cte.cpp
  void bind_with(const Query& query);
  std::shared_ptr<BoundCte> find_cte(const std::string& name) const;

  // bind_recursive.cpp: the WITH queries of WITH RECURSIVE, each in scope in its own query.
  struct Recursion {
    std::shared_ptr<BoundCte> cte;
    RecursionContext context;
    int references = 0;
  };
  struct RecursionGuard {
    RecursionGuard(Binder& binder, Recursion recursion) : binder(binder) { binder.recursions_.push_back(std::move(recursion)); }
    ~RecursionGuard() { binder.recursions_.pop_back(); }
    Binder& binder;
  };
  // Moves every WITH RECURSIVE query being bound whose references are still Allowed (every one, with
  // `always`: an expression subquery) to `context` for as long as it lives.
  struct RecursionContextGuard {
    RecursionContextGuard(Binder& binder, RecursionContext context, bool always = false);
    ~RecursionContextGuard();
    Binder& binder;
    std::vector<RecursionContext> saved;
  };
  // References to WITH RECURSIVE queries bound so far: a FROM item or set operation term whose binding
  // added one reads a working table, so it is not held across iterations.
  int recursive_references() const;
  void bind_recursive_with(const Query& query);
  void bind_recursive_cte(const CommonTableExpr& with, const std::shared_ptr<BoundCte>& cte);
  std::unique_ptr<BoundQuery> bind_recursive_union(const CommonTableExpr& with, const std::shared_ptr<BoundCte>& cte);
  // A FROM item naming a WITH RECURSIVE query being bound: a working-table reference where allowed,
  // else 42P19 at it.
  void note_recursive_reference(BoundRelation& rel);
  // A SELECT that reads a working table, itself or through a derived table, neither aggregates nor
  // computes window functions.
  void check_reads_working_table(const QuerySpec& spec, const BoundSelect& select) const;

  // bind_select.cpp
  std::unique_ptr<BoundQuery> bind_subquery(const Query& query);
  // One term of `query` appended to `bound` (its column count checked against the first term's).
  void bind_term(const Query& query, const Query::Term& term, BoundQuery& bound);
  // Once its terms are bound: column types, the set operation's type check, ORDER BY, LIMIT, OFFSET.
  void finish_query(const Query& query, BoundQuery& bound);
  BoundExprPtr bind_count(const Expr* e, const char* what);
  void bind_union_order(const Query& query, BoundQuery& bound);
  std::unique_ptr<BoundSelect> bind_select(const QuerySpec& spec, const Query* order_source);
  void bind_groups(const QuerySpec& spec, BoundSelect& select);
  BoundExprPtr bind_named_item(const std::vector<const SelectItem*>& named, const char* clause, const Expr& name);
  void bind_from(const QuerySpec& spec, BoundSelect& select, std::vector<const Join*>& joins);
  void flatten_joins(const TableRef& first, const std::vector<Join>& joins, std::vector<const TableRef*>& refs,
                     BoundSelect& select, std::vector<const Join*>& flat) const;
  void check_join_scope(const BoundSelect& select, size_t join) const;
  BoundRelation bind_table_ref(const TableRef& ref);
  void mark_stars(const QuerySpec& spec, BoundSelect& select);
  void check_no_aggregates(const BoundSelect& select);
  void refuse_grouping_calls(const BoundSelect& select);
  void bind_order(const Query& source, const QuerySpec& spec, BoundSelect& select);
  void build_outputs(const QuerySpec& spec, std::vector<BoundExprPtr> items, BoundSelect& select);
  std::string base_table_of(const BoundExpr& e, const BoundSelect& select) const;
  void match_order_to_outputs(BoundSelect& select);

  // bind_using.cpp
  std::vector<ExprPtr> merge_using_columns(const std::vector<const Join*>& joins, const BoundSelect& select,
                                           std::vector<UsingColumn>& merged) const;
  // FROM items [begin, end): one side of a join.
  struct JoinSide {
    size_t begin, end;
    bool has(size_t relation) const { return relation >= begin && relation < end; }
  };
  // A join side's column of a name: its expression, the FROM items whose column it is, and the merged
  // column it is (-1: none).
  struct SideColumn {
    ExprPtr expr;
    std::vector<size_t> relations;
    int merged = -1;
  };
  std::vector<std::string> natural_columns(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations,
                                           JoinSide left, JoinSide right) const;
  SideColumn using_side_column(const std::vector<UsingColumn>& merged, const std::vector<BoundRelation>& relations, JoinSide side,
                               const char* which, const std::string& name, const Position& at) const;
  BoundExprPtr bind_using_column(const Expr& e);
  void append_using_columns(BoundSelect& select, const Position& at);
  std::vector<std::string> merged_away(size_t relation) const;

  // bind_aggregate.cpp
  void bind_aggregate_clauses(const Expr& e, BoundExpr& call);
  void bind_over_groups(BoundSelect& select);
  BoundExprPtr over_groups(BoundExprPtr e, BoundSelect& select);
  BoundExprPtr bind_grouping_call(const Expr& e);

  // bind_window.cpp
  struct WindowClauses;
  BoundExprPtr bind_window_call(const Expr& e);
  // `visible`: how many windows of the WINDOW clause `spec` may name (a window definition names only
  // those defined before it, as in PostgreSQL, so `WINDOW w AS (w)` is an error, not endless recursion).
  WindowClauses resolve_window(const WindowSpec& spec, size_t visible = SIZE_MAX) const;
  void filter_window_argument(BoundExpr& call, BoundExprPtr condition);
  void bind_frame(const WindowFrame& frame, CallClauses& shape, BoundExpr& bound);
  void collect_windows(BoundSelect& select);
  BoundExprPtr window_refs(BoundExprPtr e, BoundSelect& select);

  // bind_write.cpp
  std::unique_ptr<BoundInsert> bind_insert(const Statement& s);
  std::unique_ptr<BoundQuery> bind_rows(const std::vector<std::vector<ExprPtr>>& rows, const std::vector<std::string>& columns,
                                        const Position& position);
  void type_inserted_values(const BoundInsert& insert);
  std::unique_ptr<BoundModification> bind_modification(const Statement& s);
  void check_assignment(const BoundExpr& target, const BoundRelation& rel) const;

  // bind_expression.cpp
  BoundExprPtr bind_expr(const Expr& e);
  BoundExprPtr bind_column(const Expr& e);
  void resolve_function(const Expr& e, BoundExpr& bound);
  void bind_subquery_expr(const Expr& e, BoundExpr& bound);
  void type_operands(BoundExpr& e);
  void expect(const BoundExpr& operand, const std::optional<ParameterDescription>& description);
  const BoundRelation* relation_of(const BoundExpr& column) const;
  // bind_datetime.cpp
  BoundExprPtr bind_typed_literal(const Expr& e);
  BoundExprPtr bind_current_time(const Expr& e);  // nullptr when `e` is not CURRENT_DATE & co.
  void coerce_datetime_operands(BoundExpr& e);

  // scope.cpp
  Resolved resolve(const Expr& column);
  std::optional<Resolved> resolve_qualified(const Expr& column) const;
  std::optional<Resolved> resolve_in_schema(const Expr& column) const;
  Resolved resolve_schemaless(const Expr& column) const;
  void note_reference(const Resolved& r, const Expr& column);

  Catalog& catalog_;
  std::vector<Scope> scopes_;  // innermost last
  std::vector<std::vector<std::shared_ptr<BoundCte>>> ctes_;  // per query with WITH being bound, innermost last
  std::vector<Recursion> recursions_;  // WITH RECURSIVE queries being bound, innermost last
  std::vector<ParameterDescription> parameters_;
  std::set<std::string> tables_read_;
  std::optional<Timestamp> statement_time_;  // CURRENT_TIMESTAMP & co.: one value per statement
};

// TIMESTAMPADD(SQL_TSI_DAY, ...) and TIMESTAMPDIFF: their first argument, a bare unit name, as text;
// nullptr for any other argument.
BoundExprPtr bind_interval_unit(const Expr& call, size_t argument);
// A plain column of an inferred DATE/TIMESTAMP column (`def.date_form`) read as that type: a Cast that
// gives NULL and a warning for a value that is not a date. Other columns are returned as they are.
BoundExprPtr read_inferred_date(BoundExprPtr column, const ColumnDef* def);
// `value` written into column `def`: a DATE or TIMESTAMP value into an inferred date column becomes text
// in the column's form, and so does a `?` whose bound text is a date (ODBC clients such as LibreOffice
// bind a date as a date struct, which arrives as ISO text); into a number column a DATE or TIMESTAMP
// becomes its epoch number (def.epoch_unit), and so does a `?` whose bound text is a date (not a
// number; BoundExpr::written_as_epoch); other values are returned as they are.
BoundExprPtr write_in_stored_form(BoundExprPtr value, const ColumnDef* def);
// The column an expression reads as it is: `e` itself, or the column below such a Cast.
const BoundExpr& column_below_inferred_date(const BoundExpr& e);
// A WITH query's columns: its query's, renamed by `name (a, b)` (a count that differs is 42000).
std::vector<BoundColumn> named_columns(const CommonTableExpr& with, std::vector<BoundColumn> columns);
// The output columns of a bound query.
const std::vector<BoundColumn>& query_output_columns(const BoundQuery& query);
// Sets them once its terms are bound: the first term's names, each column typed to hold every term's
// values (common_result_type), so that a UNION ALL of a BIGINT and a DECIMAL is DECIMAL.
void type_query_columns(BoundQuery& query);
// UNION, INTERSECT, EXCEPT: fails (42804) where a column's terms are of types that cannot be matched
// (set_operation_types.cpp).
void check_set_operation_types(const BoundQuery& query);

}  // namespace dynamosql
