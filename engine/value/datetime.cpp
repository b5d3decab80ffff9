// The calendar, ISO 8601 text and epoch numbers; see datetime.h.
#include "value/datetime.h"

#include <cstdio>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

constexpr int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
constexpr int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, any year).
constexpr int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr int64_t kMinDays = days_from_civil(1, 1, 1);
constexpr int64_t kMaxDays = days_from_civil(9999, 12, 31);
constexpr int64_t kMinMicros = kMinDays * kMicrosPerDay;
constexpr int64_t kMaxMicros = (kMaxDays + 1) * kMicrosPerDay - 1;

std::string quoted(std::string_view text) {
  std::string t(text.substr(0, 60));
  return "\"" + t + (text.size() > 60 ? "...\"" : "\"");
}

[[noreturn]] void out_of_range(const std::string& what) {
  throw Error("22008", what + " is out of range (years 1 to 9999)");
}

// The parts of an ISO 8601 date, time or timestamp text.
struct DateTimeText {
  int year = 0, month = 0, day = 0;
  bool has_date = false;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int64_t fraction = 0;  // microseconds, rounded (may be 1,000,000 after rounding)
  std::optional<int32_t> offset_seconds;
};

// Reads DateTimeText from text; every failure is 22007 naming the text and the type.
class DateTimeReader {
 public:
  DateTimeReader(std::string_view text, const char* type) : s_(text), type_(type) {}

  DateTimeText read(bool want_date, bool allow_zone) {
    skip_space();
    DateTimeText out;
    if (want_date) {
      read_date(out);
      if (i_ < s_.size() && (s_[i_] == 'T' || s_[i_] == 't' || (s_[i_] == ' ' && digit_after_spaces()))) {
        ++i_;
        skip_space();
        read_time(out);
      }
    } else {
      read_time(out);
    }
    if (allow_zone) read_zone(out);
    skip_space();
    if (i_ != s_.size()) bad();
    return out;
  }

  [[noreturn]] void bad() const {
    throw Error("22007", std::string("invalid input syntax for type ") + type_ + ": " + quoted(s_));
  }

