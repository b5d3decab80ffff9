// Expression evaluation; see evaluator.h.
#include "exec/evaluator.h"

#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "function/datetime_values.h"

namespace dynamosql {
namespace {

Value truth(bool b) { return Value::boolean(b); }

bool is_true(const Value& v) { return v.type() == ValueType::Bool && v.as_bool(); }
bool is_false(const Value& v) { return v.type() == ValueType::Bool && !v.as_bool(); }

const Value& slot_value(const BoundExpr& e, const Row& row) {
  if (e.slot < 0 || static_cast<size_t>(e.slot) >= row.size())
    e.site().fail(sqlstate::kGeneral, "internal error: unplanned column " + e.text);
  return row[static_cast<size_t>(e.slot)];
}

Value evaluate_column(const BoundExpr& e, const Row& row) {
  const Value& v = slot_value(e, row);
  return e.path.empty() ? v : navigate(v, e.path);
}

// An operand of a predicate: a column read as it is stays in the row (no copy), anything else is
// evaluated into `scratch`.
const Value& operand(const BoundExpr& e, const Row& row, Value& scratch) {
  if (reads_slot_as_is(e)) return slot_value(e, row);
  scratch = evaluate(e, row);
  return scratch;
}

Value evaluate_arithmetic(const BoundExpr& e, const Row& row) {
  Value a = evaluate(*e.children[0], row);
  Value b = evaluate(*e.children[1], row);
  if (a.is_null_or_missing() || b.is_null_or_missing()) return Value::null();
  if (e.kind == BoundKind::Concat) return Value::string(value_to_text(a) + value_to_text(b));
  SqlType ta = e.children[0]->type, tb = e.children[1]->type;
  if (is_datetime(ta) || is_datetime(tb)) return datetime_arithmetic(e.arithmetic, a, ta, b, tb, e.site());
  Number x = e.children[0]->site().number(a), y = e.children[1]->site().number(b);
  return Value::number(arithmetic(e.arithmetic, x, y, e.site()));
}

Value compare_operands(const BoundExpr& e, CompareOp op, const Value& a, const Value& b) {
  if (e.children[0]->type == SqlType::Interval) return compare_intervals(op, a, b, e.site());
  return compare_values(op, a, b);
}

Value evaluate_compare(const BoundExpr& e, const Row& row) {
  Value a, b;
  return compare_operands(e, e.compare, operand(*e.children[0], row, a), operand(*e.children[1], row, b));
}

// IS DISTINCT FROM: `=` where both are known; NULL (or MISSING) equals only NULL (or MISSING).
Value evaluate_distinct_from(const BoundExpr& e, const Row& row) {
  Value sa, sb;
  const Value& a = operand(*e.children[0], row, sa);
  const Value& b = operand(*e.children[1], row, sb);
  bool equal = a.is_null_or_missing() || b.is_null_or_missing()
                   ? a.is_null_or_missing() && b.is_null_or_missing()
                   : is_true(compare_operands(e, CompareOp::Equal, a, b));
  return truth(equal == e.negated);
}

Value evaluate_between(const BoundExpr& e, const Row& row) {
  Value scratch, bound;
  const Value& v = operand(*e.children[0], row, scratch);
  Value lo = compare_values(CompareOp::GreaterOrEqual, v, operand(*e.children[1], row, bound));
  Value hi = compare_values(CompareOp::LessOrEqual, v, operand(*e.children[2], row, bound));
  if (is_false(lo) || is_false(hi)) return truth(e.negated);
  if (is_true(lo) && is_true(hi)) return truth(!e.negated);
  return Value::null();
}

Value evaluate_in_list(const BoundExpr& e, const Row& row) {
  Value scratch, item;
  const Value& v = operand(*e.children[0], row, scratch);
  if (v.is_null_or_missing()) return Value::null();
  bool saw_null = false;
  for (size_t i = 1; i < e.children.size(); ++i) {
    Value r = compare_values(CompareOp::Equal, v, operand(*e.children[i], row, item));
    if (is_true(r)) return truth(!e.negated);
    saw_null |= r.type() != ValueType::Bool;
  }
  return saw_null ? Value::null() : truth(e.negated);
}

Value evaluate_like(const BoundExpr& e, const Row& row) {
  Value scratch, pattern;
  const Value& v = operand(*e.children[0], row, scratch);
  const Value& p = operand(*e.children[1], row, pattern);
  if (v.is_null_or_missing() || p.is_null_or_missing()) return Value::null();
  if (v.type() != ValueType::String) return truth(e.negated);
  int escape = -1;
  if (e.children.size() > 2) {
    Value esc = evaluate(*e.children[2], row);
    if (esc.type() != ValueType::String || esc.text().size() != 1)
      e.site().fail(sqlstate::kInvalidParameter, "ESCAPE needs exactly one character");
    escape = static_cast<unsigned char>(esc.text()[0]);
  }
  return truth(like_match(v.text(), value_to_text(p), escape) != e.negated);
}

// AND and OR: false (AND) or true (OR) decides; otherwise NULL unless both are known.
Value evaluate_logic(const BoundExpr& e, const Row& row) {
  bool is_and = e.kind == BoundKind::And;
  Value a = evaluate(*e.children[0], row);
  if (is_and ? is_false(a) : is_true(a)) return truth(!is_and);
  Value b = evaluate(*e.children[1], row);
  if (is_and ? is_false(b) : is_true(b)) return truth(!is_and);
  if (a.type() == ValueType::Bool && b.type() == ValueType::Bool) return truth(is_and);
  return Value::null();
}

Value evaluate_call(const BoundExpr& e, const Row& row) {
  constexpr size_t kInline = 4;
  size_t n = e.children.size();
  if (n <= kInline) {
    Value args[kInline];
    for (size_t i = 0; i < n; ++i) args[i] = evaluate(*e.children[i], row);
    return e.function->evaluate(ArgList(args, n), e.site());
  }
  std::vector<Value> args;
  args.reserve(n);
  for (const auto& c : e.children) args.push_back(evaluate(*c, row));
  return e.function->evaluate(ArgList(args.data(), n), e.site());
}

Value evaluate_case(const BoundExpr& e, const Row& row) {
  size_t i = 0;
  Value operand;
  if (e.has_operand) operand = evaluate(*e.children[i++], row);
  size_t end = e.children.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < end; i += 2) {
    Value when = evaluate(*e.children[i], row);
    bool hit = e.has_operand ? values_equal(operand, when) : is_true(when);
    if (hit) return evaluate(*e.children[i + 1], row);
  }
  if (e.has_else) return evaluate(*e.children.back(), row);
  return Value::null();
}

Value evaluate_document(const BoundExpr& e, const Row& row) {
  MapEntries entries;
  for (size_t i = 0; i < e.children.size(); ++i) {
    Value v = evaluate(*e.children[i], row);
    if (!v.is_missing()) entries.emplace_back(e.keys[i], std::move(v));
  }
  return Value::map(std::move(entries));
}

Value evaluate_list(const BoundExpr& e, const Row& row) {
  std::vector<Value> items;
  for (const auto& c : e.children) {
    Value v = evaluate(*c, row);
    items.push_back(v.is_missing() ? Value::null() : std::move(v));
  }
  return Value::list(std::move(items));
}

// A DynamoDB set: non-empty, all strings, all numbers or all binary.
Value evaluate_set(const BoundExpr& e, const Row& row) {
  std::vector<Value> items;
  for (const auto& c : e.children) items.push_back(evaluate(*c, row));
  if (items.empty()) e.site().fail(sqlstate::kInvalidParameter, "DynamoDB sets cannot be empty");
  ValueType t = items[0].type();
  for (const auto& v : items)
    if (v.type() != t || (t != ValueType::String && t != ValueType::Number && t != ValueType::Binary))
      e.site().fail(sqlstate::kInvalidParameter, "set members must all be strings, numbers or binary");
  if (t == ValueType::Number) {
    std::vector<Number> members;
    for (auto& v : items) members.push_back(v.as_number());
    return Value::number_set(std::move(members));
  }
  std::vector<std::string> members;
  for (auto& v : items) members.push_back(v.text());
  return t == ValueType::String ? Value::string_set(std::move(members)) : Value::binary_set(std::move(members));
}

// A value of an inferred DATE/TIMESTAMP column: read as a date; one that is not gives NULL, and the
// statement warns once per column (the driver's 01000 with SQL_SUCCESS_WITH_INFO on that fetch).
Value read_inferred_date(const BoundExpr& e, const Value& v) {
  Value out = to_datetime(v, e.type, false, e.site());
  if (!out.is_null_or_missing() || v.is_null_or_missing()) return out;
  if (ExecContext* ctx = current_context()) {
    std::string text = v.type() == ValueType::String ? "\"" + v.text().substr(0, 60) + "\"" : "a " + std::string(type_descriptor(v.type()));
    ctx->warn_once("date:" + e.text, "column " + e.text + " is typed " + sql_type_name(e.type) + " (its sampled values are all " +
                                         describe(*e.stored_form) + ") but an item holds " + text +
                                         ", read as NULL; SET infer_dates = false reads the column as text");
  }
  return out;
}

// A DATE or TIMESTAMP value (or a parameter's text that reads as one) written into an inferred date column:
// its text in the column's form; anything else as it is.
Value written_in_form(const Value& v, const StoredDateForm& form) {
  auto t = v.is_null_or_missing() ? std::nullopt : read_timestamp(v);
  return t ? Value::string(format_in_form(*t, form)) : v;
}

[[noreturn]] void unplanned(const BoundExpr& e, const char* what) {
  e.site().fail(sqlstate::kGeneral, std::string("internal error: ") + what + " not planned");
}

}  // namespace

