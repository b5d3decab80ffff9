// EXTRACT, DATE_TRUNC and the ODBC date functions; see datetime.h.
#include <cctype>

#include "dynamosql/error.h"
#include "value/datetime.h"

namespace dynamosql {
namespace {

struct FieldName {
  const char* name;
  DateTimeField field;
};

// PostgreSQL's names for the fields (singular, plural, abbreviations); INTERVAL's units use them too.
const FieldName kFieldNames[] = {
    {"microsecond", DateTimeField::Microseconds}, {"microseconds", DateTimeField::Microseconds},
    {"us", DateTimeField::Microseconds}, {"usec", DateTimeField::Microseconds}, {"usecs", DateTimeField::Microseconds},
    {"millisecond", DateTimeField::Milliseconds}, {"milliseconds", DateTimeField::Milliseconds},
    {"ms", DateTimeField::Milliseconds}, {"msec", DateTimeField::Milliseconds}, {"msecs", DateTimeField::Milliseconds},
    {"second", DateTimeField::Second}, {"seconds", DateTimeField::Second}, {"sec", DateTimeField::Second},
    {"secs", DateTimeField::Second}, {"s", DateTimeField::Second},
    {"minute", DateTimeField::Minute}, {"minutes", DateTimeField::Minute}, {"min", DateTimeField::Minute},
    {"mins", DateTimeField::Minute}, {"m", DateTimeField::Minute},
    {"hour", DateTimeField::Hour}, {"hours", DateTimeField::Hour}, {"hr", DateTimeField::Hour},
    {"hrs", DateTimeField::Hour}, {"h", DateTimeField::Hour},
    {"day", DateTimeField::Day}, {"days", DateTimeField::Day}, {"d", DateTimeField::Day},
    {"week", DateTimeField::Week}, {"weeks", DateTimeField::Week}, {"w", DateTimeField::Week},
    {"month", DateTimeField::Month}, {"months", DateTimeField::Month}, {"mon", DateTimeField::Month},
    {"mons", DateTimeField::Month},
    {"quarter", DateTimeField::Quarter}, {"quarters", DateTimeField::Quarter}, {"qtr", DateTimeField::Quarter},
    {"year", DateTimeField::Year}, {"years", DateTimeField::Year}, {"yr", DateTimeField::Year},
    {"yrs", DateTimeField::Year}, {"y", DateTimeField::Year},
    {"decade", DateTimeField::Decade}, {"decades", DateTimeField::Decade},
    {"century", DateTimeField::Century}, {"centuries", DateTimeField::Century},
    {"millennium", DateTimeField::Millennium}, {"millennia", DateTimeField::Millennium},
    {"dow", DateTimeField::DayOfWeek}, {"isodow", DateTimeField::IsoDayOfWeek}, {"doy", DateTimeField::DayOfYear},
    {"isoyear", DateTimeField::IsoYear}, {"epoch", DateTimeField::Epoch},
};

const char* canonical_name(DateTimeField f) {
  for (const auto& n : kFieldNames)
    if (n.field == f) return n.name;
  return "?";
}

[[noreturn]] void not_applicable(DateTimeField f, const char* what) {
  throw Error("22023", std::string("unit \"") + canonical_name(f) + "\" is not supported for " + what);
}

Number exact(int64_t value, int64_t divisor) { return Number(value).divide(Number(divisor)); }

int day_of_week(Date d) {  // Sunday 0 .. Saturday 6; 1970-01-01 was a Thursday
  int r = static_cast<int>((int64_t{d.days} + 4) % 7);
  return r < 0 ? r + 7 : r;
}

int iso_day_of_week(Date d) { return day_of_week(d) == 0 ? 7 : day_of_week(d); }

int day_of_year(Date d) { return static_cast<int>(subtract(d, make_date(civil(d).year, 1, 1))) + 1; }

// ISO 8601: the week (Monday first) belongs to the year its Thursday is in.
struct IsoWeek {
  int year, week;
};
IsoWeek iso_week(Date d) {
  Date thursday{d.days + 4 - iso_day_of_week(d)};
  int year = civil(thursday).year;
  return {year, (day_of_year(thursday) - 1) / 7 + 1};
}

Timestamp truncated(int year, int month, int day) {
  return timestamp_of(make_date(year, month, day));
}

}  // namespace

std::optional<DateTimeField> parse_field(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& n : kFieldNames)
    if (lower == n.name) return n.field;
  return std::nullopt;
}

