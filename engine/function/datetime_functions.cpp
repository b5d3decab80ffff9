// Date and time functions: EXTRACT (DATE_PART), DATE_TRUNC, TO_TIMESTAMP (epoch seconds), EPOCH_MS
// (epoch milliseconds) and the ODBC scalar functions BI tools send ({fn YEAR(x)}, DAYOFWEEK, QUARTER,
// WEEK, MONTHNAME, TIMESTAMPADD, TIMESTAMPDIFF, ...). CURRENT_DATE, NOW() & co. are not here: the
// binder makes them constants, one value per statement (bind/bind_datetime.cpp).
//
// A date argument is a DATE, TIME, TIMESTAMP or INTERVAL; the binder makes any other argument read as
// a TIMESTAMP (ISO 8601 text, epoch seconds), NULL where it is not one. A NULL argument gives NULL.
#include "dynamosql/error.h"
#include "function/datetime_values.h"
#include "function/function.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

// Runs `f`, giving the datetime library's errors the call's position.
template <typename F>
Value at_site(const CallSite& site, F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    site.fail(e.sqlstate().c_str(), e.what());
  }
}

DateTimeField field_argument(const Value& v, const CallSite& site) {
  if (v.type() != ValueType::String) site.fail("22023", "the date field must be text such as 'month'");
  return field_from_text(v.text());
}

// A timestamp's (or date's) field, else a time's or interval's (TIME's text reads as an interval).
Number field_of(DateTimeField field, const Value& v) {
  if (auto t = read_timestamp(v)) return extract(field, *t);
  return extract(field, parse_interval(v.text()));
}

Value extract_field(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  return at_site(site, [&] { return Value::number(field_of(field_argument(args[0], site), args[1])); });
}

Value truncate_date(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  return at_site(site, [&] {
    auto t = read_timestamp(args[1]);
    if (!t) site.fail("22007", "DATE_TRUNC needs a date or timestamp");
    return timestamp_value(date_trunc(field_argument(args[0], site), *t));
  });
}

template <EpochUnit unit>
Value from_epoch(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  return at_site(site, [&] { return timestamp_value(timestamp_from_epoch(site.number(args[0]), unit)); });
}

// ---- ODBC ----

template <DateTimeField field>
Value odbc_field(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  return at_site(site, [&] { return Value::number(field_of(field, args[0]).truncate_to_integer()); });
}

template <int (*day_function)(Date)>
Value odbc_day(ArgList args, const CallSite& site) {
  auto t = read_timestamp(args[0]);
  if (!t) return Value::null();
  return at_site(site, [&] { return Value::number(Number(day_function(date_of(*t)))); });
}

template <const char* (*name_function)(Date)>
Value odbc_name(ArgList args, const CallSite&) {
  auto t = read_timestamp(args[0]);
  return t ? Value::string(name_function(date_of(*t))) : Value::null();
}

OdbcUnit unit_argument(const Value& v, const CallSite& site) {
  auto unit = v.type() == ValueType::String ? parse_odbc_unit(v.text()) : std::nullopt;
  if (!unit) site.fail("22023", "'" + value_to_text(v) + "' is not an interval unit (SQL_TSI_DAY, SQL_TSI_MONTH, ...)");
  return *unit;
}

Value odbc_timestampadd(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  OdbcUnit unit = unit_argument(args[0], site);
  auto count = site.number(args[1]).to_int64();
  if (!count) site.fail("22008", "TIMESTAMPADD's count is out of range");
  auto t = read_timestamp(args[2]);
  if (!t) return Value::null();
  return at_site(site, [&] { return timestamp_value(timestampadd(unit, *count, *t)); });
}

Value odbc_timestampdiff(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  OdbcUnit unit = unit_argument(args[0], site);
  auto a = read_timestamp(args[1]), b = read_timestamp(args[2]);
  if (!a || !b) return Value::null();
  return at_site(site, [&] { return Value::number(timestampdiff(unit, *a, *b)); });
}

int day_of_month(Date d) { return civil(d).day; }

}  // namespace

std::vector<FunctionEntry> datetime_functions() {
  using F = DateTimeField;
  const SqlType integer = SqlType::Bigint;
  return {
      scalar_function("extract", {"date_part"}, 2, 2, {A::Text, A::DateTime}, SqlType::Decimal, extract_field),
      scalar_function("date_trunc", {}, 2, 2, {A::Text, A::DateTime}, SqlType::Timestamp, truncate_date),
      scalar_function("to_timestamp", {}, 1, 1, {A::Number}, SqlType::Timestamp, from_epoch<EpochUnit::Seconds>),
      scalar_function("epoch_ms", {}, 1, 1, {A::Number}, SqlType::Timestamp, from_epoch<EpochUnit::Milliseconds>),
      // ODBC's time and date functions (integers, as ODBC defines them).
      scalar_function("year", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Year>),
      scalar_function("month", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Month>),
      scalar_function("quarter", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Quarter>),
      scalar_function("dayofyear", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::DayOfYear>),
      scalar_function("hour", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Hour>),
      scalar_function("minute", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Minute>),
      scalar_function("second", {}, 1, 1, {A::DateTime}, integer, odbc_field<F::Second>),
      scalar_function("dayofmonth", {"day"}, 1, 1, {A::DateTime}, integer, odbc_day<day_of_month>),
      scalar_function("dayofweek", {}, 1, 1, {A::DateTime}, integer, odbc_day<odbc_day_of_week>),
      scalar_function("week", {}, 1, 1, {A::DateTime}, integer, odbc_day<odbc_week>),
      scalar_function("monthname", {}, 1, 1, {A::DateTime}, SqlType::Varchar, odbc_name<month_name>),
      scalar_function("dayname", {}, 1, 1, {A::DateTime}, SqlType::Varchar, odbc_name<day_name>),
      scalar_function("timestampadd", {}, 3, 3, {A::Text, A::Number, A::DateTime}, SqlType::Timestamp, odbc_timestampadd),
      scalar_function("timestampdiff", {}, 3, 3, {A::Text, A::DateTime}, integer, odbc_timestampdiff),
  };
}

}  // namespace dynamosql
