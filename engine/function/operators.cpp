// SQL's operators over Values; see operators.h for the NULL and type rules.
#include "function/operators.h"

#include <algorithm>
#include <cctype>

#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "function/datetime_values.h"
#include "value/json.h"

namespace dynamosql {
namespace {

bool ordered(ValueType t) {
  return t == ValueType::Number || t == ValueType::String || t == ValueType::Binary || t == ValueType::Bool;
}

bool one_of(const std::string& name, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (name == n) return true;
  return false;
}

Value cast_to_number(const Value& v, SqlType from, CastTarget target, const std::string& name, const CallSite& site) {
  Number n;
  if (is_datetime(from)) {
    n = datetime_number(v, from, site);
  } else if (v.type() == ValueType::Number) {
    n = v.as_number();
  } else if (v.type() == ValueType::String) {
    std::string t = v.text();
    t.erase(0, t.find_first_not_of(" \t"));
    t.erase(t.find_last_not_of(" \t") + 1);
    auto parsed = Number::parse(t);
    if (!parsed) site.fail(sqlstate::kInvalidCharacterValue, "cannot cast '" + v.text().substr(0, 40) + "' to " + name);
    n = *parsed;
  } else if (v.type() == ValueType::Bool) {
    n = Number(v.as_bool() ? 1 : 0);
  } else {
    site.fail(sqlstate::kInvalidCharacterValue, std::string("cannot cast ") + type_descriptor(v.type()) + " to " + name);
  }
  if (target == CastTarget::Integer) n = n.round_scale(0);
  return Value::number(n);
}

Value cast_to_boolean(const Value& v, const CallSite& site) {
  if (v.type() == ValueType::Bool) return v;
  if (v.type() == ValueType::Number) return Value::boolean(!v.as_number().is_zero());
  if (v.type() == ValueType::String) {
    std::string t = v.text();
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "true" || t == "t" || t == "1" || t == "yes") return Value::boolean(true);
    if (t == "false" || t == "f" || t == "0" || t == "no") return Value::boolean(false);
  }
  site.fail(sqlstate::kInvalidCharacterValue, "cannot cast " + value_to_text(v).substr(0, 40) + " to BOOLEAN");
}

}  // namespace

std::optional<CompareOp> compare_op_named(const std::string& op) {
  if (op == "=") return CompareOp::Equal;
  if (op == "<>") return CompareOp::NotEqual;
  if (op == "<") return CompareOp::Less;
  if (op == "<=") return CompareOp::LessOrEqual;
  if (op == ">") return CompareOp::Greater;
  if (op == ">=") return CompareOp::GreaterOrEqual;
  return std::nullopt;
}

std::optional<ArithmeticOp> arithmetic_op_named(const std::string& op) {
  if (op == "+") return ArithmeticOp::Add;
  if (op == "-") return ArithmeticOp::Subtract;
  if (op == "*") return ArithmeticOp::Multiply;
  if (op == "/") return ArithmeticOp::Divide;
  if (op == "%") return ArithmeticOp::Modulo;
  return std::nullopt;
}

std::optional<CastTarget> cast_target_named(const std::string& name) {
  if (one_of(name, {"VARCHAR", "TEXT", "STRING", "CHAR", "NVARCHAR", "CHARACTER"})) return CastTarget::Varchar;
  if (name == "JSON") return CastTarget::Json;
  if (one_of(name, {"DECIMAL", "NUMERIC", "NUMBER", "DOUBLE", "FLOAT", "REAL"})) return CastTarget::Decimal;
  if (one_of(name, {"INT", "INTEGER", "BIGINT", "SMALLINT"})) return CastTarget::Integer;
  if (one_of(name, {"BOOLEAN", "BOOL"})) return CastTarget::Boolean;
  if (one_of(name, {"VARBINARY", "BINARY", "BLOB"})) return CastTarget::Varbinary;
  if (name == "DATE") return CastTarget::Date;
  if (name == "TIME") return CastTarget::Time;
  if (one_of(name, {"TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ", "DATETIME"})) return CastTarget::Timestamp;
  if (name == "INTERVAL") return CastTarget::Interval;
  return std::nullopt;
}

