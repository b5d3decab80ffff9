// SQL's operators over Values, as the evaluator applies them: comparison, arithmetic, `||` and CAST.
// NULL and MISSING are both SQL NULL: every operator here gives NULL for a NULL operand (CAST keeps
// it). Comparing values of different DynamoDB types is never an error: `=` is false, `<>` is true and
// ordering comparisons are NULL (as DynamoDB, which treats them as false); documents have no order.
// Numbers are computed exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynamosql/sql_type.h"
#include "function/call_site.h"

namespace dynamosql {

enum class CompareOp : uint8_t { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };
enum class ArithmeticOp : uint8_t { Add, Subtract, Multiply, Divide, Modulo };
enum class CastTarget : uint8_t { Varchar, Json, Decimal, Integer, Boolean, Varbinary, Date, Time, Timestamp, Interval };

// "=" -> Equal, ...; nullopt for anything else.
std::optional<CompareOp> compare_op_named(const std::string& op);
std::optional<ArithmeticOp> arithmetic_op_named(const std::string& op);
// The target of CAST(x AS name) (VARCHAR, TEXT, INT, NUMERIC, ...; upper case); nullopt when unsupported.
std::optional<CastTarget> cast_target_named(const std::string& name);
SqlType cast_result_type(CastTarget target);
// `a op b` as `b flipped(op) a`: < becomes >, = stays.
CompareOp flipped(CompareOp op);
// The operator as SQL and DynamoDB expressions write it.
const char* compare_op_text(CompareOp op);

// NULL, or Bool.
Value compare_values(CompareOp op, const Value& a, const Value& b);
// `probe op ANY (values)` (`all` false) or `probe op ALL (values)`, with SQL's NULL rules: ANY is true
// when some comparison is, ALL false when some comparison is; else NULL when some comparison was
// NULL; else ANY false and ALL true (so over no values ANY is false and ALL true). IN is = ANY, NOT IN
// <> ALL.
Value compare_quantified(CompareOp op, bool all, const Value& probe, const std::vector<Value>& values);
// true only when compare_values gives Bool true.
bool values_equal(const Value& a, const Value& b);
// `x op y`, exactly; dividing by zero is 22012 at `site`.
Number arithmetic(ArithmeticOp op, const Number& x, const Number& y, const CallSite& site);
// CAST of `v`, a value of SQL type `from`; `name` is the type as written, for messages. Dates and times
// follow function/datetime_values.h (text <-> date 22007 on bad text; numbers are epoch seconds).
Value cast_value(const Value& v, SqlType from, CastTarget target, const std::string& name, const CallSite& site);
// a - b * trunc(a / b), exactly (`%` and MOD()).
Number remainder(const Number& a, const Number& b);

}  // namespace dynamosql
