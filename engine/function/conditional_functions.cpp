// Conditional functions: COALESCE (IFNULL, NVL), typed to hold every argument's values; NULLIF, whose
// result is its first argument or NULL; GREATEST and LEAST, which skip NULLs (PostgreSQL) and compare
// values as ORDER BY does (numbers numerically, dates in time order).
#include "function/function.h"
#include "function/operators.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

Value coalesce(ArgList args, const CallSite&) {
  for (const auto& a : args)
    if (!a.is_null_or_missing()) return a;
  return Value::null();
}

Value nullif(ArgList args, const CallSite&) { return values_equal(args[0], args[1]) ? Value::null() : args[0]; }

template <int direction>
Value extreme(ArgList args, const CallSite&) {
  const Value* best = nullptr;
  for (const auto& a : args)
    if (!a.is_null_or_missing() && (!best || a.compare(*best) * direction > 0)) best = &a;
  return best ? *best : Value::null();
}

}  // namespace

std::vector<FunctionEntry> conditional_functions() {
  return {
      scalar_function("coalesce", {"ifnull", "nvl"}, 0, -1, {A::Any, A::SameAsFirst}, SqlType::Varchar, coalesce)
          .typed(ResultRule::CommonOfArguments),
      scalar_function("nullif", {}, 2, 2, {A::Any, A::SameAsFirst}, SqlType::Varchar, nullif).typed(ResultRule::FirstArgument),
      scalar_function("greatest", {}, 1, -1, {A::Any, A::SameAsFirst}, SqlType::Varchar, extreme<1>)
          .typed(ResultRule::CommonOfArguments),
      scalar_function("least", {}, 1, -1, {A::Any, A::SameAsFirst}, SqlType::Varchar, extreme<-1>)
          .typed(ResultRule::CommonOfArguments),
  };
}

}  // namespace dynamosql
