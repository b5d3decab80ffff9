// Dates and times as values: DATE, TIME, TIMESTAMP [WITH TIME ZONE] and INTERVAL, with PostgreSQL's
// semantics where SQL leaves a choice. The calendar is the proleptic Gregorian one, years 1 to 9999;
// any result outside them is error 22008. Times have microsecond precision.
//
// Time zones follow a documented UTC rule (PostgreSQL's for timestamptz, with UTC as the zone): a
// timestamp is microseconds since 1970-01-01 00:00:00 UTC. Text with an offset (`Z`, `+02:00`) denotes
// that instant and is converted to UTC; text without one is taken as UTC (or as the session's fixed
// offset, where a caller passes one). TIMESTAMP and TIMESTAMP WITH TIME ZONE therefore hold the same
// numbers; they differ in how they are shown (the latter with its offset).
//
// Text is read as DynamoDB users store it (ISO 8601: `2026-01-31`, `2026-01-31T10:20:30Z`, a space for
// the T, fractional seconds of any length rounded to microseconds, offsets `+02`, `+0200`, `+02:00`,
// the basic forms `20260131` and `20260131T102030Z`). Epoch numbers are converted exactly, through
// Number, never double. Malformed text is 22007, a field out of range (month 13, Feb 30) 22008.
//
// Files: datetime.cpp (calendar, text, epoch), interval.cpp (INTERVAL and date arithmetic),
// datetime_fields.cpp (EXTRACT, DATE_TRUNC and the ODBC functions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dynamosql/number.h"
#include "dynamosql/value.h"

namespace dynamosql {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

// Days since 1970-01-01.
struct Date {
  int32_t days = 0;
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend bool operator!=(Date a, Date b) { return a.days != b.days; }
  friend bool operator<(Date a, Date b) { return a.days < b.days; }
};

// Microseconds since midnight, 0 to 86,399,999,999.
struct Time {
  int64_t micros = 0;
  friend bool operator==(Time a, Time b) { return a.micros == b.micros; }
  friend bool operator!=(Time a, Time b) { return a.micros != b.micros; }
  friend bool operator<(Time a, Time b) { return a.micros < b.micros; }
};

// Microseconds since 1970-01-01 00:00:00 UTC.
struct Timestamp {
  int64_t micros = 0;
  friend bool operator==(Timestamp a, Timestamp b) { return a.micros == b.micros; }
  friend bool operator!=(Timestamp a, Timestamp b) { return a.micros != b.micros; }
  friend bool operator<(Timestamp a, Timestamp b) { return a.micros < b.micros; }
};

// PostgreSQL's interval: months, days and microseconds kept apart, because a month has no fixed number
// of days. Each part carries its own sign ('1 mon -2 days'). Comparison goes by length_of, which treats
// a month as 30 days and a day as 24 hours, so '1 mon' = '30 days' (as PostgreSQL does).
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};
IntervalLength length_of(const Interval& i);
int compare(const Interval& a, const Interval& b);
inline bool operator==(const Interval& a, const Interval& b) { return compare(a, b) == 0; }
inline bool operator<(const Interval& a, const Interval& b) { return compare(a, b) < 0; }

// ---- calendar ----
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};
bool is_leap_year(int year);
int days_in_month(int year, int month);
// Throws 22008 for a day that does not exist or a year outside 1-9999.
Date make_date(int year, int month, int day);
CivilDate civil(Date d);
Time make_time(int hour, int minute, int second, int64_t micros = 0);  // 22008 when out of range
Date date_of(Timestamp t);  // the calendar day (UTC)
Time time_of(Timestamp t);
Timestamp timestamp_of(Date d, Time t = {});
// 22008 unless t lies in years 1-9999; returns t.
Timestamp check_range(Timestamp t);
Date check_range(Date d);

// ---- text ----
Date parse_date(std::string_view text);  // a timestamp's text gives its (UTC) calendar day
Time parse_time(std::string_view text);  // HH:MM[:SS[.fraction]], no offset
// `zone_offset_seconds`: the zone of text that has no offset of its own (the UTC rule: 0).
Timestamp parse_timestamp(std::string_view text, int32_t zone_offset_seconds = 0);

// Sql: 2026-01-31 10:20:30.5 (PostgreSQL's output); Iso: 2026-01-31T10:20:30.5 and Z for UTC.
enum class DateTimeStyle { Sql, Iso };
std::string format_date(Date d);
std::string format_time(Time t);  // 10:20:30, 10:20:30.123 (trailing zeros of the fraction dropped)
std::string format_timestamp(Timestamp t, DateTimeStyle style = DateTimeStyle::Sql);
// With the offset it is shown in: Sql "2026-01-31 12:20:30+02" ("+05:30"); Iso "...T12:20:30+02:00",
// "Z" for UTC.
std::string format_timestamptz(Timestamp t, DateTimeStyle style = DateTimeStyle::Sql, int32_t zone_offset_seconds = 0);

