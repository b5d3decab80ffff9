// Dates and times as SQL values; see datetime_values.h.
#include "function/datetime_values.h"

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// Runs a parse, turning its error into one at `site` (strict) or into nullopt.
template <typename F>
auto attempt(bool strict, const CallSite& site, F&& parse) -> std::optional<decltype(parse())> {
  try {
    return parse();
  } catch (const Error& e) {
    if (strict) site.fail(e.sqlstate().c_str(), e.what());
    return std::nullopt;
  }
}

Value parsed(const Value& v, SqlType to) {
  const std::string& text = v.text();
  switch (to) {
    case SqlType::Date: return date_value(parse_date(text));
    case SqlType::Time:
      // TIME also reads the time of day of a timestamp's text, as PostgreSQL does.
      if (text.size() > 10 && text[4] == '-') return time_value(time_of(parse_timestamp(text)));
      return time_value(parse_time(text));
    case SqlType::Interval: return interval_value(parse_interval(text));
    default: return timestamp_value(parse_timestamp(text));
  }
}

Value from_number(const Number& n, SqlType to, const CallSite& site) {
  switch (to) {
    case SqlType::Date: return date_value(date_of(timestamp_from_epoch(n, EpochUnit::Seconds)));
    case SqlType::Time: {
      Number micros = (n * Number(kMicrosPerSecond)).round_scale(0);
      auto m = micros.to_int64();
      if (!m || *m < 0 || *m >= kMicrosPerDay) site.fail("22008", "time field value out of range: " + n.to_string());
      return time_value(Time{*m});
    }
    case SqlType::Interval: return interval_value(multiply(Interval{0, 0, kMicrosPerSecond}, n));
    default: return timestamp_value(timestamp_from_epoch(n, EpochUnit::Seconds));
  }
}

Interval interval_of(const Value& v) { return parse_interval(v.text()); }

// INTERVAL's operand pairs: + and - of two intervals, * and / by a number.
Value interval_arithmetic(ArithmeticOp op, const Value& a, const Value& b, const CallSite& site) {
  switch (op) {
    case ArithmeticOp::Add: return interval_value(interval_of(a) + interval_of(b));
    case ArithmeticOp::Subtract: return interval_value(interval_of(a) - interval_of(b));
    case ArithmeticOp::Multiply:
      if (a.type() == ValueType::Number) return interval_value(multiply(interval_of(b), a.as_number()));
      return interval_value(multiply(interval_of(a), site.number(b)));
    default: return interval_value(divide(interval_of(a), site.number(b)));
  }
}

Timestamp as_timestamp(const Value& v, SqlType type) {
  return type == SqlType::Date ? timestamp_of(parse_date(v.text())) : parse_timestamp(v.text());
}

}  // namespace

Value date_value(Date d) { return Value::string(format_date(d)); }
Value time_value(Time t) { return Value::string(format_time(t)); }
Value timestamp_value(Timestamp t) { return Value::string(format_timestamp(t)); }
Value interval_value(const Interval& i) { return Value::interval(format_interval(i), length_of(i)); }

Value to_datetime(const Value& v, SqlType to, bool strict, const CallSite& site) {
  if (v.is_null_or_missing()) return v;
  if (v.type() == ValueType::Number) {
    auto r = attempt(strict, site, [&] { return from_number(v.as_number(), to, site); });
    return r ? *r : Value::null();
  }
  if (v.type() != ValueType::String) {
    if (strict)
      site.fail(sqlstate::kInvalidCharacterValue,
                std::string("cannot cast ") + type_descriptor(v.type()) + " to " + sql_type_name(to));
    return Value::null();
  }
  auto r = attempt(strict, site, [&] { return parsed(v, to); });
  return r ? *r : Value::null();
}

Number datetime_number(const Value& v, SqlType from, const CallSite& site) {
  try {
    switch (from) {
      case SqlType::Time: return Number(parse_time(v.text()).micros).divide(Number(kMicrosPerSecond));
      case SqlType::Interval: return extract(DateTimeField::Epoch, interval_of(v));
      default: return epoch_of(as_timestamp(v, from), EpochUnit::Seconds);
    }
  } catch (const Error& e) {
    site.fail(e.sqlstate().c_str(), e.what());
  }
}

