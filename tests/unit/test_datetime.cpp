// Dates, times, timestamps and intervals (value/datetime.h): ISO 8601 text as DynamoDB users store it,
// exact epoch numbers, PostgreSQL's interval forms and arithmetic, EXTRACT, DATE_TRUNC, the ODBC
// functions, and a differential check against SQLite's date functions where the two agree.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <random>

#include "dynamosql/error.h"
#include "value/datetime.h"

using namespace dynamosql;

namespace {

std::string error_state(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.sqlstate();
  }
  return "no error";
}

std::string ts(std::string_view text) { return format_timestamp(parse_timestamp(text)); }
std::string iv(std::string_view text, IntervalField first = IntervalField::None, IntervalField last = IntervalField::None) {
  return format_interval(parse_interval(text, first, last));
}
Number num(const char* text) { return Number::from_text(text); }
std::string field(const char* name, std::string_view timestamp) {
  return extract(field_from_text(name), parse_timestamp(timestamp)).to_string();
}
std::string trunc(const char* name, std::string_view timestamp) {
  return format_timestamp(date_trunc(field_from_text(name), parse_timestamp(timestamp)));
}

// One SQLite value as text.
class Sqlite {
 public:
  Sqlite() { sqlite3_open(":memory:", &db_); }
  ~Sqlite() { sqlite3_close(db_); }
  std::string text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const unsigned char* t = sqlite3_column_text(stmt, 0);
    std::string out = t ? reinterpret_cast<const char*>(t) : "NULL";
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("datetime: the calendar round-trips every day of years 1 to 9999", "[datetime]") {
  Date first = make_date(1, 1, 1), last = make_date(9999, 12, 31);
  CHECK(last.days - first.days + 1 == 3652059);  // 9999 years of 365.2425 days
  CivilDate expected{1, 1, 1};
  for (int32_t d = first.days; d <= last.days; ++d) {
    CivilDate c = civil(Date{d});
    REQUIRE((c.year == expected.year && c.month == expected.month && c.day == expected.day));
    REQUIRE(make_date(c.year, c.month, c.day).days == d);
    if (++expected.day > days_in_month(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2024));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2026, 2) == 28);
  CHECK(make_date(1970, 1, 1).days == 0);
  CHECK(error_state([] { make_date(2023, 2, 29); }) == "22008");
  CHECK(error_state([] { make_date(0, 12, 31); }) == "22008");
  CHECK(error_state([] { make_date(10000, 1, 1); }) == "22008");
}

