// Parameter typing and the conversion of bound values; see parameter_types.h.
#include "bind/parameter_types.h"

#include <algorithm>
#include <cctype>

#include "dynamosql/error.h"
#include "function/datetime_values.h"

namespace dynamosql {
namespace {

SqlType key_type(const std::string& descriptor) {
  return descriptor == "N" ? SqlType::Decimal : descriptor == "B" ? SqlType::Varbinary : SqlType::Varchar;
}

[[noreturn]] void not_a(const char* what, const Value& v, int index) {
  throw Error(sqlstate::kInvalidCharacterValue,
              "parameter " + std::to_string(index + 1) + ": '" + v.text().substr(0, 40) + "' is not " + what);
}

// The number text `v` holds, blanks around it allowed; nullopt when it holds none.
std::optional<Number> number_in(const Value& v) {
  std::string t = v.text();
  t.erase(0, t.find_first_not_of(" \t"));
  t.erase(t.find_last_not_of(" \t") + 1);
  return Number::parse(t);
}

Value to_number(Value v, int index) {
  if (v.type() != ValueType::String) return v;
  auto n = number_in(v);
  if (!n) not_a("a number", v, index);
  return Value::number(*n);
}

// Text that is not a number but a date or timestamp (ISO 8601, as ODBC's date and timestamp parameters
// arrive), written into a number attribute: the instant's epoch number in `unit`, exactly as a DATE or
// TIMESTAMP literal written there is stored (bind_datetime.cpp's write_in_stored_form).
std::optional<Value> epoch_of_date_text(const Value& v, EpochUnit unit) {
  if (v.type() != ValueType::String || number_in(v)) return std::nullopt;
  std::optional<Timestamp> t = read_timestamp(v);
  if (!t) return std::nullopt;
  return Value::number(epoch_of(*t, unit));
}

Value to_boolean(Value v, int index) {
  if (v.type() == ValueType::Number) return Value::boolean(!v.as_number().is_zero());
  if (v.type() != ValueType::String) return v;
  std::string t = v.text();
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true" || t == "t" || t == "1" || t == "yes") return Value::boolean(true);
  if (t == "false" || t == "f" || t == "0" || t == "no") return Value::boolean(false);
  not_a("a boolean", v, index);
}

}  // namespace

ParameterDescription parameter_of_type(SqlType type) {
  ParameterDescription d;
  d.type = type;
  d.known = true;
  if (type == SqlType::Decimal) d.precision = 38;
  if (type == SqlType::Bigint) d.precision = 19, d.scale = 0;
  return d;
}

ParameterDescription integer_parameter() { return parameter_of_type(SqlType::Bigint); }

std::optional<ParameterDescription> parameter_for_attribute(const TableSchema& table, const std::string& name) {
  std::string declared = table.description.attribute_type(name);
  if (!declared.empty()) return parameter_of_type(key_type(declared));
  const ColumnDef* def = table.find(name);
  if (!def || def->type == SqlType::Json || is_datetime(def->type)) return std::nullopt;
  return parameter_of_type(def->type);
}

std::optional<ParameterDescription> parameter_like(const BoundExpr& operand, const BoundRelation* relation) {
  if (operand.kind == BoundKind::Parameter) return std::nullopt;
  if (operand.kind == BoundKind::Constant && operand.value.is_null_or_missing()) return std::nullopt;
  if (operand.kind == BoundKind::ColumnRef && !operand.path.empty()) return std::nullopt;
  if (operand.kind == BoundKind::ColumnRef && relation && relation->table) {
    std::string declared = relation->table->description.attribute_type(operand.attribute);
    if (!declared.empty()) return parameter_of_type(key_type(declared));
  }
  if (operand.type == SqlType::Json || is_datetime(operand.type)) return std::nullopt;
  return parameter_of_type(operand.type);
}

Value coerce_parameter(const ParameterDescription& expected, Value value, int index, std::optional<EpochUnit> written_as_epoch) {
  if (written_as_epoch)
    if (std::optional<Value> epoch = epoch_of_date_text(value, *written_as_epoch)) return *epoch;
  if (!expected.known || value.is_null_or_missing()) return value;
  switch (expected.type) {
    case SqlType::Decimal:
    case SqlType::Bigint: return to_number(std::move(value), index);
    case SqlType::Boolean: return to_boolean(std::move(value), index);
    case SqlType::Varchar:
      if (value.type() == ValueType::Number) return Value::string(value.text());
      return value;
    default: return value;
  }
}

}  // namespace dynamosql
