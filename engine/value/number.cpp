// Exact decimal arithmetic over GMP integers; see number.h for the representation.
#include "dynamosql/number.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// Exponents are bounded so a malicious "1E999999999" cannot make us allocate a huge power of ten.
constexpr int64_t kMaxExponentMagnitude = 100000;

mpz_class pow10(unsigned long n) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 10, n);
  return r;
}

size_t digit_count(const mpz_class& v) {
  if (v == 0) return 1;
  mpz_class a = abs(v);
  size_t n = mpz_sizeinbase(a.get_mpz_t(), 10);  // may be one too large
  if (n > 1 && a < pow10(n - 1)) --n;
  return n;
}

// Divides v by 10^n rounding half away from zero.
mpz_class divide_round(const mpz_class& v, unsigned long n) {
  if (n == 0) return v;
  mpz_class d = pow10(n), q, r;
  mpz_tdiv_qr(q.get_mpz_t(), r.get_mpz_t(), v.get_mpz_t(), d.get_mpz_t());
  mpz_class twice = abs(r) * 2;
  if (twice >= d) q += (v < 0 ? -1 : 1);
  return q;
}

}  // namespace

bool is_number_text(std::string_view t) {
  size_t i = 0, n = t.size();
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  size_t digits = 0;
  while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0 || exp_digits > 6) return false;
  }
  return i == n;
}

namespace {

// The parts of a plain decimal with leading integer zeros and trailing fraction zeros removed.
struct PlainDecimal {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

bool split_plain(std::string_view t, PlainDecimal& d) {
  size_t i = 0, n = t.size();
  d.negative = false;
  if (i < n && (t[i] == '-' || t[i] == '+')) d.negative = t[i++] == '-';
  size_t int_start = i;
  while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
  size_t int_end = i, frac_start = i, frac_end = i;
  if (i < n && t[i] == '.') {
    frac_start = ++i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    frac_end = i;
  }
  if (i != n || (int_end == int_start && frac_end == frac_start)) return false;
  while (int_start < int_end && t[int_start] == '0') ++int_start;
  while (frac_end > frac_start && t[frac_end - 1] == '0') --frac_end;
  d.integer = t.substr(int_start, int_end - int_start);
  d.fraction = t.substr(frac_start, frac_end - frac_start);
  if (d.integer.empty() && d.fraction.empty()) d.negative = false;  // -0 is 0
  return true;
}

}  // namespace

std::optional<int> compare_number_text(std::string_view a, std::string_view b) {
  PlainDecimal x, y;
  if (!split_plain(a, x) || !split_plain(b, y)) return std::nullopt;
  if (x.negative != y.negative) return x.negative ? -1 : 1;
  int magnitude;
  if (x.integer.size() != y.integer.size()) {
    magnitude = x.integer.size() < y.integer.size() ? -1 : 1;
  } else {
    int c = x.integer.compare(y.integer);
    if (c == 0) c = x.fraction.compare(y.fraction);  // trailing zeros gone: lexicographic is numeric
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return x.negative ? -magnitude : magnitude;
}

namespace {

// Appends the canonical text of the plain decimal `text` split into `d`; false (nothing appended) when
// too long for plain notation.
bool append_plain(std::string& out, std::string_view text, const PlainDecimal& d) {
  size_t length = d.negative + std::max<size_t>(d.integer.size(), 1) + (d.fraction.empty() ? 0 : 1 + d.fraction.size());
  if (length > 55) return false;  // near to_string()'s switch to scientific notation
  // Canonical text only drops characters (a '+', a minus of zero, zeros, a bare point) and adds a '0'
  // only where the integer part is empty or all zeros: a text that starts with a digit or '-' and a
  // digit and is as long is the canonical text itself (as DynamoDB sends numbers).
  size_t first = text[0] == '-' ? 1 : 0;
  if (length == text.size() && first < text.size() && text[first] >= '0' && text[first] <= '9') {
    out += text;
    return true;
  }
  if (d.negative) out += '-';
  if (d.integer.empty()) out += '0';
  else out += d.integer;
  if (!d.fraction.empty()) {
    out += '.';
    out += d.fraction;
  }
  return true;
}

}  // namespace

std::optional<std::string> canonical_number_text(std::string_view text) {
  PlainDecimal d;
  std::string out;
  if (!split_plain(text, d) || !append_plain(out, text, d)) return std::nullopt;
  return out;
}

void append_canonical_number(std::string& out, std::string_view text) {
  PlainDecimal d;
  if (split_plain(text, d) && append_plain(out, text, d)) return;
  out += Number::from_text(text).to_string();
}

Number::Number(int64_t v) : coefficient_(static_cast<long>(v)) { normalise(); }

Number::Number(mpz_class coefficient, int64_t exponent) : coefficient_(std::move(coefficient)) {
  if (coefficient_ == 0) {
    exponent_ = 0;
    return;
  }
  // Strip trailing zeros first so the exponent check sees the normal form.
  while (mpz_divisible_ui_p(coefficient_.get_mpz_t(), 10)) {
    coefficient_ /= 10;
    ++exponent;
  }
  if (exponent > kMaxExponentMagnitude || exponent < -kMaxExponentMagnitude) {
    throw Error(sqlstate::kNumericOutOfRange, "number out of range");
  }
  exponent_ = static_cast<int32_t>(exponent);
}

void Number::normalise() { *this = Number(coefficient_, exponent_); }

std::optional<Number> Number::parse(std::string_view text) {
  size_t i = 0, n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int64_t exponent = 0;
  bool any_digit = false;
  while (i < n && text[i] >= '0' && text[i] <= '9') digits += text[i++], any_digit = true;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && text[i] >= '0' && text[i] <= '9') digits += text[i++], --exponent, any_digit = true;
  }
  if (!any_digit) return std::nullopt;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= n) return std::nullopt;
    int64_t e = 0;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
      e = e * 10 + (text[i++] - '0');
      if (e > kMaxExponentMagnitude) return std::nullopt;
    }
    exponent += exp_negative ? -e : e;
  }
  if (i != n) return std::nullopt;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Number();
  digits.erase(0, first);
  if (digits.size() > 100000) return std::nullopt;
  mpz_class c(digits, 10);
  if (negative) c = -c;
  try {
    return Number(std::move(c), exponent);
  } catch (const Error&) {
    return std::nullopt;
  }
}