TEST_CASE("datetime: ISO 8601 text in the forms DynamoDB users store", "[datetime]") {
  CHECK(format_date(parse_date("2026-01-31")) == "2026-01-31");
  CHECK(format_date(parse_date(" 2026-1-5 ")) == "2026-01-05");
  CHECK(format_date(parse_date("20260131")) == "2026-01-31");
  CHECK(format_date(parse_date("2026-01-31T10:20:30Z")) == "2026-01-31");
  CHECK(format_date(parse_date("2026-01-31T23:30:00-05:00")) == "2026-02-01");  // the UTC day
  CHECK(ts("2026-01-31") == "2026-01-31 00:00:00");
  CHECK(ts("2026-01-31T10:20:30Z") == "2026-01-31 10:20:30");
  CHECK(ts("2026-01-31t10:20:30z") == "2026-01-31 10:20:30");
  CHECK(ts("2026-01-31 10:20:30") == "2026-01-31 10:20:30");
  CHECK(ts("2026-01-31T10:20") == "2026-01-31 10:20:00");
  CHECK(ts("2026-01-31T10:20:30.5") == "2026-01-31 10:20:30.5");
  CHECK(ts("2026-01-31T10:20:30,25") == "2026-01-31 10:20:30.25");
  CHECK(ts("2026-01-31T10:20:30.123456789Z") == "2026-01-31 10:20:30.123457");  // nanoseconds rounded
  CHECK(ts("2026-01-31T10:20:30.1234564Z") == "2026-01-31 10:20:30.123456");
  CHECK(ts("2026-01-31T23:59:59.9999996Z") == "2026-02-01 00:00:00");
  CHECK(ts("2026-01-31T10:20:30+02:00") == "2026-01-31 08:20:30");
  CHECK(ts("2026-01-31T10:20:30+0200") == "2026-01-31 08:20:30");
  CHECK(ts("2026-01-31T10:20:30+02") == "2026-01-31 08:20:30");
  CHECK(ts("2026-01-31T10:20:30-05:30") == "2026-01-31 15:50:30");
  CHECK(ts("2026-01-31 10:20:30 +02:00") == "2026-01-31 08:20:30");
  CHECK(ts("2026-01-31 10:20:30 UTC") == "2026-01-31 10:20:30");
  CHECK(ts("20260131T102030Z") == "2026-01-31 10:20:30");
  CHECK(ts("20260131T102030.5+0100") == "2026-01-31 09:20:30.5");
  CHECK(ts("2026-01-31 24:00:00") == "2026-02-01 00:00:00");
  CHECK(ts("2016-12-31T23:59:60Z") == "2017-01-01 00:00:00");  // a leap second rolls over
  CHECK(format_timestamp(parse_timestamp("2026-01-31 10:20:30", 3600)) == "2026-01-31 09:20:30");  // a session zone
  CHECK(format_time(parse_time("10:20")) == "10:20:00");
  CHECK(format_time(parse_time("10:20:30.1230")) == "10:20:30.123");
  CHECK(format_time(parse_time(" 7:05:09 ")) == "07:05:09");

  for (const char* bad : {"", "   ", "2026/01/31", "2026-01-31X", "26-01-31", "2026-01", "2026-01-31T10", "abc",
                          "2026-01-31T10:2", "2026-01-31T10:20:30.", "2026-01-31T10:20:30+2:0", "2026-01-31 10:20:30 PST",
                          "2026-01-31T10:20:30Z junk"})
    CHECK(error_state([&] { parse_timestamp(bad); }) == "22007");
  for (const char* bad : {"2026-13-01", "2026-00-10", "2026-02-30", "2023-02-29", "0000-01-01", "10000-01-01",
                          "2026-01-31T25:00:00", "2026-01-31T10:60:00", "2026-01-31T24:00:01", "2026-01-31T10:20:30+16:00",
                          "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"})
    CHECK(error_state([&] { parse_timestamp(bad); }) == "22008");
  CHECK(error_state([] { parse_time("10:20:30Z"); }) == "22007");
  CHECK(error_state([] { parse_time("24:00:00"); }) == "22008");
  CHECK(error_state([] { parse_date("2026-02-29"); }) == "22008");
  try {
    parse_date("2026-1x-01");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "invalid input syntax for type date: \"2026-1x-01\"");
  }
}

TEST_CASE("datetime: formatting, with and without a time zone", "[datetime]") {
  Timestamp t = parse_timestamp("2026-01-31T10:20:30.25Z");
  CHECK(format_timestamp(t) == "2026-01-31 10:20:30.25");
  CHECK(format_timestamp(t, DateTimeStyle::Iso) == "2026-01-31T10:20:30.25");
  CHECK(format_timestamptz(t) == "2026-01-31 10:20:30.25+00");
  CHECK(format_timestamptz(t, DateTimeStyle::Iso) == "2026-01-31T10:20:30.25Z");
  CHECK(format_timestamptz(t, DateTimeStyle::Sql, 7200) == "2026-01-31 12:20:30.25+02");
  CHECK(format_timestamptz(t, DateTimeStyle::Sql, 19800) == "2026-01-31 15:50:30.25+05:30");
  CHECK(format_timestamptz(t, DateTimeStyle::Iso, -18000) == "2026-01-31T05:20:30.25-05:00");
  CHECK(format_timestamp(parse_timestamp("0001-01-01")) == "0001-01-01 00:00:00");
  CHECK(format_timestamp(parse_timestamp("9999-12-31T23:59:59.999999")) == "9999-12-31 23:59:59.999999");
  CHECK(format_timestamp(parse_timestamp("1969-12-31T23:59:59.5Z")) == "1969-12-31 23:59:59.5");
}

