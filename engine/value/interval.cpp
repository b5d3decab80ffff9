// INTERVAL (PostgreSQL's text forms, arithmetic, comparison) and date arithmetic; see datetime.h.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "dynamosql/error.h"
#include "value/datetime.h"

namespace dynamosql {
namespace {

__extension__ typedef __int128 Int128;  // GCC's, for exact date arithmetic

[[noreturn]] void interval_overflow() { throw Error("22015", "interval out of range"); }

int32_t to_int32(int64_t v) {
  if (v < INT32_MIN || v > INT32_MAX) interval_overflow();
  return static_cast<int32_t>(v);
}

int64_t checked_add(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) interval_overflow();
  return out;
}

int64_t checked_mul(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_mul_overflow(a, b, &out)) interval_overflow();
  return out;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text.substr(0, 60)) + "\""; }

// An exact sum of months, days and microseconds; fractions cascade when it becomes an Interval.
struct IntervalSum {
  Number months, days, micros;

  void add(const Number& amount, IntervalField field, int64_t scale) {
    Number scaled = amount * Number(scale);
    if (field == IntervalField::Year || field == IntervalField::Month) months = months + scaled;
    else if (field == IntervalField::Day) days = days + scaled;
    else micros = micros + scaled;
  }

  // A fraction of a month becomes days (30 a month), a fraction of a day microseconds.
  Interval cascade() const {
    auto whole = [](const Number& n) {
      auto v = n.truncate_to_integer().to_int64();
      if (!v) interval_overflow();
      return *v;
    };
    int64_t m = whole(months);
    Number d = days + (months - Number(m)) * Number(30);
    int64_t dd = whole(d);
    Number us = micros + (d - Number(dd)) * Number(kMicrosPerDay);
    auto rounded = us.round_scale(0).to_int64();
    if (!rounded) interval_overflow();
    return Interval{to_int32(m), to_int32(dd), *rounded};
  }
};

// An interval unit: the part it adds to and how much one of it is there (in months, days or
// microseconds). Its names are EXTRACT's field names ('hours', 'mons', 'ms', ...).
struct IntervalUnit {
  IntervalField field;
  int64_t scale;
};

std::optional<IntervalUnit> interval_unit(std::string_view name) {
  auto f = parse_field(name);
  if (!f) return std::nullopt;
  switch (*f) {
    case DateTimeField::Microseconds: return IntervalUnit{IntervalField::Second, 1};
    case DateTimeField::Milliseconds: return IntervalUnit{IntervalField::Second, 1000};
    case DateTimeField::Second: return IntervalUnit{IntervalField::Second, kMicrosPerSecond};
    case DateTimeField::Minute: return IntervalUnit{IntervalField::Minute, kMicrosPerMinute};
    case DateTimeField::Hour: return IntervalUnit{IntervalField::Hour, kMicrosPerHour};
    case DateTimeField::Day: return IntervalUnit{IntervalField::Day, 1};
    case DateTimeField::Week: return IntervalUnit{IntervalField::Day, 7};
    case DateTimeField::Month: return IntervalUnit{IntervalField::Month, 1};
    case DateTimeField::Quarter: return IntervalUnit{IntervalField::Month, 3};
    case DateTimeField::Year: return IntervalUnit{IntervalField::Year, 12};
    case DateTimeField::Decade: return IntervalUnit{IntervalField::Year, 120};
    case DateTimeField::Century: return IntervalUnit{IntervalField::Year, 1200};
    case DateTimeField::Millennium: return IntervalUnit{IntervalField::Year, 12000};
    default: return std::nullopt;  // dow, epoch, ...: not units
  }
}