SqlType cast_result_type(CastTarget target) {
  switch (target) {
    case CastTarget::Decimal:
    case CastTarget::Integer: return SqlType::Decimal;
    case CastTarget::Boolean: return SqlType::Boolean;
    case CastTarget::Varbinary: return SqlType::Varbinary;
    case CastTarget::Varchar:
    case CastTarget::Json: return SqlType::Varchar;
    case CastTarget::Date: return SqlType::Date;
    case CastTarget::Time: return SqlType::Time;
    case CastTarget::Timestamp: return SqlType::Timestamp;
    case CastTarget::Interval: return SqlType::Interval;
  }
  return SqlType::Varchar;
}

CompareOp flipped(CompareOp op) {
  switch (op) {
    case CompareOp::Less: return CompareOp::Greater;
    case CompareOp::LessOrEqual: return CompareOp::GreaterOrEqual;
    case CompareOp::Greater: return CompareOp::Less;
    case CompareOp::GreaterOrEqual: return CompareOp::LessOrEqual;
    default: return op;
  }
}

const char* compare_op_text(CompareOp op) {
  switch (op) {
    case CompareOp::Equal: return "=";
    case CompareOp::NotEqual: return "<>";
    case CompareOp::Less: return "<";
    case CompareOp::LessOrEqual: return "<=";
    case CompareOp::Greater: return ">";
    case CompareOp::GreaterOrEqual: return ">=";
  }
  return "=";
}

Value compare_values(CompareOp op, const Value& a, const Value& b) {
  if (a.is_null_or_missing() || b.is_null_or_missing()) return Value::null();
  if (a.type() != b.type()) {
    if (op == CompareOp::Equal) return Value::boolean(false);
    if (op == CompareOp::NotEqual) return Value::boolean(true);
    return Value::null();
  }
  if (op == CompareOp::Equal || op == CompareOp::NotEqual) {
    bool eq = a.compare(b) == 0;
    return Value::boolean(op == CompareOp::Equal ? eq : !eq);
  }
  if (!ordered(a.type())) return Value::null();  // no ordering of documents
  int c = a.compare(b);
  switch (op) {
    case CompareOp::Less: return Value::boolean(c < 0);
    case CompareOp::LessOrEqual: return Value::boolean(c <= 0);
    case CompareOp::Greater: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
  }
}

Value compare_quantified(CompareOp op, bool all, const Value& probe, const std::vector<Value>& values) {
  bool saw_null = false;
  for (const auto& v : values) {
    Value c = compare_values(op, probe, v);
    if (c.type() != ValueType::Bool) saw_null = true;
    else if (c.as_bool() != all) return Value::boolean(!all);
  }
  return saw_null ? Value::null() : Value::boolean(all);
}

bool values_equal(const Value& a, const Value& b) {
  return !a.is_null_or_missing() && !b.is_null_or_missing() && a.type() == b.type() && a.compare(b) == 0;
}

Number remainder(const Number& a, const Number& b) { return a - b * a.divide(b, 80).truncate_to_integer(); }

Number arithmetic(ArithmeticOp op, const Number& x, const Number& y, const CallSite& site) {
  switch (op) {
    case ArithmeticOp::Add: return x + y;
    case ArithmeticOp::Subtract: return x - y;
    case ArithmeticOp::Multiply: return x * y;
    default: break;
  }
  if (y.is_zero()) site.fail(sqlstate::kDivisionByZero, "division by zero");
  return op == ArithmeticOp::Divide ? x.divide(y) : remainder(x, y);
}

Value cast_value(const Value& v, SqlType from, CastTarget target, const std::string& name, const CallSite& site) {
  if (v.is_null_or_missing()) return v;
  switch (target) {
    case CastTarget::Varchar: return Value::string(value_to_text(v));
    case CastTarget::Json: return Value::string(plain_json(v));
    case CastTarget::Decimal:
    case CastTarget::Integer: return cast_to_number(v, from, target, name, site);
    case CastTarget::Date:
    case CastTarget::Time:
    case CastTarget::Timestamp:
    case CastTarget::Interval: return to_datetime(v, cast_result_type(target), true, site);
    case CastTarget::Boolean: return cast_to_boolean(v, site);
    case CastTarget::Varbinary:
      if (v.type() == ValueType::Binary) return v;
      if (v.type() == ValueType::String) return Value::binary(v.text());
      break;
  }
  site.fail(sqlstate::kFeatureNotSupported, "unsupported CAST target type " + name);
}

}  // namespace dynamosql
