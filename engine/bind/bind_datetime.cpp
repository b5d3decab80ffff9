// Binding of dates and times: typed literals (DATE '2026-01-31', INTERVAL '1' DAY) and CURRENT_DATE &
// co. become typed constants (the current time is taken once per statement, when it is bound), and
// the operands of a comparison or of date arithmetic are made to read as the date type on the other
// side: a string attribute holding ISO 8601 text compared with a DATE compares as a date (text that is
// not a date reads as NULL), a string constant is converted here (22007 when it is not a date).
#include <chrono>

#include "bind/binder.h"
#include "dynamosql/error.h"
#include "function/datetime_values.h"

namespace dynamosql {
namespace {

CastTarget cast_target_of(SqlType type) {
  switch (type) {
    case SqlType::Date: return CastTarget::Date;
    case SqlType::Time: return CastTarget::Time;
    case SqlType::Interval: return CastTarget::Interval;
    default: return CastTarget::Timestamp;
  }
}

BoundExprPtr typed_constant(Value v, SqlType type, const Position& position, std::string text) {
  auto c = make_constant(std::move(v), position, std::move(text));
  c->cast_target = cast_target_of(type);
  c->type_name = sql_type_name(type);
  c->type = type;
  return c;
}

// The date type the operands of a comparison are compared as: the one date type among them, or
// TIMESTAMP for a DATE with a TIMESTAMP; nullopt when none is a date (or DATE/TIME with INTERVAL, which
// do not compare).
std::optional<SqlType> comparison_type(const std::vector<BoundExprPtr>& operands) {
  std::optional<SqlType> type;
  for (const auto& o : operands) {
    if (!o || !is_datetime(o->type)) continue;
    if (!type || *type == o->type) {
      type = o->type;
    } else if ((*type == SqlType::Date || *type == SqlType::Timestamp) &&
               (o->type == SqlType::Date || o->type == SqlType::Timestamp)) {
      type = SqlType::Timestamp;
    } else {
      return std::nullopt;
    }
  }
  return type;
}

// `operand` read as `type`: a constant converted now, anything else through an implicit CAST that gives
// NULL for what is not a date (a `?`'s value, known only when planned, is converted strictly).
BoundExprPtr read_as(BoundExprPtr operand, SqlType type) {
  if (!operand || operand->type == type || is_null_literal(*operand)) return operand;
  if (operand->kind == BoundKind::Constant) {
    CallSite site = operand->site();
    Value v = to_datetime(operand->value, type, true, site);
    return typed_constant(std::move(v), type, operand->position, operand->text);
  }
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundKind::Cast;
  cast->position = operand->position;
  cast->text = operand->text;
  cast->cast_target = cast_target_of(type);
  cast->type_name = sql_type_name(type);
  cast->lenient = operand->kind != BoundKind::Parameter;
  cast->type = type;
  cast->children.push_back(std::move(operand));
  return cast;
}

bool untyped(SqlType t) { return t == SqlType::Varchar || t == SqlType::Json; }

// CURRENT_DATE and the other names of the statement's time, with the type each gives.
std::optional<SqlType> current_time_type(const std::string& name) {
  if (name == "current_date" || name == "curdate") return SqlType::Date;
  if (name == "current_time" || name == "curtime" || name == "localtime") return SqlType::Time;
  if (name == "current_timestamp" || name == "localtimestamp" || name == "now") return SqlType::Timestamp;
  return std::nullopt;
}

}  // namespace

BoundExprPtr Binder::bind_typed_literal(const Expr& e) {
  auto target = cast_target_named(e.type_name);
  SqlType type = cast_result_type(*target);
  return typed_constant(e.value, type, e.position, e.text);
}

BoundExprPtr Binder::bind_current_time(const Expr& e) {
  auto type = current_time_type(e.op);
  if (!type) return nullptr;
  if (!statement_time_) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    statement_time_ = Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(now).count()};
  }
  Timestamp t = *statement_time_;
  if (!e.children.empty() && e.children[0]->kind == ExprKind::Literal) {  // CURRENT_TIMESTAMP(p): p digits
    int64_t unit = 1;
    for (int64_t p = e.children[0]->value.as_number().to_int64().value_or(6); p < 6; ++p) unit *= 10;
    t.micros -= t.micros % unit;
  } else if (!e.children.empty()) {
    fail_at(e.position, sqlstate::kSyntax, e.op + "() takes no arguments");
  }
  Value v = *type == SqlType::Date ? date_value(date_of(t)) : *type == SqlType::Time ? time_value(time_of(t)) : timestamp_value(t);
  return typed_constant(std::move(v), *type, e.position, e.text);
}

