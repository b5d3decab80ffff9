// What the engine's function registry offers its clients: whether a scalar function of a name exists,
// so the ODBC driver's SQLGetInfo bitmasks (SQL_NUMERIC_FUNCTIONS, SQL_STRING_FUNCTIONS, ...) follow the
// registry instead of a second list that goes stale.
#pragma once

#include <string_view>

namespace dynamosql {

// `name` in lower case, a function's name or alias; aggregates and window functions are not scalar.
bool is_scalar_function(std::string_view name);

}  // namespace dynamosql
