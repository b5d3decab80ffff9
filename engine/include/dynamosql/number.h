// Exact decimal numbers, as DynamoDB keeps them: up to 38 significant digits, magnitudes from 1E-130 to
// under 1E+126. A Number is coefficient x 10^exponent with an arbitrary-precision integer coefficient
// (GMP), kept normalised (no trailing zeros in the coefficient), so equal values have equal
// representations: 1.0 == 1, and comparison is numeric (10 > 9, -0.5 < 0). Nothing here goes through
// double; to_double() exists only for clients that ask for a floating-point rendering.
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynamosql {

// A cheap lexical check for number text (the grammar parse() accepts), without building a Number.
bool is_number_text(std::string_view text);

// Exact comparison of two plain decimal texts ([+-]digits[.digits], no exponent) without building
// Numbers: the hot path of ORDER BY, GROUP BY, DISTINCT and MIN/MAX, since DynamoDB sends plain
// decimals. nullopt when either text has an exponent (the caller falls back to Number::compare).
std::optional<int> compare_number_text(std::string_view a, std::string_view b);
// Number::to_string() of a plain decimal text, computed without GMP; nullopt when that shortcut does
// not apply (exponent, or a canonical form too long for plain notation).
std::optional<std::string> canonical_number_text(std::string_view text);
// Appends Number::from_text(text).to_string(), without GMP when the text is a plain decimal (the
// output path of every number a scan prints).
void append_canonical_number(std::string& out, std::string_view text);

class Number {
 public:
  Number() = default;  // zero
  explicit Number(int64_t v);

  // Parses SQL/JSON/DynamoDB number text: [+-]digits[.digits][(e|E)[+-]digits], also ".5" and "5.".
  // Returns nullopt for anything else (no whitespace, no hex, no NaN/Infinity).
  static std::optional<Number> parse(std::string_view text);
  // As parse(), but throws Error 22018 naming the text.
  static Number from_text(std::string_view text);

  // Plain decimal notation ("-0.25", "1500000000000000000000000000000") while that stays under 60
  // characters, otherwise scientific ("1.5E+130"). Round-trips through parse().
  std::string to_string() const;

  int compare(const Number& other) const;
  bool operator==(const Number& o) const { return compare(o) == 0; }
  bool operator!=(const Number& o) const { return compare(o) != 0; }
  bool operator<(const Number& o) const { return compare(o) < 0; }
  bool operator>(const Number& o) const { return compare(o) > 0; }
  bool operator<=(const Number& o) const { return compare(o) <= 0; }
  bool operator>=(const Number& o) const { return compare(o) >= 0; }

  Number operator+(const Number& o) const;
  Number operator-(const Number& o) const;
  Number operator*(const Number& o) const;
  Number operator-() const;
  // Quotient rounded half away from zero to `digits` significant digits. Throws 22012 on zero divisor.
  Number divide(const Number& divisor, int digits = 38) const;
  // Rounds to `digits` significant digits (half away from zero).
  Number round_significant(int digits) const;
  // Rounds to `scale` digits after the point (half away from zero); scale may be negative.
  Number round_scale(int scale) const;
  Number truncate_to_integer() const;
  // The square root rounded half away from zero to `digits` significant digits (correctly rounded:
  // computed with guard digits from the exact value). Throws 22023 for a negative number.
  Number square_root(int digits = 38) const;

  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return coefficient_ < 0; }
  bool is_integer() const { return exponent_ >= 0; }
  int significant_digits() const;
  // Position of the most significant digit: 0 for 1..9, 2 for 100..999, -1 for 0.1..0.9.
  int adjusted_exponent() const;
  std::optional<int64_t> to_int64() const;
  double to_double() const;

  // True when DynamoDB can store the value (38 significant digits, range 1E-130 .. <1E+126).
  bool fits_dynamodb() const;
  // Throws 22003 naming the value when it does not fit.
  void check_dynamodb_range() const;

  const mpz_class& coefficient() const { return coefficient_; }
  int32_t exponent() const { return exponent_; }

 private:
  Number(mpz_class coefficient, int64_t exponent);
  void normalise();

  mpz_class coefficient_;  // 0 has exponent 0
  int32_t exponent_ = 0;
};

}  // namespace dynamosql
