// Numeric functions: ABS, ROUND, FLOOR, CEIL, TRUNC, MOD, all exact. A NULL argument gives NULL; any
// other non-number is 22018 naming the call.
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

Value trunc(ArgList args, const CallSite& site) {
  if (args.any_null()) return Value::null();
  return Value::number(site.number(args[0]).truncate_to_integer());
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
      scalar_function("trunc", {"truncate"}, 1, 1, {A::Number}, SqlType::Decimal, trunc),
      scalar_function("mod", {}, 2, 2, {A::Number}, SqlType::Decimal, mod),
  };
}

}  // namespace dynamosql
