// Parameter typing: the rules of dynamosql/parameter.h, as the binder applies them while it binds
// (the first context that says something about a `?` decides), and the conversion of a bound value to
// what its parameter expects, which the planner applies when it replaces each `?` by its value.
#pragma once

#include <optional>

#include "bind/bound_statement.h"

namespace dynamosql {

ParameterDescription parameter_of_type(SqlType type);
ParameterDescription integer_parameter();
// What attribute `name` of `table` implies for a `?` stored in it or compared with it: a key's declared
// type, else the inferred column's type; nullopt for an attribute outside the schema or a JSON column.
std::optional<ParameterDescription> parameter_for_attribute(const TableSchema& table, const std::string& name);
// What an operand implies for a `?` compared with it; nullopt when it says nothing.
std::optional<ParameterDescription> parameter_like(const BoundExpr& operand, const BoundRelation* relation);
// `value` bound to parameter `index` (0-based), converted to what `expected` says. A `?` written into a
// number attribute (`written_as_epoch`, BoundExpr::written_as_epoch) takes text that is a date or
// timestamp, not a number, as that instant's epoch number in the unit given.
Value coerce_parameter(const ParameterDescription& expected, Value value, int index,
                       std::optional<EpochUnit> written_as_epoch = std::nullopt);

}  // namespace dynamosql