 private:
  bool digit(size_t at) const { return at < s_.size() && s_[at] >= '0' && s_[at] <= '9'; }
  bool digit_after_spaces() const {
    size_t k = i_;
    while (k < s_.size() && s_[k] == ' ') ++k;
    return digit(k);
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  size_t count_digits() const {
    size_t k = i_;
    while (digit(k)) ++k;
    return k - i_;
  }
  int number(size_t digits) {
    int v = 0;
    for (size_t k = 0; k < digits; ++k) v = v * 10 + (s_[i_++] - '0');
    return v;
  }
  void expect(char c) {
    if (i_ >= s_.size() || s_[i_] != c) bad();
    ++i_;
  }

  void read_date(DateTimeText& out) {
    size_t n = count_digits();
    out.has_date = true;
    if (n == 8) {  // basic form 20260131
      out.year = number(4);
      out.month = number(2);
      out.day = number(2);
      return;
    }
    if (n < 4 || n > 6) bad();
    out.year = number(n);
    expect('-');
    size_t m = count_digits();
    if (m < 1 || m > 2) bad();
    out.month = number(m);
    expect('-');
    size_t d = count_digits();
    if (d < 1 || d > 2) bad();
    out.day = number(d);
  }

  void read_time(DateTimeText& out) {
    out.has_time = true;
    size_t n = count_digits();
    if (n == 4 || n == 6) {  // basic form 1020 or 102030
      out.hour = number(2);
      out.minute = number(2);
      if (n == 6) out.second = number(2);
      if (n == 6) read_fraction(out);
      return;
    }
    if (n < 1 || n > 2) bad();
    out.hour = number(n);
    expect(':');
    if (count_digits() != 2) bad();
    out.minute = number(2);
    if (i_ < s_.size() && s_[i_] == ':') {
      ++i_;
      if (count_digits() != 2) bad();
      out.second = number(2);
      read_fraction(out);
    }
  }

  void read_fraction(DateTimeText& out) {
    if (i_ >= s_.size() || (s_[i_] != '.' && s_[i_] != ',')) return;
    ++i_;
    size_t n = count_digits();
    if (n == 0) bad();
    int64_t micros = 0;
    for (size_t k = 0; k < 6; ++k) micros = micros * 10 + (k < n ? s_[i_ + k] - '0' : 0);
    if (n > 6 && s_[i_ + 6] >= '5') ++micros;  // round half up to the microsecond
    out.fraction = micros;
    i_ += n;
  }

  void read_zone(DateTimeText& out) {
    size_t save = i_;
    skip_space();
    if (i_ >= s_.size()) {
      i_ = save;
      return;
    }
    char c = s_[i_];
    if (c == 'Z' || c == 'z') {
      ++i_;
      out.offset_seconds = 0;
    } else if (c == '+' || c == '-') {
      ++i_;
      int sign = c == '-' ? -1 : 1;
      size_t n = count_digits();
      int hours = 0, minutes = 0, seconds = 0;
      if (n == 1 || n == 2) {
        hours = number(n);
        if (i_ < s_.size() && s_[i_] == ':') {
          ++i_;
          if (count_digits() != 2) bad();
          minutes = number(2);
          if (i_ < s_.size() && s_[i_] == ':') {
            ++i_;
            if (count_digits() != 2) bad();
            seconds = number(2);
          }
        }
      } else if (n == 4 || n == 6) {
        hours = number(2);
        minutes = number(2);
        if (n == 6) seconds = number(2);
      } else {
        bad();
      }
      if (hours > 15 || minutes > 59 || seconds > 59)
        throw Error("22008", std::string("time zone offset out of range: ") + quoted(s_));
      out.offset_seconds = sign * (hours * 3600 + minutes * 60 + seconds);
    } else if (s_.size() - i_ >= 3 && (s_.substr(i_, 3) == "UTC" || s_.substr(i_, 3) == "GMT" ||
                                       s_.substr(i_, 3) == "utc" || s_.substr(i_, 3) == "gmt")) {
      i_ += 3;
      out.offset_seconds = 0;
    } else {
      i_ = save;
    }
  }

  std::string_view s_;
  const char* type_;
  size_t i_ = 0;
};

// Microseconds since midnight of the parsed time (may reach 24:00:00 or a leap second's 60).
int64_t time_micros(const DateTimeText& p, std::string_view text) {
  bool midnight_24 = p.hour == 24 && p.minute == 0 && p.second == 0 && p.fraction == 0;
  if ((p.hour > 23 && !midnight_24) || p.minute > 59 || p.second > 60)
    throw Error("22008", "date/time field value out of range: " + quoted(text));
  return p.hour * kMicrosPerHour + p.minute * kMicrosPerMinute + p.second * kMicrosPerSecond + p.fraction;
}

Date checked_date(const DateTimeText& p, std::string_view text) {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.day > days_in_month(p.year, p.month))
    throw Error("22008", "date/time field value out of range: " + quoted(text));
  if (p.year < 1 || p.year > 9999) out_of_range("date " + quoted(text));
  return Date{static_cast<int32_t>(days_from_civil(p.year, p.month, p.day))};
}

void append_two(std::string& out, int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

// hh:mm:ss[.ffffff without trailing zeros]
void append_time(std::string& out, int64_t micros) {
  append_two(out, micros / kMicrosPerHour);
  out += ':';
  append_two(out, micros / kMicrosPerMinute % 60);
  out += ':';
  append_two(out, micros / kMicrosPerSecond % 60);
  int64_t fraction = micros % kMicrosPerSecond;
  if (fraction == 0) return;
  char digits[8];
  snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(fraction));
  std::string f(digits);
  f.erase(f.find_last_not_of('0') + 1);
  out += '.' + f;
}

int64_t epoch_scale(EpochUnit unit) {
  return unit == EpochUnit::Seconds ? kMicrosPerSecond : unit == EpochUnit::Milliseconds ? 1000 : 1;
}

}  // namespace

// ---- calendar ----

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Date make_date(int year, int month, int day) {
  if (year < 1 || year > 9999) out_of_range("year " + std::to_string(year));
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    throw Error("22008", "date/time field value out of range: " + std::to_string(year) + "-" + std::to_string(month) +
                             "-" + std::to_string(day));
  return Date{static_cast<int32_t>(days_from_civil(year, month, day))};
}

