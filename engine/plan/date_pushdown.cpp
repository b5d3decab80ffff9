// The superset conditions of date comparisons; see date_pushdown.h.
#include "plan/date_pushdown.h"

#include <cstdio>

#include "function/datetime_values.h"

namespace dynamosql {
namespace {

constexpr int64_t kMargin = 7 * kMicrosPerDay;  // more than any offset the reader accepts (99:99)

// The column below the Cast that reads an inferred date column, when `e` is one over `relation`.
const BoundExpr* inferred_column(const BoundExpr& e, int relation) {
  if (e.kind != BoundKind::Cast || !e.stored_form || !e.lenient) return nullptr;
  const BoundExpr& c = *e.children[0];
  return c.is_column_of(relation) && c.path.empty() ? &c : nullptr;
}

std::optional<Timestamp> instant_of(const BoundExpr& e) {
  if (e.kind != BoundKind::Constant || (e.type != SqlType::Date && e.type != SqlType::Timestamp)) return std::nullopt;
  return read_timestamp(e.value);
}

struct DateRange {
  const BoundExpr* column = nullptr;
  std::optional<Timestamp> low, high;
};

std::optional<DateRange> range_of(const BoundExpr& e, int relation) {
  DateRange r;
  if (e.kind == BoundKind::Between && !e.negated) {
    r.column = inferred_column(*e.children[0], relation);
    r.low = instant_of(*e.children[1]);
    r.high = instant_of(*e.children[2]);
    if (!r.column || !r.low || !r.high) return std::nullopt;
    return r;
  }
  if (e.kind != BoundKind::Compare || e.compare == CompareOp::NotEqual) return std::nullopt;
  CompareOp op = e.compare;
  const BoundExpr* constant = e.children[1].get();
  r.column = inferred_column(*e.children[0], relation);
  if (!r.column) {
    r.column = inferred_column(*e.children[1], relation);
    constant = e.children[0].get();
    op = flipped(op);
  }
  auto at = r.column ? instant_of(*constant) : std::nullopt;
  if (!at) return std::nullopt;
  if (op != CompareOp::Less && op != CompareOp::LessOrEqual) r.low = at;
  if (op != CompareOp::Greater && op != CompareOp::GreaterOrEqual) r.high = at;
  return r;
}

int year_of(int64_t micros) { return civil(Date{static_cast<int32_t>(micros / kMicrosPerDay - (micros % kMicrosPerDay < 0))}).year; }

std::string four_digits(int year) {
  char out[16];
  snprintf(out, sizeof out, "%04d", year);
  return out;
}

}  // namespace

std::optional<std::string> date_superset_condition(const BoundExpr& e, int relation, ExpressionBuilder& b) {
  auto r = range_of(e, relation);
  if (!r) return std::nullopt;
  std::optional<int> low, high;  // the first year a match can start with, the first it cannot
  if (r->low && year_of(r->low->micros - kMargin) >= 1) low = year_of(r->low->micros - kMargin);
  if (r->high && year_of(r->high->micros + kMargin) < 9999) high = year_of(r->high->micros + kMargin) + 1;
  if (!low && !high) return std::nullopt;
  std::string column = b.path(*r->column);
  std::string range;
  if (low) range = column + " >= " + b.value(Value::string(four_digits(*low)));
  if (high) range += (low ? " AND " : "") + column + " < " + b.value(Value::string(four_digits(*high)));
  return "((" + range + ") OR " + column + " < " + b.value(Value::string("1")) + " OR attribute_type(" + column + ", " +
         b.value(Value::string("N")) + "))";
}

}  // namespace dynamosql