TEST_CASE("datetime: epoch numbers convert exactly, never through double", "[datetime]") {
  Timestamp t = parse_timestamp("2026-01-31T10:20:30Z");
  CHECK(timestamp_from_epoch(num("1769854830"), EpochUnit::Seconds) == t);
  CHECK(timestamp_from_epoch(num("1769854830123"), EpochUnit::Milliseconds) == Timestamp{t.micros + 123000});
  CHECK(timestamp_from_epoch(num("1769854830123456"), EpochUnit::Microseconds) == Timestamp{t.micros + 123456});
  CHECK(timestamp_from_epoch(num("1769854830.1234565"), EpochUnit::Seconds) == Timestamp{t.micros + 123457});
  CHECK(timestamp_from_epoch(num("1.769854830E9"), EpochUnit::Seconds) == t);
  CHECK(format_timestamp(timestamp_from_epoch(num("-1.5"), EpochUnit::Seconds)) == "1969-12-31 23:59:58.5");
  CHECK(format_timestamp(timestamp_from_epoch(num("-62135596800"), EpochUnit::Seconds)) == "0001-01-01 00:00:00");
  CHECK(error_state([] { timestamp_from_epoch(num("-62135596801"), EpochUnit::Seconds); }) == "22008");
  CHECK(error_state([] { timestamp_from_epoch(num("1E+20"), EpochUnit::Seconds); }) == "22008");
  CHECK(error_state([] { timestamp_from_epoch(num("1E+100"), EpochUnit::Milliseconds); }) == "22008");
  CHECK(epoch_of(Timestamp{t.micros + 500000}, EpochUnit::Seconds).to_string() == "1769854830.5");
  CHECK(epoch_of(Timestamp{t.micros + 123456}, EpochUnit::Milliseconds).to_string() == "1769854830123.456");
  CHECK(epoch_of(Timestamp{-1}, EpochUnit::Seconds).to_string() == "-0.000001");
  CHECK(epoch_of(t, EpochUnit::Microseconds).to_string() == "1769854830000000");
  // Every microsecond survives the round trip (17 significant digits: a double would lose some).
  std::mt19937_64 random(16);
  std::uniform_int_distribution<int64_t> any(parse_timestamp("0001-01-01").micros,
                                             parse_timestamp("9999-12-31T23:59:59.999999").micros);
  for (int i = 0; i < 20000; ++i) {
    Timestamp x{any(random)};
    REQUIRE(timestamp_from_epoch(epoch_of(x, EpochUnit::Seconds), EpochUnit::Seconds) == x);
    REQUIRE(timestamp_from_epoch(epoch_of(x, EpochUnit::Milliseconds), EpochUnit::Milliseconds) == x);
    REQUIRE(parse_timestamp(format_timestamp(x, DateTimeStyle::Iso)) == x);
  }
}