// ---- epoch numbers ----
enum class EpochUnit { Seconds, Milliseconds, Microseconds };
// Exact; a fraction finer than a microsecond is rounded half away from zero. 22008 outside 1-9999.
Timestamp timestamp_from_epoch(const Number& n, EpochUnit unit);
Number epoch_of(Timestamp t, EpochUnit unit);  // exact, e.g. 1769854830.5 seconds

// ---- intervals and arithmetic (interval.cpp) ----
enum class IntervalField { None, Year, Month, Day, Hour, Minute, Second };
// PostgreSQL's input forms: '1 year 2 months 3 days 04:05:06.5', '2 hours ago', '-1 day +02:00',
// '1.5 days' (a fraction cascades: 1 day 12:00:00), SQL's '1-2' (years-months) and '3 4:05:06', and
// ISO 8601's 'P1Y2M3DT4H5M6.5S' / 'P2W'. With a qualifier (INTERVAL '3' DAY, '1:30' MINUTE TO SECOND)
// a bare number counts the qualifier's last field and h:m means the two fields the qualifier ends with;
// a part finer than that last field is 22007 (PostgreSQL would drop it). Overflow is 22015.
Interval parse_interval(std::string_view text, IntervalField first = IntervalField::None,
                        IntervalField last = IntervalField::None);
// PostgreSQL's style: "1 year 2 mons 3 days 04:05:06.5", "-1 days +02:00:00", "00:00:00".
std::string format_interval(const Interval& i);

Interval operator+(const Interval& a, const Interval& b);  // 22015 on overflow
Interval operator-(const Interval& a, const Interval& b);
Interval operator-(const Interval& a);
// PostgreSQL's cascade: a fraction of a month becomes days (30 a month), a fraction of a day
// microseconds; exact, rounded to the microsecond. divide() throws 22012 for zero.
Interval multiply(const Interval& i, const Number& factor);
Interval divide(const Interval& i, const Number& divisor);

// Months first (the day clamped to the month's end: Jan 31 + 1 month = Feb 28 or 29), then days, then
// microseconds, as PostgreSQL.
Timestamp add(Timestamp t, const Interval& i);
Timestamp subtract(Timestamp t, const Interval& i);
Interval subtract(Timestamp a, Timestamp b);  // days and microseconds ('29 days 02:00:00')
Date add_days(Date d, int64_t days);
int64_t subtract(Date a, Date b);  // days
Time add(Time t, const Interval& i);  // the time part only, wrapping around midnight
Interval subtract(Time a, Time b);
// AGE(a, b): the difference in years, months and days as a calendar reads it, PostgreSQL's
// ('2026-03-01' - '2026-01-31' = 1 mon 1 day).
Interval age(Timestamp a, Timestamp b);

// ---- fields (datetime_fields.cpp) ----
enum class DateTimeField {
  Microseconds, Milliseconds, Second, Minute, Hour, Day, Week, Month, Quarter, Year, Decade, Century,
  Millennium, DayOfWeek, IsoDayOfWeek, DayOfYear, IsoYear, Epoch
};
// Names as PostgreSQL accepts them, any case: 'year', 'years', 'yr', 'dow', 'isodow', 'epoch', ...
std::optional<DateTimeField> parse_field(std::string_view name);
// Throws 22023 naming the text when it is not a field.
DateTimeField field_from_text(std::string_view name);

// EXTRACT(field FROM x), exact: SECOND has the fraction (30.5), EPOCH counts seconds since 1970 (for an
// interval, PostgreSQL's 365.25-day years and 30-day months), WEEK and ISOYEAR are ISO 8601's, DOW
// counts from Sunday = 0, ISODOW from Monday = 1. A field that does not apply is 22023.
Number extract(DateTimeField field, Timestamp t);
Number extract(DateTimeField field, Time t);
Number extract(DateTimeField field, const Interval& i);
// DATE_TRUNC: microseconds to millennium; WEEK starts on Monday; the century of 2000 starts in 1901
// and its millennium in 1001 (PostgreSQL). Other fields are 22023.
Timestamp date_trunc(DateTimeField field, Timestamp t);

// The ODBC scalar functions. Units are SQL_TSI_* (with or without the prefix); FRAC_SECOND counts
// billionths of a second, as ODBC defines it.
enum class OdbcUnit { FracSecond, Second, Minute, Hour, Day, Week, Month, Quarter, Year };
std::optional<OdbcUnit> parse_odbc_unit(std::string_view name);
Timestamp timestampadd(OdbcUnit unit, int64_t count, Timestamp t);
// The number of whole units by which b is later than a (negative when earlier), truncated toward
// zero; a month is whole when b's day and time of day reach a's (Jan 31 to Feb 28 is 0 months).
Number timestampdiff(OdbcUnit unit, Timestamp a, Timestamp b);
int odbc_day_of_week(Date d);  // DAYOFWEEK: Sunday 1 .. Saturday 7
int odbc_week(Date d);         // WEEK: 1-53, week 1 holds January 1, weeks start on Sunday
const char* day_name(Date d);    // DAYNAME: "Monday"
const char* month_name(Date d);  // MONTHNAME: "January"

}  // namespace dynamosql