CivilDate civil(Date date) {
  int64_t z = static_cast<int64_t>(date.days) + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (month <= 2)), month, day};
}

Time make_time(int hour, int minute, int second, int64_t micros) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micros < 0 ||
      micros >= kMicrosPerSecond)
    throw Error("22008", "time field value out of range");
  return Time{hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond + micros};
}

Date date_of(Timestamp t) { return Date{static_cast<int32_t>(floor_div(t.micros, kMicrosPerDay))}; }

Time time_of(Timestamp t) { return Time{floor_mod(t.micros, kMicrosPerDay)}; }

Timestamp timestamp_of(Date d, Time t) { return Timestamp{d.days * kMicrosPerDay + t.micros}; }

Timestamp check_range(Timestamp t) {
  if (t.micros < kMinMicros || t.micros > kMaxMicros) out_of_range("timestamp");
  return t;
}

Date check_range(Date d) {
  if (d.days < kMinDays || d.days > kMaxDays) out_of_range("date");
  return d;
}

// ---- text ----

Date parse_date(std::string_view text) {
  DateTimeReader reader(text, "date");
  DateTimeText p = reader.read(true, true);
  if (!p.has_time && !p.offset_seconds) return checked_date(p, text);
  return date_of(parse_timestamp(text));
}

Time parse_time(std::string_view text) {
  DateTimeReader reader(text, "time");
  DateTimeText p = reader.read(false, false);
  int64_t micros = time_micros(p, text);
  if (micros >= kMicrosPerDay) throw Error("22008", "date/time field value out of range: " + quoted(text));
  return Time{micros};
}

Timestamp parse_timestamp(std::string_view text, int32_t zone_offset_seconds) {
  DateTimeReader reader(text, "timestamp");
  DateTimeText p = reader.read(true, true);
  Date date = checked_date(p, text);
  int64_t offset = p.offset_seconds.value_or(zone_offset_seconds);
  int64_t micros = date.days * kMicrosPerDay + time_micros(p, text) - offset * kMicrosPerSecond;
  if (micros < kMinMicros || micros > kMaxMicros) out_of_range("timestamp " + quoted(text));
  return Timestamp{micros};
}

std::string format_date(Date d) {
  CivilDate c = civil(d);
  char out[16];
  snprintf(out, sizeof out, "%04d-%02d-%02d", c.year, c.month, c.day);
  return out;
}

std::string format_time(Time t) {
  std::string out;
  append_time(out, t.micros);
  return out;
}

std::string format_timestamp(Timestamp t, DateTimeStyle style) {
  std::string out = format_date(date_of(t));
  out += style == DateTimeStyle::Iso ? 'T' : ' ';
  append_time(out, time_of(t).micros);
  return out;
}

std::string format_timestamptz(Timestamp t, DateTimeStyle style, int32_t zone_offset_seconds) {
  std::string out = format_timestamp(Timestamp{t.micros + zone_offset_seconds * kMicrosPerSecond}, style);
  if (style == DateTimeStyle::Iso && zone_offset_seconds == 0) return out + "Z";
  int32_t offset = zone_offset_seconds < 0 ? -zone_offset_seconds : zone_offset_seconds;
  out += zone_offset_seconds < 0 ? '-' : '+';
  append_two(out, offset / 3600);
  if (style == DateTimeStyle::Iso || offset % 3600 != 0) {
    out += ':';
    append_two(out, offset / 60 % 60);
  }
  return out;
}

// ---- epoch numbers ----

Timestamp timestamp_from_epoch(const Number& n, EpochUnit unit) {
  Number micros = n * Number(epoch_scale(unit));
  auto whole = micros.round_scale(0).to_int64();
  if (!whole || *whole < kMinMicros || *whole > kMaxMicros)
    out_of_range("epoch " + n.to_string() + (unit == EpochUnit::Seconds ? " seconds" : unit == EpochUnit::Milliseconds ? " milliseconds" : " microseconds"));
  return Timestamp{*whole};
}

Number epoch_of(Timestamp t, EpochUnit unit) {
  return Number(t.micros).divide(Number(epoch_scale(unit)));  // exact: at most 19 significant digits
}

}  // namespace dynamosql