TEST_CASE("datetime: interval text as PostgreSQL reads and writes it", "[datetime]") {
  CHECK(iv("1 year 2 months 3 days 04:05:06.5") == "1 year 2 mons 3 days 04:05:06.5");
  CHECK(iv("1 day") == "1 day");
  CHECK(iv("2 days") == "2 days");
  CHECK(iv("2 hours ago") == "-02:00:00");
  CHECK(iv("-1 day +02:00") == "-1 days +02:00:00");
  CHECK(iv("-1 year -2 mons") == "-1 years -2 mons");
  CHECK(iv("1 day -1 hour") == "1 day -01:00:00");
  CHECK(iv("1.5 days") == "1 day 12:00:00");
  CHECK(iv("1.5 months") == "1 mon 15 days");
  CHECK(iv("1.5 years") == "1 year 6 mons");
  CHECK(iv("30 hours") == "30:00:00");
  CHECK(iv("90 minutes") == "01:30:00");
  CHECK(iv("1 week 2 ms") == "7 days 00:00:00.002");
  CHECK(iv("1 decade 1 century") == "110 years");
  CHECK(iv("1-2") == "1 year 2 mons");
  CHECK(iv("-1-2") == "-1 years -2 mons");
  CHECK(iv("3 4:05:06") == "3 days 04:05:06");
  CHECK(iv("@ 1 minute") == "00:01:00");
  CHECK(iv("5") == "00:00:05");
  CHECK(iv("1DAY 3hours") == "1 day 03:00:00");
  CHECK(iv("P1Y2M3DT4H5M6.5S") == "1 year 2 mons 3 days 04:05:06.5");
  CHECK(iv("P2W") == "14 days");
  CHECK(iv("PT30M") == "00:30:00");
  CHECK(iv("0 days") == "00:00:00");
  CHECK(iv("3", IntervalField::Day) == "3 days");
  CHECK(iv("1.5", IntervalField::Hour) == "01:30:00");
  CHECK(iv("10", IntervalField::Year, IntervalField::Month) == "10 mons");
  CHECK(iv("1-2", IntervalField::Year, IntervalField::Month) == "1 year 2 mons");
  CHECK(iv("1:30", IntervalField::Minute, IntervalField::Second) == "00:01:30");
  CHECK(iv("1:30", IntervalField::Hour, IntervalField::Minute) == "01:30:00");
  CHECK(iv("3 4:05:06", IntervalField::Day, IntervalField::Second) == "3 days 04:05:06");
  // Bare numbers under a qualifier from DAY: the first is days (PostgreSQL: 3 days 04:00:00).
  CHECK(iv("3 4", IntervalField::Day, IntervalField::Hour) == "3 days 04:00:00");
  CHECK(iv("4", IntervalField::Day, IntervalField::Hour) == "04:00:00");
  CHECK(iv("2 days", IntervalField::Day) == "2 days");
  for (const char* bad : {"", "day", "1 fortnight", "1 day ago ago", "P", "P1X", "PT1Y", "1:2:3:4", "1 dow", "ago"})
    CHECK(error_state([&] { parse_interval(bad); }) == "22007");
  CHECK(error_state([] { parse_interval("1 day 2 hours", IntervalField::Day); }) == "22007");
  CHECK(error_state([] { parse_interval("1:30", IntervalField::Hour); }) == "22007");
  CHECK(error_state([] { parse_interval("3000000000 days"); }) == "22015");
  CHECK(error_state([] { parse_interval("300000000 years"); }) == "22015");
}

TEST_CASE("datetime: interval arithmetic and comparison", "[datetime]") {
  CHECK(format_interval(parse_interval("1 mon") + parse_interval("40 days 1 hour")) == "1 mon 40 days 01:00:00");
  CHECK(format_interval(parse_interval("1 mon") - parse_interval("1 day")) == "1 mon -1 days");
  CHECK(format_interval(-parse_interval("1 year 1 day 00:00:01")) == "-1 years -1 days -00:00:01");
  CHECK(format_interval(multiply(parse_interval("1 mon"), num("1.5"))) == "1 mon 15 days");
  CHECK(format_interval(multiply(parse_interval("1 day"), num("0.5"))) == "12:00:00");
  CHECK(format_interval(multiply(parse_interval("1 hour"), num("-3"))) == "-03:00:00");
  CHECK(format_interval(divide(parse_interval("1 day"), num("3"))) == "08:00:00");
  CHECK(format_interval(divide(parse_interval("1 mon"), num("2"))) == "15 days");
  CHECK(error_state([] { divide(parse_interval("1 mon"), num("0")); }) == "22012");
  CHECK(error_state([] { Interval{INT32_MAX, 0, 0} + parse_interval("1 mon"); }) == "22015");
  CHECK(parse_interval("1 mon") == parse_interval("30 days"));
  CHECK(parse_interval("1 day") == parse_interval("24 hours"));
  CHECK(parse_interval("1 year") == parse_interval("360 days"));  // as PostgreSQL compares them
  CHECK(parse_interval("359 days") < parse_interval("1 year"));
  CHECK(parse_interval("-1 day") < parse_interval("1 second"));
  CHECK(length_of(parse_interval("1 mon")) == length_of(parse_interval("720 hours")));
}