const char* field_name(IntervalField f) {
  static const char* kNames[] = {"", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
  return kNames[static_cast<int>(f)];
}

// Reads PostgreSQL's and ISO 8601's interval text into an IntervalSum.
class IntervalReader {
 public:
  IntervalReader(std::string_view text, IntervalField first, IntervalField last)
      : s_(text), first_(first), last_(last == IntervalField::None ? first : last) {}

  Interval read() {
    skip_space();
    if (i_ < s_.size() && (s_[i_] == 'P' || s_[i_] == 'p')) {
      ++i_;
      read_iso();
    } else {
      read_postgres();
    }
    return sum_.cascade();
  }

 private:
  [[noreturn]] void bad() const { throw Error("22007", "invalid input syntax for type interval: " + quoted(s_)); }

  bool digit(size_t k) const { return k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k])); }
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  // [+-]digits[.digits] (or .digits); nullopt, position unchanged, when there is no number here.
  std::optional<Number> number(bool allow_sign) {
    size_t b = i_, k = i_;
    if (allow_sign && k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
    size_t digits_start = k;
    while (digit(k)) ++k;
    if (k < s_.size() && s_[k] == '.') {
      ++k;
      while (digit(k)) ++k;
    }
    if (k == digits_start || (k == digits_start + 1 && s_[digits_start] == '.')) return std::nullopt;
    auto n = Number::parse(s_.substr(b, k - b));
    if (!n) return std::nullopt;
    i_ = k;
    return n;
  }

  std::string word() {
    size_t b = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    std::string w(s_.substr(b, i_ - b));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w;
  }

  // Records a written part, refusing one finer than the qualifier's last field.
  void add(const Number& amount, IntervalField field, int64_t scale) {
    if (last_ != IntervalField::None && field > last_)
      throw Error("22007", "interval " + quoted(s_) + " has a part finer than " + field_name(last_));
    sum_.add(amount, field, scale);
  }

  void read_postgres() {
    if (i_ < s_.size() && s_[i_] == '@') ++i_;
    bool any = false, ago = false;
    for (skip_space(); i_ < s_.size(); skip_space()) {
      if (ago) bad();
      if (std::isalpha(static_cast<unsigned char>(s_[i_]))) {
        if (word() != "ago" || !any) bad();
        ago = true;
        continue;
      }
      size_t start = i_;
      auto n = number(true);
      if (!n) bad();
      any = true;
      if (i_ < s_.size() && s_[i_] == ':') {
        i_ = start;
        read_clock();
      } else if (i_ < s_.size() && s_[i_] == '-' && digit(i_ + 1) && n->is_integer()) {
        read_year_month(*n);
      } else {
        skip_space();
        if (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) {
          size_t before_word = i_;
          std::string unit = word();
          if (unit == "ago") {  // "3 ago": a bare number, then ago
            i_ = before_word;
            bare_number(*n);
            continue;
          }
          auto u = interval_unit(unit);
          if (!u) bad();
          add(*n, u->field, u->scale);
        } else {
          bare_number(*n);
        }
      }
    }
    if (!any) bad();
    if (ago) sum_ = {-sum_.months, -sum_.days, -sum_.micros};
  }

  // A number without a unit: days when a clock follows ('3 4:05:06'), or another bare number follows
  // under a qualifier from DAY ('3 4' DAY TO HOUR: 3 days 4 hours); else the qualifier's last field, else
  // seconds.
  void bare_number(const Number& n) {
    size_t save = i_;
    skip_space();
    bool clock_follows = false, number_follows = false;
    if (i_ < s_.size()) {
      size_t k = i_;
      if (s_[k] == '+' || s_[k] == '-') ++k;
      size_t digits = k;
      while (digit(k)) ++k;
      clock_follows = k < s_.size() && s_[k] == ':';
      number_follows = k > digits && (k == s_.size() || std::isspace(static_cast<unsigned char>(s_[k])));
    }
    i_ = save;
    bool is_days = clock_follows || (number_follows && first_ == IntervalField::Day && last_ > IntervalField::Day);
    IntervalField field = is_days ? IntervalField::Day : last_ == IntervalField::None ? IntervalField::Second : last_;
    static const int64_t kScale[] = {0, 12, 1, 1, kMicrosPerHour, kMicrosPerMinute, kMicrosPerSecond};
    add(n, field, kScale[static_cast<int>(field)]);
  }

  // 1-2: years and months.
  void read_year_month(const Number& years) {
    ++i_;  // '-'
    auto months = number(false);
    if (!months || !months->is_integer()) bad();
    Number m = years.is_negative() ? -*months : *months;
    add(years, IntervalField::Year, 12);
    add(m, IntervalField::Month, 1);
  }

  // [+-]h:m[:s[.f]], or m:s[.f] under MINUTE TO SECOND.
  void read_clock() {
    bool negative = s_[i_] == '-';
    if (s_[i_] == '+' || s_[i_] == '-') ++i_;
    std::vector<Number> parts;
    for (;;) {
      auto n = number(false);
      if (!n) bad();
      parts.push_back(*n);
      if (i_ >= s_.size() || s_[i_] != ':') break;
      ++i_;
    }
    if (parts.size() > 3) bad();
    for (size_t k = 0; k + 1 < parts.size(); ++k)
      if (!parts[k].is_integer()) bad();
    bool minutes_first = parts.size() == 2 && first_ == IntervalField::Minute && last_ == IntervalField::Second;
    static const IntervalField kHms[] = {IntervalField::Hour, IntervalField::Minute, IntervalField::Second};
    static const int64_t kScale[] = {kMicrosPerHour, kMicrosPerMinute, kMicrosPerSecond};
    for (size_t k = 0; k < parts.size(); ++k) {
      size_t slot = k + (minutes_first ? 1 : 0);
      add(negative ? -parts[k] : parts[k], kHms[slot], kScale[slot]);
    }
  }

  // ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]].
  void read_iso() {
    bool in_time = false, any = false;
    while (i_ < s_.size()) {
      if (s_[i_] == 'T' || s_[i_] == 't') {
        if (in_time) bad();
        in_time = true;
        ++i_;
        continue;
      }
      auto n = number(true);
      if (!n || i_ >= s_.size()) bad();
      char designator = static_cast<char>(std::toupper(static_cast<unsigned char>(s_[i_++])));
      any = true;
      if (!in_time && designator == 'Y') add(*n, IntervalField::Year, 12);
      else if (!in_time && designator == 'M') add(*n, IntervalField::Month, 1);
      else if (!in_time && designator == 'W') add(*n, IntervalField::Day, 7);
      else if (!in_time && designator == 'D') add(*n, IntervalField::Day, 1);
      else if (in_time && designator == 'H') add(*n, IntervalField::Hour, kMicrosPerHour);
      else if (in_time && designator == 'M') add(*n, IntervalField::Minute, kMicrosPerMinute);
      else if (in_time && designator == 'S') add(*n, IntervalField::Second, kMicrosPerSecond);
      else bad();
    }
    if (!any) bad();
  }

  std::string_view s_;
  IntervalField first_, last_;
  size_t i_ = 0;
  IntervalSum sum_;
};

