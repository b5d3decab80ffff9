// Binding of one expression: names, operators, functions, CAST targets and subqueries resolved, types
// computed, and each `?` given the type its context expects.
#include "bind/binder.h"
#include "bind/parameter_types.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// The bound node's kind and operator for an AST node with the same shape.
BoundKind kind_of(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal: return BoundKind::Constant;
    case ExprKind::Parameter: return BoundKind::Parameter;
    case ExprKind::Column: return BoundKind::ColumnRef;
    case ExprKind::Unary: return BoundKind::Unary;
    case ExprKind::Binary: return e.op == "||" ? BoundKind::Concat : BoundKind::Arithmetic;
    case ExprKind::Compare: return BoundKind::Compare;
    case ExprKind::Between: return BoundKind::Between;
    case ExprKind::InList: return BoundKind::InList;
    case ExprKind::InSubquery: return BoundKind::InSubquery;
    case ExprKind::Like: return BoundKind::Like;
    case ExprKind::IsNull: return BoundKind::IsNull;
    case ExprKind::IsMissing: return BoundKind::IsMissing;
    case ExprKind::Not: return BoundKind::Not;
    case ExprKind::And: return BoundKind::And;
    case ExprKind::Or: return BoundKind::Or;
    case ExprKind::Function: return BoundKind::Call;
    case ExprKind::Case: return BoundKind::Case;
    case ExprKind::Cast: return BoundKind::Cast;
    case ExprKind::Document: return BoundKind::Document;
    case ExprKind::List: return BoundKind::List;
    case ExprKind::Set: return BoundKind::Set;
    case ExprKind::Subquery: return BoundKind::ScalarSubquery;
    case ExprKind::Exists: return BoundKind::Exists;
    case ExprKind::IsDistinctFrom: return BoundKind::DistinctFrom;
    case ExprKind::TypedLiteral: break;
  }
  fail_at(e.position, sqlstate::kFeatureNotSupported, "this expression is not supported yet");
}

void set_operator(const Expr& e, BoundExpr& b) {
  if (b.kind == BoundKind::Compare || (b.kind == BoundKind::InSubquery && !e.op.empty())) {
    auto op = compare_op_named(e.op);
    if (!op) fail_at(e.position, sqlstate::kSyntax, "unknown comparison " + e.op);
    b.compare = *op;
    b.all = e.all;
  } else if (b.kind == BoundKind::Arithmetic) {
    auto op = arithmetic_op_named(e.op);
    if (!op) fail_at(e.position, sqlstate::kSyntax, "unknown operator " + e.op);
    b.arithmetic = *op;
  } else if (b.kind == BoundKind::Unary) {
    b.negated = e.op == "-";
  } else if (b.kind == BoundKind::Cast) {
    auto target = cast_target_named(e.type_name);
    if (!target) fail_at(e.position, sqlstate::kFeatureNotSupported, "unsupported CAST target type " + e.type_name);
    b.cast_target = *target;
    b.type_name = e.type_name;
  }
}

}  // namespace

BoundExprPtr Binder::bind_expr(const Expr& e) {
  if (e.kind == ExprKind::Column) return bind_column(e);
  if (e.kind == ExprKind::Function && e.window) return bind_window_call(e);
  if (e.kind == ExprKind::TypedLiteral) return bind_typed_literal(e);
  if (e.kind == ExprKind::Function && e.op == "grouping") return bind_grouping_call(e);
  if (e.kind == ExprKind::Function)
    if (auto now = bind_current_time(e)) return now;
  auto b = std::make_unique<BoundExpr>();
  b->kind = kind_of(e);
  b->position = e.position;
  b->text = e.text;
  b->value = e.value;
  b->parameter = e.parameter_index;
  b->negated = e.negated;
  b->has_operand = e.has_operand;
  b->has_else = e.has_else;
  b->keys = e.keys;
  set_operator(e, *b);
  if (b->kind == BoundKind::Call) resolve_function(e, *b);  // before the arguments, as SQL reports it
  for (size_t i = 0; i < e.children.size(); ++i) {
    const auto& c = e.children[i];
    auto unit = bind_interval_unit(e, i);
    b->children.push_back(unit ? std::move(unit) : c ? bind_expr(*c) : nullptr);
  }
  if (b->kind == BoundKind::AggregateCall) bind_aggregate_clauses(e, *b);
  if (b->kind == BoundKind::AggregateCall)
    for (const auto& c : b->children) {
      if (contains_kind(*c, BoundKind::AggregateCall)) fail_at(e.position, sqlstate::kSyntax, "aggregate functions cannot be nested");
      if (contains_kind(*c, BoundKind::GroupingCall))
        fail_at(e.position, sqlstate::kGrouping, "aggregate function calls cannot contain grouping operations");
      if (contains_kind(*c, BoundKind::WindowCall))
        fail_at(e.position, sqlstate::kSyntax, "aggregate function calls cannot contain window function calls");
    }
  if (e.subquery) bind_subquery_expr(e, *b);
  type_operands(*b);
  coerce_datetime_operands(*b);
  b->type = type_of(*b);
  return b;
}

