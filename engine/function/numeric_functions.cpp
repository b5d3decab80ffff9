// Numeric functions: ABS, ROUND, FLOOR, CEIL, TRUNC, MOD, SIGN, exact; POWER exact for a whole exponent,
// SQRT exact where the root is; LN, EXP and POWER's fractional exponents through double (17 significant
// digits). A NULL argument gives NULL; any other non-number is 22018 naming the call; a result DynamoDB
// cannot store (beyond 38 digits or 1E+126) is 22003.
#include <cmath>
#include <cstdio>

#include "dynamosql/error.h"
#include "function/function.h"
#include "function/operators.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

Value abs(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number n = site.number(args[0]);
  return Value::number(n.is_negative() ? -n : n);
}

// ROUND(x[, scale]): half away from zero.
Value round(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  int64_t scale = args.size() == 2 ? site.number(args[1]).to_int64().value_or(0) : 0;
  return Value::number(site.number(args[0]).round_scale(static_cast<int>(scale)));
}

Value floor(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number n = site.number(args[0]);
  Number t = n.truncate_to_integer();
  return Value::number(n.is_negative() && t != n ? t - Number(1) : t);
}

Value ceil(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number n = site.number(args[0]);
  Number t = n.truncate_to_integer();
  return Value::number(!n.is_negative() && t != n ? t + Number(1) : t);
}

// 10^n, exactly (n may be negative).
Number power_of_ten(int64_t n) { return Number::from_text("1E" + std::to_string(n)); }

// TRUNC(x[, scale]): toward zero, to `scale` decimals (negative: tens, hundreds, ...).
Value trunc(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]);
  int64_t scale = args.size() == 2 ? site.number(args[1]).to_int64().value_or(0) : 0;
  if (scale < -130 || scale > 130) site.fail(sqlstate::kInvalidParameter, "TRUNC's scale is out of range");
  Number unit = power_of_ten(scale);
  return Value::number((x * unit).truncate_to_integer().divide(unit, 80));
}

Value sign(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]);
  return Value::number(Number(x.is_zero() ? 0 : x.is_negative() ? -1 : 1));
}

// A result through double, kept to its 17 significant digits; 22003 when it is not finite.
Value from_double(double d, const CallSite& site) {
  if (!std::isfinite(d)) site.fail(sqlstate::kNumericOutOfRange, "value out of range");
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", d);
  Number n = Number::from_text(text).round_significant(17);
  if (!n.fits_dynamodb()) site.fail(sqlstate::kNumericOutOfRange, "value out of range: " + n.to_string());
  return Value::number(n);
}

Value checked(const Number& n, const CallSite& site) {
  if (!n.fits_dynamodb()) site.fail(sqlstate::kNumericOutOfRange, "value out of range: " + n.to_string().substr(0, 60));
  return Value::number(n);
}

// POWER(x, y): by repeated squaring when y is whole (exact), else through double.
Value power(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]), y = site.number(args[1]);
  if (x.is_zero() && y.is_negative()) site.fail(sqlstate::kDivisionByZero, "zero raised to a negative power is undefined");
  auto whole = y.is_integer() ? y.to_int64() : std::nullopt;
  if (!whole) {
    if (x.is_negative()) site.fail("2201F", "a negative number raised to a non-integer power gives a complex result");
    return from_double(std::pow(x.to_double(), y.to_double()), site);
  }
  if (*whole > 1000 || *whole < -1000) return from_double(std::pow(x.to_double(), y.to_double()), site);
  Number result(1), base = x;
  for (int64_t e = *whole < 0 ? -*whole : *whole; e > 0; e >>= 1) {
    if (e & 1) result = result * base;
    if (e > 1) base = base * base;
  }
  return checked(*whole < 0 ? Number(1).divide(result) : result, site);
}

Value square_root(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]);
  if (x.is_negative()) site.fail("2201F", "cannot take square root of a negative number");
  Value root = from_double(std::sqrt(x.to_double()), site);
  Number r = root.as_number().round_significant(15);
  return r * r == x ? Value::number(r) : root;
}

Value natural_log(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]);
  if (x.is_zero() || x.is_negative()) site.fail("2201E", "cannot take logarithm of " + std::string(x.is_zero() ? "zero" : "a negative number"));
  if (x == Number(1)) return Value::number(Number(0));
  return from_double(std::log(x.to_double()), site);
}

Value exponential(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number x = site.number(args[0]);
  if (x.is_zero()) return Value::number(Number(1));
  return from_double(std::exp(x.to_double()), site);
}

Value mod(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  Number a = site.number(args[0]), b = site.number(args[1]);
  if (b.is_zero()) site.fail(sqlstate::kDivisionByZero, "division by zero");
  return Value::number(remainder(a, b));
}

}  // namespace

std::vector<FunctionEntry> numeric_functions() {
  return {
      scalar_function("abs", {}, 1, 1, {A::Number}, SqlType::Decimal, abs),
      scalar_function("round", {}, 1, 2, {A::Number}, SqlType::Decimal, round),
      scalar_function("floor", {}, 1, 1, {A::Number}, SqlType::Decimal, floor),
      scalar_function("ceil", {"ceiling"}, 1, 1, {A::Number}, SqlType::Decimal, ceil),
      scalar_function("trunc", {"truncate"}, 1, 2, {A::Number}, SqlType::Decimal, trunc),
      scalar_function("sign", {}, 1, 1, {A::Number}, SqlType::Decimal, sign),
      scalar_function("power", {"pow"}, 2, 2, {A::Number}, SqlType::Decimal, power),
      scalar_function("sqrt", {}, 1, 1, {A::Number}, SqlType::Decimal, square_root),
      scalar_function("ln", {}, 1, 1, {A::Number}, SqlType::Decimal, natural_log),
      scalar_function("exp", {}, 1, 1, {A::Number}, SqlType::Decimal, exponential),
      scalar_function("mod", {}, 2, 2, {A::Number}, SqlType::Decimal, mod),
  };
}

}  // namespace dynamosql