TEST_CASE("datetime: adding months clamps to the month's end; differences and AGE", "[datetime]") {
  auto plus = [](const char* t, const char* i) { return format_timestamp(add(parse_timestamp(t), parse_interval(i))); };
  CHECK(plus("2026-01-31", "1 month") == "2026-02-28 00:00:00");
  CHECK(plus("2024-01-31", "1 month") == "2024-02-29 00:00:00");
  CHECK(plus("2026-03-31", "-1 month") == "2026-02-28 00:00:00");
  CHECK(plus("2024-02-29", "1 year") == "2025-02-28 00:00:00");
  CHECK(plus("2026-01-31 10:00", "1 mon 1 day 1 hour") == "2026-03-01 11:00:00");
  CHECK(plus("2026-01-31 23:00", "2 hours") == "2026-02-01 01:00:00");
  CHECK(plus("2026-12-15", "1 mon") == "2027-01-15 00:00:00");
  CHECK(plus("2026-01-15", "-13 mons") == "2024-12-15 00:00:00");
  CHECK(format_timestamp(subtract(parse_timestamp("2026-03-01"), parse_interval("1 day"))) == "2026-02-28 00:00:00");
  CHECK(error_state([] { add(parse_timestamp("9999-12-31"), parse_interval("1 day")); }) == "22008");
  CHECK(error_state([] { add(parse_timestamp("0001-01-31"), parse_interval("-1 mon")); }) == "22008");
  CHECK(error_state([] { add(parse_timestamp("2026-01-01"), Interval{0, INT32_MAX, INT64_MAX}); }) == "22008");
  CHECK(format_interval(subtract(parse_timestamp("2026-03-01"), parse_timestamp("2026-01-31"))) == "29 days");
  CHECK(format_interval(subtract(parse_timestamp("2026-01-01 00:00"), parse_timestamp("2026-01-02 02:30"))) ==
        "-1 days -02:30:00");
  CHECK(subtract(parse_date("2026-03-01"), parse_date("2024-03-01")) == 730);
  CHECK(format_date(add_days(parse_date("2024-02-28"), 1)) == "2024-02-29");
  CHECK(error_state([] { add_days(parse_date("9999-12-31"), 1); }) == "22008");
  CHECK(format_time(add(parse_time("23:00"), parse_interval("2 hours"))) == "01:00:00");
  CHECK(format_time(add(parse_time("01:00"), parse_interval("-2 hours 3 days"))) == "23:00:00");
  CHECK(format_interval(subtract(parse_time("01:00"), parse_time("02:30"))) == "-01:30:00");
  auto age_of = [](const char* a, const char* b) { return format_interval(age(parse_timestamp(a), parse_timestamp(b))); };
  CHECK(age_of("2026-03-01", "2026-01-31") == "1 mon 1 day");
  CHECK(age_of("2026-01-31", "2026-03-01") == "-1 mons -1 days");
  CHECK(age_of("2026-03-01", "2025-02-28 12:00") == "1 year 12:00:00");
  CHECK(age_of("2001-04-10", "1957-06-13") == "43 years 9 mons 27 days");  // PostgreSQL's documented example
  CHECK(age_of("2026-01-31", "2026-01-31") == "00:00:00");
}