DateTimeField field_from_text(std::string_view name) {
  auto f = parse_field(name);
  if (!f) throw Error("22023", "unit \"" + std::string(name.substr(0, 40)) + "\" is not recognized");
  return *f;
}

Number extract(DateTimeField field, Timestamp t) {
  Date date = date_of(t);
  CivilDate c = civil(date);
  int64_t in_minute = time_of(t).micros % kMicrosPerMinute;
  switch (field) {
    case DateTimeField::Microseconds: return Number(in_minute);
    case DateTimeField::Milliseconds: return exact(in_minute, 1000);
    case DateTimeField::Second: return exact(in_minute, kMicrosPerSecond);
    case DateTimeField::Minute:
    case DateTimeField::Hour: return extract(field, time_of(t));
    case DateTimeField::Day: return Number(c.day);
    case DateTimeField::Week: return Number(iso_week(date).week);
    case DateTimeField::Month: return Number(c.month);
    case DateTimeField::Quarter: return Number((c.month - 1) / 3 + 1);
    case DateTimeField::Year: return Number(c.year);
    case DateTimeField::Decade: return Number(c.year / 10);
    case DateTimeField::Century: return Number((c.year + 99) / 100);
    case DateTimeField::Millennium: return Number((c.year + 999) / 1000);
    case DateTimeField::DayOfWeek: return Number(day_of_week(date));
    case DateTimeField::IsoDayOfWeek: return Number(iso_day_of_week(date));
    case DateTimeField::DayOfYear: return Number(day_of_year(date));
    case DateTimeField::IsoYear: return Number(iso_week(date).year);
    case DateTimeField::Epoch: return epoch_of(t, EpochUnit::Seconds);
  }
  not_applicable(field, "timestamp");
}

Number extract(DateTimeField field, Time t) {
  switch (field) {
    case DateTimeField::Microseconds: return Number(t.micros % kMicrosPerMinute);
    case DateTimeField::Milliseconds: return exact(t.micros % kMicrosPerMinute, 1000);
    case DateTimeField::Second: return exact(t.micros % kMicrosPerMinute, kMicrosPerSecond);
    case DateTimeField::Minute: return Number(t.micros / kMicrosPerMinute % 60);
    case DateTimeField::Hour: return Number(t.micros / kMicrosPerHour);
    case DateTimeField::Epoch: return exact(t.micros, kMicrosPerSecond);
    default: not_applicable(field, "time");
  }
}

Number extract(DateTimeField field, const Interval& i) {
  int64_t years = i.months / 12;
  int64_t in_minute = i.micros % kMicrosPerMinute;
  switch (field) {
    case DateTimeField::Microseconds: return Number(in_minute);
    case DateTimeField::Milliseconds: return exact(in_minute, 1000);
    case DateTimeField::Second: return exact(in_minute, kMicrosPerSecond);
    case DateTimeField::Minute: return Number(i.micros / kMicrosPerMinute % 60);
    case DateTimeField::Hour: return Number(i.micros / kMicrosPerHour);
    case DateTimeField::Day: return Number(i.days);
    case DateTimeField::Month: return Number(i.months % 12);
    case DateTimeField::Quarter: return Number(i.months % 12 / 3 + 1);
    case DateTimeField::Year: return Number(years);
    case DateTimeField::Decade: return Number(years / 10);
    case DateTimeField::Century: return Number(years / 100);
    case DateTimeField::Millennium: return Number(years / 1000);
    case DateTimeField::Epoch:  // PostgreSQL: a year is 365.25 days, a month 30
      return Number(years) * Number(31557600) + Number(i.months % 12) * Number(30 * 86400) +
             Number(i.days) * Number(86400) + exact(i.micros, kMicrosPerSecond);
    default: not_applicable(field, "interval");
  }
}