BoundExprPtr Binder::bind_column(const Expr& e) {
  if (auto merged = bind_using_column(e)) return merged;
  Resolved r = resolve(e);
  auto b = std::make_unique<BoundExpr>();
  b->kind = BoundKind::ColumnRef;
  b->position = e.position;
  b->text = e.text;
  b->depth = r.depth;
  b->relation = r.relation;
  b->attribute = e.path[r.attribute].name;
  b->path.assign(e.path.begin() + static_cast<long>(r.attribute) + 1, e.path.end());
  const BoundRelation& rel = *relation_of(*b);
  b->type = SqlType::Json;
  if (b->path.empty()) {
    if (rel.kind == RelationKind::BaseTable) {
      const ColumnDef* def = rel.table->find(b->attribute);
      if (def) {
        b->type = def->date_form ? SqlType::Varchar : def->type;
        return read_inferred_date(std::move(b), def);
      }
    } else {
      b->type = rel.columns[static_cast<size_t>(rel.column_index(b->attribute))].type;
    }
  }
  return b;
}

// A call resolved to its registry entry, arity checked once here rather than per row.
void Binder::resolve_function(const Expr& e, BoundExpr& b) {
  const FunctionEntry* f = FunctionRegistry::instance().lookup(e.op);
  if (!f) fail_at(e.position, sqlstate::kSyntax, "unknown function " + e.op + "()");
  if (e.star && !f->allows_star) fail_at(e.position, sqlstate::kSyntax, e.op + "(*) is not valid; only COUNT(*)");
  if (f->is_window() && !e.window) fail_at(e.position, sqlstate::kSyntax, "window function " + e.op + "() needs an OVER clause");
  b.function = f;
  int n = static_cast<int>(e.children.size());
  if (f->is_aggregate()) {
    b.kind = BoundKind::AggregateCall;
    b.distinct = e.distinct;
    b.star = e.star;
    if (!e.star && (n < f->min_arguments || n > f->max_arguments))
      fail_at(e.position, sqlstate::kSyntax, "wrong number of arguments to " + e.op + "()");
    if (f->within_group && !e.within_group)
      fail_at(e.position, sqlstate::kSyntax, e.op + "() needs WITHIN GROUP (ORDER BY ...)");
    if (!f->within_group && e.within_group)
      fail_at(e.position, sqlstate::kSyntax, e.op + "() is not an ordered-set aggregate, so WITHIN GROUP cannot be used");
    if (e.within_group && e.order_by.size() != 1)
      fail_at(e.position, sqlstate::kSyntax, e.op + "() takes exactly one ORDER BY key in WITHIN GROUP");
  } else if (!e.order_by.empty() || e.filter) {
    fail_at(e.position, sqlstate::kSyntax, e.op + "() is not an aggregate function: ORDER BY and FILTER need one");
  } else if (n < f->min_arguments || (f->max_arguments >= 0 && n > f->max_arguments)) {
    fail_at(e.position, sqlstate::kSyntax, "wrong number of arguments to " + e.op + "()");
  }
}

// IN (SELECT ...), scalar subqueries and EXISTS: bound in a scope of their own; one column but for EXISTS.
void Binder::bind_subquery_expr(const Expr& e, BoundExpr& b) {
  {
    RecursionContextGuard subquery(*this, RecursionContext::Subquery, true);
    b.subquery = bind_subquery(*e.subquery);
  }
  if (b.kind == BoundKind::Exists) return;
  const auto& columns = query_output_columns(*b.subquery);
  if (columns.size() != 1) fail_at(e.position, sqlstate::kSyntax, "subquery must return exactly one column");
  if (b.kind == BoundKind::ScalarSubquery) b.type = columns[0].type;
}

const BoundRelation* Binder::relation_of(const BoundExpr& column) const {
  if (column.kind != BoundKind::ColumnRef) return nullptr;
  const auto& relations = *scopes_[scopes_.size() - 1 - static_cast<size_t>(column.depth)].relations;
  return &relations[static_cast<size_t>(column.relation)];
}

void Binder::expect(const BoundExpr& operand, const std::optional<ParameterDescription>& description) {
  if (operand.kind != BoundKind::Parameter || !description) return;
  auto& p = parameters_[static_cast<size_t>(operand.parameter)];
  if (!p.known) p = *description;
}

// The parameter typing rules of parameter_types.h, for the operands of `e`.
void Binder::type_operands(BoundExpr& e) {
  auto& c = e.children;
  auto like = [&](const BoundExpr& other) { return parameter_like(other, relation_of(other)); };
  switch (e.kind) {
    case BoundKind::Compare:
    case BoundKind::DistinctFrom:
      expect(*c[0], like(*c[1]));
      expect(*c[1], like(*c[0]));
      break;
    case BoundKind::Between:
    case BoundKind::InList:
      for (size_t i = 1; i < c.size(); ++i) {
        expect(*c[i], like(*c[0]));
        expect(*c[0], like(*c[i]));
      }
      break;
    case BoundKind::Unary:
    case BoundKind::Arithmetic:
      for (auto& x : c) expect(*x, parameter_of_type(SqlType::Decimal));
      break;
    case BoundKind::Concat:
    case BoundKind::Like:
      for (auto& x : c) expect(*x, parameter_of_type(SqlType::Varchar));
      break;
    case BoundKind::Call:
    case BoundKind::AggregateCall:
    case BoundKind::WindowCall:
      for (size_t i = 0; i < (e.clauses ? e.clauses->arguments : c.size()); ++i) {
        ArgumentType t = e.function->argument_type(i);
        if (t == ArgumentType::Text) expect(*c[i], parameter_of_type(SqlType::Varchar));
        if (t == ArgumentType::Number) expect(*c[i], parameter_of_type(SqlType::Decimal));
        if (t == ArgumentType::SameAsFirst && i > 0) expect(*c[i], like(*c[0]));
      }
      break;
    default: break;
  }
}

}  // namespace dynamosql