TEST_CASE("datetime: EXTRACT fields", "[datetime]") {
  const char* t = "2026-01-31 10:20:30.5";  // a Saturday
  CHECK(field("year", t) == "2026");
  CHECK(field("QUARTER", t) == "1");
  CHECK(field("month", t) == "1");
  CHECK(field("week", t) == "5");
  CHECK(field("day", t) == "31");
  CHECK(field("dow", t) == "6");
  CHECK(field("isodow", t) == "6");
  CHECK(field("doy", t) == "31");
  CHECK(field("hour", t) == "10");
  CHECK(field("minute", t) == "20");
  CHECK(field("second", t) == "30.5");
  CHECK(field("milliseconds", t) == "30500");
  CHECK(field("microseconds", t) == "30500000");
  CHECK(field("epoch", t) == "1769854830.5");
  CHECK(field("decade", t) == "202");
  CHECK(field("century", t) == "21");
  CHECK(field("millennium", t) == "3");
  CHECK(field("century", "2000-12-31") == "20");
  CHECK(field("millennium", "2000-12-31") == "2");
  CHECK(field("dow", "2026-02-01") == "0");  // Sunday
  CHECK(field("isodow", "2026-02-01") == "7");
  CHECK(field("week", "2027-01-01") == "53");  // a Friday: ISO week 53 of 2026
  CHECK(field("isoyear", "2027-01-01") == "2026");
  CHECK(field("week", "2024-12-30") == "1");  // a Monday: ISO week 1 of 2025
  CHECK(field("isoyear", "2024-12-30") == "2025");
  CHECK(field("doy", "2024-12-31") == "366");
  CHECK(field("epoch", "1969-12-31 23:59:59") == "-1");
  CHECK(extract(DateTimeField::Second, parse_time("10:20:30.25")).to_string() == "30.25");
  CHECK(extract(DateTimeField::Epoch, parse_time("01:00:00.5")).to_string() == "3600.5");
  CHECK(error_state([] { extract(DateTimeField::Year, parse_time("10:00")); }) == "22023");
  Interval i = parse_interval("1 year 1 mon 1 day 00:00:01");
  CHECK(extract(DateTimeField::Epoch, i).to_string() == "34236001");
  CHECK(extract(DateTimeField::Month, parse_interval("14 mons")).to_string() == "2");
  CHECK(extract(DateTimeField::Year, parse_interval("14 mons")).to_string() == "1");
  CHECK(extract(DateTimeField::Hour, parse_interval("30 hours")).to_string() == "30");
  CHECK(extract(DateTimeField::Second, parse_interval("-1.5 seconds")).to_string() == "-1.5");
  CHECK(error_state([] { extract(DateTimeField::DayOfWeek, parse_interval("1 day")); }) == "22023");
  CHECK(error_state([] { field_from_text("fortnight"); }) == "22023");
  CHECK(parse_field("Hours") == DateTimeField::Hour);
  CHECK(parse_field("mons") == DateTimeField::Month);
}

TEST_CASE("datetime: DATE_TRUNC", "[datetime]") {
  const char* t = "2026-05-17 13:45:12.345678";  // a Sunday
  CHECK(trunc("microseconds", t) == "2026-05-17 13:45:12.345678");
  CHECK(trunc("milliseconds", t) == "2026-05-17 13:45:12.345");
  CHECK(trunc("second", t) == "2026-05-17 13:45:12");
  CHECK(trunc("minute", t) == "2026-05-17 13:45:00");
  CHECK(trunc("hour", t) == "2026-05-17 13:00:00");
  CHECK(trunc("day", t) == "2026-05-17 00:00:00");
  CHECK(trunc("week", t) == "2026-05-11 00:00:00");
  CHECK(trunc("week", "2026-05-11 08:00") == "2026-05-11 00:00:00");
  CHECK(trunc("month", t) == "2026-05-01 00:00:00");
  CHECK(trunc("quarter", t) == "2026-04-01 00:00:00");
  CHECK(trunc("year", t) == "2026-01-01 00:00:00");
  CHECK(trunc("decade", t) == "2020-01-01 00:00:00");
  CHECK(trunc("century", t) == "2001-01-01 00:00:00");
  CHECK(trunc("millennium", t) == "2001-01-01 00:00:00");
  CHECK(trunc("century", "2000-06-01") == "1901-01-01 00:00:00");
  CHECK(trunc("millennium", "2000-06-01") == "1001-01-01 00:00:00");
  CHECK(trunc("second", "1969-12-31 23:59:59.75") == "1969-12-31 23:59:59");
  CHECK(trunc("week", "0001-01-01") == "0001-01-01 00:00:00");  // a Monday
  CHECK(error_state([] { trunc("dow", "2026-01-01"); }) == "22023");
  CHECK(error_state([] { trunc("epoch", "2026-01-01"); }) == "22023");
}