void Binder::coerce_datetime_operands(BoundExpr& e) {
  auto& c = e.children;
  switch (e.kind) {
    case BoundKind::Compare:
    case BoundKind::DistinctFrom:
    case BoundKind::Between:
    case BoundKind::InList:
      if (auto type = comparison_type(c))
        for (auto& operand : c) operand = read_as(std::move(operand), *type);
      break;
    case BoundKind::Arithmetic: {
      SqlType a = c[0]->type, b = c[1]->type;
      if (a == SqlType::Interval && untyped(b)) c[1] = read_as(std::move(c[1]), SqlType::Timestamp);
      if (b == SqlType::Interval && untyped(a)) c[0] = read_as(std::move(c[0]), SqlType::Timestamp);
      if (e.arithmetic == ArithmeticOp::Subtract && is_datetime(a) && a != SqlType::Interval && untyped(b))
        c[1] = read_as(std::move(c[1]), a);
      if (e.arithmetic == ArithmeticOp::Subtract && is_datetime(b) && b != SqlType::Interval && untyped(a))
        c[0] = read_as(std::move(c[0]), b);
      break;
    }
    case BoundKind::Call:
      for (size_t i = 0; i < c.size(); ++i)
        if (e.function->argument_type(i) == ArgumentType::DateTime && c[i] && !is_datetime(c[i]->type))
          c[i] = read_as(std::move(c[i]), SqlType::Timestamp);
      break;
    default: break;
  }
}

BoundExprPtr read_inferred_date(BoundExprPtr column, const ColumnDef* def) {
  if (!def || !def->date_form || !column->path.empty()) return column;
  SqlType type = def->date_form->type;
  auto cast = read_as(std::move(column), type);
  cast->stored_form = def->date_form;
  return cast;
}

namespace {

// A Cast of `value` to `target` (`type`), the text of `value` its own.
BoundExprPtr cast_for_write(BoundExprPtr value, CastTarget target, SqlType type, const char* type_name) {
  auto cast = std::make_unique<BoundExpr>();
  cast->kind = BoundKind::Cast;
  cast->position = value->position;
  cast->text = value->text;
  cast->cast_target = target;
  cast->type = type;
  cast->type_name = type_name;
  cast->children.push_back(std::move(value));
  return cast;
}

// A date as the epoch number `unit` counts: CAST(x AS DECIMAL) is its exact epoch seconds, times 1000
// for milliseconds.
BoundExprPtr as_epoch_number(BoundExprPtr value, EpochUnit unit) {
  Position position = value->position;
  std::string text = value->text;
  auto seconds = cast_for_write(std::move(value), CastTarget::Decimal, SqlType::Decimal, "DECIMAL");
  if (unit == EpochUnit::Seconds) return seconds;
  auto millis = std::make_unique<BoundExpr>();
  millis->kind = BoundKind::Arithmetic;
  millis->arithmetic = ArithmeticOp::Multiply;
  millis->type = SqlType::Decimal;
  millis->position = position;
  millis->text = text;
  millis->children.push_back(std::move(seconds));
  millis->children.push_back(make_constant(Value::number(Number(1000)), position, "1000"));
  return millis;
}

}  // namespace

BoundExprPtr write_in_stored_form(BoundExprPtr value, const ColumnDef* def) {
  if (!def || !value) return value;
  bool dated = value->type == SqlType::Date || value->type == SqlType::Timestamp;
  if (def->epoch_unit && dated) return as_epoch_number(std::move(value), *def->epoch_unit);
  if (def->epoch_unit && value->kind == BoundKind::Parameter) value->written_as_epoch = def->epoch_unit;
  if (!def->date_form || !(dated || value->kind == BoundKind::Parameter)) return value;
  auto cast = cast_for_write(std::move(value), CastTarget::Varchar, SqlType::Varchar, "");
  cast->stored_form = def->date_form;
  return cast;
}

const BoundExpr& column_below_inferred_date(const BoundExpr& e) {
  return e.kind == BoundKind::Cast && e.stored_form && e.lenient ? *e.children[0] : e;
}

BoundExprPtr bind_interval_unit(const Expr& call, size_t argument) {
  if (argument != 0 || call.kind != ExprKind::Function || (call.op != "timestampadd" && call.op != "timestampdiff"))
    return nullptr;
  const Expr& unit = *call.children[0];
  if (unit.kind != ExprKind::Column || unit.path.size() != 1) return nullptr;
  return make_constant(Value::string(unit.path[0].name), unit.position, unit.text);
}

}  // namespace dynamosql