Timestamp date_trunc(DateTimeField field, Timestamp t) {
  Date date = date_of(t);
  CivilDate c = civil(date);
  int64_t day_start = timestamp_of(date).micros;
  int64_t tod = time_of(t).micros;
  switch (field) {
    case DateTimeField::Microseconds: return t;
    case DateTimeField::Milliseconds: return Timestamp{day_start + tod - tod % 1000};
    case DateTimeField::Second: return Timestamp{day_start + tod - tod % kMicrosPerSecond};
    case DateTimeField::Minute: return Timestamp{day_start + tod - tod % kMicrosPerMinute};
    case DateTimeField::Hour: return Timestamp{day_start + tod - tod % kMicrosPerHour};
    case DateTimeField::Day: return Timestamp{day_start};
    case DateTimeField::Week: return check_range(timestamp_of(Date{date.days - (iso_day_of_week(date) - 1)}));
    case DateTimeField::Month: return truncated(c.year, c.month, 1);
    case DateTimeField::Quarter: return truncated(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    case DateTimeField::Year: return truncated(c.year, 1, 1);
    case DateTimeField::Decade: return truncated(c.year / 10 * 10, 1, 1);
    case DateTimeField::Century: return truncated((c.year + 99) / 100 * 100 - 99, 1, 1);
    case DateTimeField::Millennium: return truncated((c.year + 999) / 1000 * 1000 - 999, 1, 1);
    default: not_applicable(field, "DATE_TRUNC");
  }
}

std::optional<OdbcUnit> parse_odbc_unit(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.rfind("SQL_TSI_", 0) == 0) upper = upper.substr(8);
  static const std::pair<const char*, OdbcUnit> kUnits[] = {
      {"FRAC_SECOND", OdbcUnit::FracSecond}, {"SECOND", OdbcUnit::Second}, {"MINUTE", OdbcUnit::Minute},
      {"HOUR", OdbcUnit::Hour}, {"DAY", OdbcUnit::Day}, {"WEEK", OdbcUnit::Week}, {"MONTH", OdbcUnit::Month},
      {"QUARTER", OdbcUnit::Quarter}, {"YEAR", OdbcUnit::Year}};
  for (const auto& [text, unit] : kUnits)
    if (upper == text) return unit;
  return std::nullopt;
}

namespace {
// Microseconds in one unit (FracSecond: none, it is a thousandth of one), or months for the calendar units.
int64_t unit_size(OdbcUnit unit) {
  switch (unit) {
    case OdbcUnit::FracSecond: return 0;
    case OdbcUnit::Second: return kMicrosPerSecond;
    case OdbcUnit::Minute: return kMicrosPerMinute;
    case OdbcUnit::Hour: return kMicrosPerHour;
    case OdbcUnit::Day: return kMicrosPerDay;
    case OdbcUnit::Week: return 7 * kMicrosPerDay;
    case OdbcUnit::Month: return 1;
    case OdbcUnit::Quarter: return 3;
    case OdbcUnit::Year: return 12;
  }
  return 0;
}

bool counts_months(OdbcUnit unit) {
  return unit == OdbcUnit::Month || unit == OdbcUnit::Quarter || unit == OdbcUnit::Year;
}
}  // namespace

Timestamp timestampadd(OdbcUnit unit, int64_t count, Timestamp t) {
  if (counts_months(unit)) {
    if (count > INT32_MAX / 12 || count < INT32_MIN / 12) throw Error("22008", "timestamp is out of range (years 1 to 9999)");
    return add(t, Interval{static_cast<int32_t>(count * unit_size(unit)), 0, 0});
  }
  Number micros = unit == OdbcUnit::FracSecond ? Number(count).divide(Number(1000)).round_scale(0)
                                               : Number(count) * Number(unit_size(unit));
  auto m = micros.to_int64();
  if (!m) throw Error("22008", "timestamp is out of range (years 1 to 9999)");
  return add(t, Interval{0, 0, *m});
}

Number timestampdiff(OdbcUnit unit, Timestamp a, Timestamp b) {
  int64_t diff = b.micros - a.micros;
  if (unit == OdbcUnit::FracSecond) return Number(diff) * Number(1000);
  if (!counts_months(unit)) return Number(diff / unit_size(unit));
  CivilDate ca = civil(date_of(a)), cb = civil(date_of(b));
  int64_t months = (int64_t{cb.year} * 12 + cb.month) - (int64_t{ca.year} * 12 + ca.month);
  // A month is whole once b's day and time of day reach a's.
  int64_t rest_a = ca.day * kMicrosPerDay + time_of(a).micros, rest_b = cb.day * kMicrosPerDay + time_of(b).micros;
  if (months > 0 && rest_b < rest_a) --months;
  if (months < 0 && rest_b > rest_a) ++months;
  return Number(months / unit_size(unit));
}

int odbc_day_of_week(Date d) { return day_of_week(d) + 1; }

int odbc_week(Date d) {
  Date january_first = make_date(civil(d).year, 1, 1);
  return (day_of_year(d) - 1 + day_of_week(january_first)) / 7 + 1;
}

const char* day_name(Date d) {
  static const char* kNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return kNames[day_of_week(d)];
}

const char* month_name(Date d) {
  static const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  return kNames[civil(d).month - 1];
}

}  // namespace dynamosql