TEST_CASE("datetime: the ODBC functions", "[datetime]") {
  CHECK(parse_odbc_unit("SQL_TSI_DAY") == OdbcUnit::Day);
  CHECK(parse_odbc_unit("frac_second") == OdbcUnit::FracSecond);
  CHECK_FALSE(parse_odbc_unit("SQL_TSI_DECADE"));
  auto add_ = [](OdbcUnit u, int64_t n, const char* t) { return format_timestamp(timestampadd(u, n, parse_timestamp(t))); };
  auto diff = [](OdbcUnit u, const char* a, const char* b) {
    return timestampdiff(u, parse_timestamp(a), parse_timestamp(b)).to_string();
  };
  CHECK(add_(OdbcUnit::Month, 1, "2026-01-31") == "2026-02-28 00:00:00");
  CHECK(add_(OdbcUnit::Quarter, -1, "2026-05-31") == "2026-02-28 00:00:00");
  CHECK(add_(OdbcUnit::Year, 1, "2024-02-29") == "2025-02-28 00:00:00");
  CHECK(add_(OdbcUnit::Week, 2, "2026-01-31") == "2026-02-14 00:00:00");
  CHECK(add_(OdbcUnit::Hour, -25, "2026-01-31") == "2026-01-29 23:00:00");
  CHECK(add_(OdbcUnit::FracSecond, 1500, "2026-01-31") == "2026-01-31 00:00:00.000002");  // 1.5 µs, rounded
  CHECK(error_state([] { timestampadd(OdbcUnit::Year, 10000, parse_timestamp("2026-01-01")); }) == "22008");
  CHECK(error_state([] { timestampadd(OdbcUnit::Second, INT64_MAX, parse_timestamp("2026-01-01")); }) == "22008");
  CHECK(diff(OdbcUnit::Month, "2026-01-31", "2026-02-28") == "0");
  CHECK(diff(OdbcUnit::Month, "2026-01-31", "2026-03-31") == "2");
  CHECK(diff(OdbcUnit::Month, "2026-03-31", "2026-01-31") == "-2");
  CHECK(diff(OdbcUnit::Month, "2026-03-15", "2026-01-31") == "-1");
  CHECK(diff(OdbcUnit::Year, "2024-02-29", "2025-02-28") == "0");
  CHECK(diff(OdbcUnit::Year, "2024-02-29", "2028-02-29") == "4");
  CHECK(diff(OdbcUnit::Quarter, "2026-01-01", "2026-12-31") == "3");
  CHECK(diff(OdbcUnit::Day, "2026-01-01 10:00", "2026-01-02 09:00") == "0");
  CHECK(diff(OdbcUnit::Day, "2026-01-02 09:00", "2026-01-01 10:00") == "0");
  CHECK(diff(OdbcUnit::Day, "2026-01-01", "2026-03-01") == "59");
  CHECK(diff(OdbcUnit::Week, "2026-01-01", "2026-01-15") == "2");
  CHECK(diff(OdbcUnit::Second, "2026-01-01", "2026-01-01 00:01:00.9") == "60");
  CHECK(diff(OdbcUnit::FracSecond, "2026-01-01", "2026-01-01 00:00:00.000001") == "1000");
  CHECK(diff(OdbcUnit::FracSecond, "0001-01-01", "9999-12-31") == "315537811200000000000");  // past int64
  Date saturday = parse_date("2026-01-31"), sunday = parse_date("2026-02-01");
  CHECK(odbc_day_of_week(saturday) == 7);
  CHECK(odbc_day_of_week(sunday) == 1);
  CHECK(std::string(day_name(saturday)) == "Saturday");
  CHECK(std::string(month_name(sunday)) == "February");
  CHECK(odbc_week(parse_date("2026-01-01")) == 1);  // a Thursday
  CHECK(odbc_week(parse_date("2026-01-03")) == 1);
  CHECK(odbc_week(parse_date("2026-01-04")) == 2);  // the first Sunday
  CHECK(odbc_week(parse_date("2026-12-31")) == 53);
}