bool reads_slot_as_is(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::ColumnRef: return e.path.empty();
    case BoundKind::GroupRef:
    case BoundKind::AggregateRef:
    case BoundKind::WindowRef:
    case BoundKind::SlotRef: return true;
    default: return false;
  }
}

Value navigate(const Value& root, const std::vector<PathElement>& path) {
  const Value* v = &root;
  for (const auto& step : path) {
    if (step.is_index()) {
      if (v->type() != ValueType::List || static_cast<size_t>(step.index) >= v->items().size()) return Value::missing();
      v = &v->items()[static_cast<size_t>(step.index)];
    } else {
      v = v->find(step.name);
      if (!v) return Value::missing();
    }
  }
  return *v;
}

Value evaluate(const BoundExpr& e, const Row& row) {
  switch (e.kind) {
    case BoundKind::Constant: return e.value;
    case BoundKind::ColumnRef:
    case BoundKind::GroupRef:
    case BoundKind::AggregateRef:
    case BoundKind::WindowRef:
    case BoundKind::SlotRef: return evaluate_column(e, row);
    case BoundKind::Unary: {
      Value v = evaluate(*e.children[0], row);
      if (v.is_null_or_missing()) return Value::null();
      if (e.type == SqlType::Interval) return e.negated ? datetime_arithmetic(ArithmeticOp::Multiply, v, SqlType::Interval, Value::number(Number(-1)), SqlType::Decimal, e.site()) : v;
      Number n = e.site().number(v);
      return Value::number(e.negated ? -n : n);
    }
    case BoundKind::Arithmetic:
    case BoundKind::Concat: return evaluate_arithmetic(e, row);
    case BoundKind::Compare: return evaluate_compare(e, row);
    case BoundKind::DistinctFrom: return evaluate_distinct_from(e, row);
    case BoundKind::Between: return evaluate_between(e, row);
    case BoundKind::InList: return evaluate_in_list(e, row);
    case BoundKind::Like: return evaluate_like(e, row);
    case BoundKind::IsNull:
    case BoundKind::IsMissing: {
      Value scratch;
      const Value& v = operand(*e.children[0], row, scratch);
      return truth((e.kind == BoundKind::IsNull ? v.is_null_or_missing() : v.is_missing()) != e.negated);
    }
    case BoundKind::Not: {
      Value v = evaluate(*e.children[0], row);
      return v.type() == ValueType::Bool ? truth(!v.as_bool()) : Value::null();
    }
    case BoundKind::And:
    case BoundKind::Or: return evaluate_logic(e, row);
    case BoundKind::Call: return evaluate_call(e, row);
    case BoundKind::Case: return evaluate_case(e, row);
    case BoundKind::Cast: {
      Value v = evaluate(*e.children[0], row);
      if (e.stored_form && e.lenient) return read_inferred_date(e, v);
      if (e.stored_form && e.children[0]->kind == BoundKind::Parameter && v.type() != ValueType::String) return v;
      if (e.stored_form) return written_in_form(v, *e.stored_form);
      if (e.lenient) return to_datetime(v, e.type, false, e.site());
      return cast_value(v, e.children[0]->type, e.cast_target, e.type_name, e.site());
    }
    case BoundKind::Document: return evaluate_document(e, row);
    case BoundKind::List: return evaluate_list(e, row);
    case BoundKind::Set: return evaluate_set(e, row);
    case BoundKind::Parameter:
      e.site().fail(sqlstate::kInvalidParameter, "parameter " + std::to_string(e.parameter + 1) + " is not bound");
    case BoundKind::AggregateCall: unplanned(e, "aggregate");
    case BoundKind::WindowCall: unplanned(e, "window function");
    case BoundKind::GroupingCall: unplanned(e, "GROUPING");
    case BoundKind::QuantifiedCompare: return compare_quantified(e.compare, e.all, evaluate(*e.children[0], row), e.value.items());
    case BoundKind::InSubquery:
    case BoundKind::ScalarSubquery:
    case BoundKind::Exists: unplanned(e, "subquery");
  }
  return Value::null();
}

bool evaluate_predicate(const BoundExpr& e, const Row& row) { return is_true(evaluate(e, row)); }

}  // namespace dynamosql