Number Number::from_text(std::string_view text) {
  auto n = parse(text);
  if (!n) throw Error(sqlstate::kInvalidCharacterValue, "invalid number '" + std::string(text.substr(0, 80)) + "'");
  return *n;
}

std::string Number::to_string() const {
  if (coefficient_ == 0) return "0";
  std::string digits = mpz_class(abs(coefficient_)).get_str(10);
  std::string sign = coefficient_ < 0 ? "-" : "";
  int64_t len = static_cast<int64_t>(digits.size());
  int64_t plain_len = exponent_ >= 0 ? len + exponent_ : std::max<int64_t>(len, -exponent_ + 1) + 1;
  if (plain_len <= 60) {
    if (exponent_ >= 0) return sign + digits + std::string(static_cast<size_t>(exponent_), '0');
    int64_t point = len + exponent_;  // digits before the point
    if (point > 0) return sign + digits.substr(0, point) + "." + digits.substr(point);
    return sign + "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  }
  int64_t adjusted = len - 1 + exponent_;
  std::string out = sign + digits.substr(0, 1);
  if (len > 1) out += "." + digits.substr(1);
  out += adjusted < 0 ? "E-" : "E+";
  out += std::to_string(adjusted < 0 ? -adjusted : adjusted);
  return out;
}

int Number::compare(const Number& o) const {
  int sa = sgn(coefficient_), sb = sgn(o.coefficient_);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  // Same sign: compare magnitudes by adjusted exponent first (cheap), then aligned coefficients.
  int64_t aa = adjusted_exponent(), ab = o.adjusted_exponent();
  if (aa != ab) return (aa < ab ? -1 : 1) * sa;
  mpz_class a = coefficient_, b = o.coefficient_;
  if (exponent_ > o.exponent_) a *= pow10(exponent_ - o.exponent_);
  if (o.exponent_ > exponent_) b *= pow10(o.exponent_ - exponent_);
  int c = cmp(a, b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

Number Number::operator+(const Number& o) const {
  if (is_zero()) return o;
  if (o.is_zero()) return *this;
  int32_t e = std::min(exponent_, o.exponent_);
  mpz_class a = coefficient_ * pow10(exponent_ - e);
  mpz_class b = o.coefficient_ * pow10(o.exponent_ - e);
  return Number(a + b, e);
}

Number Number::operator-() const {
  Number r = *this;
  r.coefficient_ = -r.coefficient_;
  return r;
}

Number Number::operator-(const Number& o) const { return *this + (-o); }

Number Number::operator*(const Number& o) const {
  return Number(coefficient_ * o.coefficient_, int64_t(exponent_) + o.exponent_);
}

Number Number::divide(const Number& divisor, int digits) const {
  if (divisor.is_zero()) throw Error(sqlstate::kDivisionByZero, "division by zero");
  if (is_zero()) return Number();
  // Scale the dividend so the integer quotient has at least digits+1 significant digits.
  int64_t shift = digits + 2 + static_cast<int64_t>(digit_count(divisor.coefficient_)) -
                  static_cast<int64_t>(digit_count(coefficient_));
  if (shift < 0) shift = 0;
  mpz_class scaled = coefficient_ * pow10(static_cast<unsigned long>(shift));
  mpz_class q;
  mpz_tdiv_q(q.get_mpz_t(), scaled.get_mpz_t(), divisor.coefficient_.get_mpz_t());
  Number r(q, int64_t(exponent_) - shift - divisor.exponent_);
  return r.round_significant(digits);
}

Number Number::round_significant(int digits) const {
  if (is_zero()) return *this;
  int64_t have = static_cast<int64_t>(digit_count(coefficient_));
  if (have <= digits) return *this;
  unsigned long drop = static_cast<unsigned long>(have - digits);
  return Number(divide_round(coefficient_, drop), int64_t(exponent_) + drop);
}

Number Number::square_root(int digits) const {
  if (is_negative()) throw Error(sqlstate::kInvalidParameter, "cannot take the square root of a negative number");
  if (is_zero()) return *this;
  // sqrt(c x 10^e) x 10^k = sqrt(c x 10^(e + 2k)): k large enough for digits + 3 digits of root and
  // an integer radicand. The floor of the root with guard digits rounds to the same digits as the root.
  int64_t c_digits = static_cast<int64_t>(digit_count(coefficient_));
  int64_t k = std::max<int64_t>(0, (2 * (digits + 3) - c_digits - exponent_ + 1) / 2);
  while (int64_t(exponent_) + 2 * k < 0) ++k;
  mpz_class radicand = coefficient_ * pow10(static_cast<unsigned long>(int64_t(exponent_) + 2 * k));
  mpz_class root;
  mpz_sqrt(root.get_mpz_t(), radicand.get_mpz_t());
  return Number(root, -k).round_significant(digits);
}

Number Number::round_scale(int scale) const {
  if (is_zero() || exponent_ >= -scale) return *this;
  unsigned long drop = static_cast<unsigned long>(-scale - exponent_);
  return Number(divide_round(coefficient_, drop), -scale);
}

Number Number::truncate_to_integer() const {
  if (exponent_ >= 0) return *this;
  mpz_class q;
  mpz_class d = pow10(static_cast<unsigned long>(-exponent_));
  mpz_tdiv_q(q.get_mpz_t(), coefficient_.get_mpz_t(), d.get_mpz_t());
  return Number(q, 0);
}

int Number::significant_digits() const { return static_cast<int>(digit_count(coefficient_)); }

int Number::adjusted_exponent() const {
  return static_cast<int>(digit_count(coefficient_)) - 1 + exponent_;
}

std::optional<int64_t> Number::to_int64() const {
  if (!is_integer()) return std::nullopt;
  if (adjusted_exponent() > 19) return std::nullopt;
  mpz_class v = coefficient_ * pow10(static_cast<unsigned long>(exponent_));
  if (v > mpz_class(std::to_string(std::numeric_limits<int64_t>::max())) ||
      v < mpz_class(std::to_string(std::numeric_limits<int64_t>::min())))
    return std::nullopt;
  return static_cast<int64_t>(std::strtoll(v.get_str().c_str(), nullptr, 10));
}

double Number::to_double() const { return std::strtod(to_string().c_str(), nullptr); }

bool Number::fits_dynamodb() const {
  if (is_zero()) return true;
  if (significant_digits() > 38) return false;
  int adj = adjusted_exponent();
  return adj >= -130 && adj <= 125;
}

void Number::check_dynamodb_range() const {
  if (fits_dynamodb()) return;
  std::string text = to_string();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  if (significant_digits() > 38)
    throw Error(sqlstate::kNumericOutOfRange,
                "number " + text + " has more than 38 significant digits, which DynamoDB cannot store");
  throw Error(sqlstate::kNumericOutOfRange,
              "number " + text + " is outside DynamoDB's range (1E-130 to 9.99...E+125)");
}

}  // namespace dynamosql