std::optional<SqlType> datetime_arithmetic_type(ArithmeticOp op, SqlType a, SqlType b, const CallSite& site) {
  if (!is_datetime(a) && !is_datetime(b)) return std::nullopt;
  bool add = op == ArithmeticOp::Add, subtract = op == ArithmeticOp::Subtract;
  auto pair = [&](SqlType x, SqlType y) { return (a == x && b == y) || (add && a == y && b == x); };
  if ((add || subtract) && a == SqlType::Interval && b == SqlType::Interval) return SqlType::Interval;
  if ((add || subtract) && pair(SqlType::Date, SqlType::Bigint)) return SqlType::Date;
  if ((add || subtract) && pair(SqlType::Date, SqlType::Decimal)) return SqlType::Date;
  if ((add || subtract) && (pair(SqlType::Timestamp, SqlType::Interval) || pair(SqlType::Date, SqlType::Interval)))
    return SqlType::Timestamp;
  if ((add || subtract) && pair(SqlType::Time, SqlType::Interval)) return SqlType::Time;
  if (add && pair(SqlType::Date, SqlType::Time)) return SqlType::Timestamp;
  if (subtract && a == SqlType::Date && b == SqlType::Date) return SqlType::Bigint;
  if (subtract && ((a == SqlType::Timestamp || a == SqlType::Date) && (b == SqlType::Timestamp || b == SqlType::Date)))
    return SqlType::Interval;
  if (subtract && a == SqlType::Time && b == SqlType::Time) return SqlType::Interval;
  bool scaled = op == ArithmeticOp::Multiply || op == ArithmeticOp::Divide;
  if (scaled && a == SqlType::Interval && is_numeric(b)) return SqlType::Interval;
  if (op == ArithmeticOp::Multiply && is_numeric(a) && b == SqlType::Interval) return SqlType::Interval;
  site.fail("42883", std::string("operator does not exist: ") + sql_type_name(a) + " " +
                         (add ? "+" : subtract ? "-" : op == ArithmeticOp::Multiply ? "*" : "/") + " " + sql_type_name(b));
}

Value datetime_arithmetic(ArithmeticOp op, const Value& a, SqlType ta, const Value& b, SqlType tb, const CallSite& site) {
  try {
    if (ta == SqlType::Interval || tb == SqlType::Interval) {
      if (ta == SqlType::Interval && tb == SqlType::Interval) return interval_arithmetic(op, a, b, site);
      if (op == ArithmeticOp::Multiply || op == ArithmeticOp::Divide) return interval_arithmetic(op, a, b, site);
      const Value& moment = ta == SqlType::Interval ? b : a;
      SqlType type = ta == SqlType::Interval ? tb : ta;
      Interval i = interval_of(ta == SqlType::Interval ? a : b);
      if (op == ArithmeticOp::Subtract) i = -i;
      if (type == SqlType::Time) return time_value(add(parse_time(moment.text()), i));
      return timestamp_value(add(as_timestamp(moment, type), i));
    }
    if (ta == SqlType::Date && tb == SqlType::Date) return Value::number(Number(subtract(parse_date(a.text()), parse_date(b.text()))));
    if (ta == SqlType::Time && tb == SqlType::Time) return interval_value(subtract(parse_time(a.text()), parse_time(b.text())));
    if (ta == SqlType::Date && tb == SqlType::Time) return timestamp_value(timestamp_of(parse_date(a.text()), parse_time(b.text())));
    if (ta == SqlType::Time && tb == SqlType::Date) return timestamp_value(timestamp_of(parse_date(b.text()), parse_time(a.text())));
    if (op == ArithmeticOp::Subtract && !is_numeric(tb))
      return interval_value(subtract(as_timestamp(a, ta), as_timestamp(b, tb)));
    // A date and a number of days.
    const Value& date = ta == SqlType::Date ? a : b;
    Number days = site.number(ta == SqlType::Date ? b : a);
    auto whole = days.to_int64();
    if (!whole || days != Number(*whole)) site.fail("22008", "a number of days must be a whole number: " + days.to_string());
    return date_value(add_days(parse_date(date.text()), op == ArithmeticOp::Subtract ? -*whole : *whole));
  } catch (const Error& e) {
    site.fail(e.sqlstate().c_str(), e.what());
  }
}

Value compare_intervals(CompareOp op, const Value& a, const Value& b, const CallSite& site) {
  if (a.is_null_or_missing() || b.is_null_or_missing()) return Value::null();
  auto x = attempt(false, site, [&] { return interval_of(a); });
  auto y = attempt(false, site, [&] { return interval_of(b); });
  if (!x || !y) return Value::null();
  int c = compare(*x, *y);
  switch (op) {
    case CompareOp::Equal: return Value::boolean(c == 0);
    case CompareOp::NotEqual: return Value::boolean(c != 0);
    case CompareOp::Less: return Value::boolean(c < 0);
    case CompareOp::LessOrEqual: return Value::boolean(c <= 0);
    case CompareOp::Greater: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
  }
}

std::optional<Timestamp> read_timestamp(const Value& v) {
  if (v.type() != ValueType::String) return std::nullopt;
  try {
    return parse_timestamp(v.text());
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace dynamosql