// PostgreSQL's AddPostgresIntPart: " -1 days", "+2 mons" after a negative part.
void append_part(std::string& out, int64_t value, const char* unit, bool& is_zero, bool& is_before) {
  if (value == 0) return;
  if (!is_zero) out += ' ';
  if (is_before && value > 0) out += '+';
  out += std::to_string(value) + " " + unit + (value != 1 ? "s" : "");
  is_before = value < 0;
  is_zero = false;
}

}  // namespace

Interval parse_interval(std::string_view text, IntervalField first, IntervalField last) {
  return IntervalReader(text, first, last).read();
}

std::string format_interval(const Interval& i) {
  std::string out;
  bool is_zero = true, is_before = false;
  append_part(out, i.months / 12, "year", is_zero, is_before);
  append_part(out, i.months % 12, "mon", is_zero, is_before);
  append_part(out, i.days, "day", is_zero, is_before);
  if (is_zero || i.micros != 0) {
    uint64_t magnitude = i.micros < 0 ? 0 - static_cast<uint64_t>(i.micros) : static_cast<uint64_t>(i.micros);
    if (!is_zero) out += ' ';
    if (i.micros < 0) out += '-';
    else if (is_before) out += '+';
    char clock[48];
    snprintf(clock, sizeof clock, "%02llu:%02llu:%02llu", static_cast<unsigned long long>(magnitude / kMicrosPerHour),
             static_cast<unsigned long long>(magnitude / kMicrosPerMinute % 60),
             static_cast<unsigned long long>(magnitude / kMicrosPerSecond % 60));
    out += clock;
    if (uint64_t fraction = magnitude % kMicrosPerSecond) {
      char digits[8];
      snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(fraction));
      std::string f(digits);
      out += '.' + f.substr(0, f.find_last_not_of('0') + 1);
    }
  }
  return out;
}

IntervalLength length_of(const Interval& i) {
  return (static_cast<IntervalLength>(i.months) * 30 + i.days) * kMicrosPerDay + i.micros;
}