TEST_CASE("datetime: agrees with SQLite's date functions", "[datetime][sqlite]") {
  Sqlite sqlite;
  std::mt19937_64 random(1616);
  // SQLite keeps milliseconds: whole milliseconds over years 1-9999, and dates around today densely.
  std::uniform_int_distribution<int64_t> any_ms(parse_timestamp("0001-01-01").micros / 1000,
                                                parse_timestamp("9999-12-31T23:59:59.999").micros / 1000);
  std::uniform_int_distribution<int64_t> recent_ms(parse_timestamp("1960-01-01").micros / 1000,
                                                   parse_timestamp("2060-01-01").micros / 1000);
  std::uniform_int_distribution<int> days(-4000, 4000), months(-300, 300), offset_minutes(-14 * 60, 14 * 60);
  for (int i = 0; i < 3000; ++i) {
    int64_t ms = i % 2 ? any_ms(random) : recent_ms(random);
    Timestamp t{ms * 1000};
    std::string text = format_timestamp(t);
    std::string iso = format_timestamp(t, DateTimeStyle::Iso);
    INFO(text);
    std::string with_ms = format_date(date_of(t)) + " " + format_time(Time{time_of(t).micros - time_of(t).micros % kMicrosPerSecond});
    char fraction[8];
    snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(time_of(t).micros / 1000 % 1000));
    with_ms += fraction;
    // Text and epoch agree.
    REQUIRE(sqlite.text("SELECT strftime('%Y-%m-%d %H:%M:%f', '" + iso + "')") == with_ms);
    REQUIRE(sqlite.text("SELECT strftime('%Y-%m-%d %H:%M:%f', " + epoch_of(t, EpochUnit::Seconds).to_string() +
                        ", 'unixepoch')") == with_ms);
    REQUIRE(sqlite.text("SELECT strftime('%s', '" + iso + "')") ==
            extract(DateTimeField::Epoch, date_trunc(DateTimeField::Second, t)).to_string());
    // Fields.
    char fields[64];
    snprintf(fields, sizeof fields, "%s %03d %s", extract(DateTimeField::DayOfWeek, t).to_string().c_str(),
             std::stoi(extract(DateTimeField::DayOfYear, t).to_string()), text.substr(0, 16).c_str());
    REQUIRE(sqlite.text("SELECT strftime('%w %j %Y-%m-%d %H:%M', '" + iso + "')") == fields);
    // Truncation, day arithmetic, months where the day exists in every month, differences.
    REQUIRE(sqlite.text("SELECT date('" + iso + "', 'start of month')") ==
            format_date(date_of(date_trunc(DateTimeField::Month, t))));
    REQUIRE(sqlite.text("SELECT date('" + iso + "', 'start of year')") ==
            format_date(date_of(date_trunc(DateTimeField::Year, t))));
    int n = days(random);
    Date d = date_of(t);
    if (subtract(d, make_date(1, 1, 1)) + n >= 0 && subtract(make_date(9999, 12, 31), d) - n >= 0) {
      REQUIRE(sqlite.text("SELECT date('" + iso + "', '" + std::to_string(n) + " days')") == format_date(add_days(d, n)));
      REQUIRE(sqlite.text("SELECT CAST(julianday('" + format_date(add_days(d, n)) + "') - julianday('" + format_date(d) +
                          "') AS INTEGER)") == std::to_string(n));
    }
    int m = months(random);
    CivilDate c = civil(d);
    int64_t target_year = (int64_t{c.year} * 12 + c.month - 1 + m) / 12;
    if (c.day <= 28 && target_year >= 1 && target_year <= 9999)
      REQUIRE(sqlite.text("SELECT strftime('%Y-%m-%d %H:%M:%f', '" + iso + "', '" + std::to_string(m) + " months')") ==
              [&] {
                Timestamp moved = add(t, Interval{m, 0, 0});
                return format_date(date_of(moved)) + with_ms.substr(10);
              }());
    if (c.year > 1)  // SQLite's 'weekday 1' goes forward to a Monday; six days back and forward is this week's
      REQUIRE(sqlite.text("SELECT date('" + iso + "', '-6 days', 'weekday 1')") ==
              format_date(date_of(date_trunc(DateTimeField::Week, t))));
    // An offset in the text is applied, as SQLite does.
    int offset = offset_minutes(random);
    char zone[16];
    snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
    if (c.year > 1 && c.year < 9999)
      REQUIRE(sqlite.text("SELECT strftime('%Y-%m-%d %H:%M:%f', '" + iso + zone + "')") ==
              [&] {
                Timestamp utc = parse_timestamp(iso + zone);
                std::string s = format_timestamp(Timestamp{utc.micros - time_of(utc).micros % kMicrosPerSecond});
                return s.substr(0, 19) + fraction;
              }());
  }
}
