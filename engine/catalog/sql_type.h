// The SQL types dynamosql presents: S -> VARCHAR, N -> DECIMAL (exact), BOOL -> BOOLEAN, B -> VARBINARY,
// maps, lists, sets and mixed types -> JSON (text holding a JSON document).
#pragma once

#include "value/value.h"

namespace dynamosql {

enum class SqlType { Varchar, Decimal, Boolean, Varbinary, Json, Timestamp };

const char* sql_type_name(SqlType type);
// The SQL type a DynamoDB value of this type presents as.
SqlType sql_type_of(ValueType type);

}  // namespace dynamosql