int compare(const Interval& a, const Interval& b) {
  IntervalLength x = length_of(a), y = length_of(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

Interval operator+(const Interval& a, const Interval& b) {
  return {to_int32(int64_t{a.months} + b.months), to_int32(int64_t{a.days} + b.days), checked_add(a.micros, b.micros)};
}

Interval operator-(const Interval& a) {
  return {to_int32(-int64_t{a.months}), to_int32(-int64_t{a.days}), checked_mul(a.micros, -1)};
}

Interval operator-(const Interval& a, const Interval& b) { return a + (-b); }

Interval multiply(const Interval& i, const Number& factor) {
  IntervalSum sum{Number(i.months) * factor, Number(i.days) * factor, Number(i.micros) * factor};
  return sum.cascade();
}

Interval divide(const Interval& i, const Number& divisor) {
  if (divisor.is_zero()) throw Error("22012", "division by zero");
  auto quotient = [&](int64_t v) { return Number(v).divide(divisor); };
  IntervalSum sum{quotient(i.months), quotient(i.days), quotient(i.micros)};
  return sum.cascade();
}

Timestamp add(Timestamp t, const Interval& i) {
  int64_t micros = t.micros;
  if (i.months != 0) {
    CivilDate c = civil(date_of(t));
    int64_t total = int64_t{c.year} * 12 + (c.month - 1) + i.months;
    int64_t year = total >= 0 ? total / 12 : (total - 11) / 12;
    int month = static_cast<int>(total - year * 12) + 1;
    int y = static_cast<int>(year);  // |months| < 2^31: fits; make_date refuses years outside 1-9999
    Date d = make_date(y, month, std::min(c.day, days_in_month(y, month)));
    micros = timestamp_of(d, time_of(t)).micros;
  }
  Int128 sum = Int128{micros} + Int128{i.days} * kMicrosPerDay + i.micros;
  if (sum < INT64_MIN || sum > INT64_MAX) return check_range(Timestamp{INT64_MIN});  // 22008
  return check_range(Timestamp{static_cast<int64_t>(sum)});
}

Timestamp subtract(Timestamp t, const Interval& i) { return add(t, -i); }

Interval subtract(Timestamp a, Timestamp b) {
  int64_t diff = a.micros - b.micros;  // both within years 1-9999: no overflow
  return Interval{0, to_int32(diff / kMicrosPerDay), diff % kMicrosPerDay};
}

Date add_days(Date d, int64_t days) {
  if (days > INT32_MAX / 2 || days < INT32_MIN / 2) throw Error("22008", "date is out of range (years 1 to 9999)");
  return check_range(Date{static_cast<int32_t>(d.days + days)});
}

int64_t subtract(Date a, Date b) { return int64_t{a.days} - b.days; }

Time add(Time t, const Interval& i) {
  int64_t m = (t.micros + i.micros % kMicrosPerDay) % kMicrosPerDay;
  return Time{m < 0 ? m + kMicrosPerDay : m};
}

Interval subtract(Time a, Time b) { return Interval{0, 0, a.micros - b.micros}; }

Interval age(Timestamp a, Timestamp b) {
  // PostgreSQL's timestamp_age: the field-wise difference of the later minus the earlier timestamp,
  // each negative field borrowing from the next larger one (a borrowed month counts the days of the
  // earlier timestamp's month), with the sign restored at the end.
  bool flip = a.micros < b.micros;
  CivilDate ca = civil(date_of(a)), cb = civil(date_of(b));
  int64_t ta = time_of(a).micros, tb = time_of(b).micros;
  int64_t micros = ta - tb;
  int64_t days = ca.day - cb.day, months = ca.month - cb.month, years = ca.year - cb.year;
  if (flip) {
    micros = -micros;
    days = -days;
    months = -months;
    years = -years;
  }
  while (micros < 0) {
    micros += kMicrosPerDay;
    --days;
  }
  while (days < 0) {
    const CivilDate& month_of = flip ? ca : cb;
    days += days_in_month(month_of.year, month_of.month);
    --months;
  }
  while (months < 0) {
    months += 12;
    --years;
  }
  Interval out{to_int32(years * 12 + months), to_int32(days), micros};
  return flip ? -out : out;
}

}  // namespace dynamosql
