// The SQL types dynamosql presents: S -> VARCHAR, N -> DECIMAL (exact), BOOL -> BOOLEAN, B -> VARBINARY,
// maps, lists, sets and mixed types -> JSON (text holding a JSON document). BIGINT is never an
// attribute's type: it is the type of results that are always whole numbers within 64 bits (COUNT,
// LENGTH, SIZE), so clients can read them as integers; their values are numbers like any other.
#pragma once

#include "dynamosql/value.h"

namespace dynamosql {

enum class SqlType { Varchar, Decimal, Bigint, Boolean, Varbinary, Json, Timestamp };

const char* sql_type_name(SqlType type);
// DECIMAL or BIGINT: values are numbers.
bool is_numeric(SqlType type);
// The SQL type a DynamoDB value of this type presents as.
SqlType sql_type_of(ValueType type);

}  // namespace dynamosql
