// The SQL types dynamosql presents: S -> VARCHAR, N -> DECIMAL (exact), BOOL -> BOOLEAN, B -> VARBINARY,
// maps, lists, sets and mixed types -> JSON (text holding a JSON document). BIGINT is never an
// attribute's type: it is the type of results that are always whole numbers within 64 bits (COUNT,
// LENGTH, SIZE), so clients can read them as integers; their values are numbers like any other.
//
// DATE, TIME, TIMESTAMP and INTERVAL are the types of date and time expressions (literals, CAST,
// CURRENT_*, EXTRACT's argument, date arithmetic); TIMESTAMP WITH TIME ZONE is TIMESTAMP under the UTC
// rule (value/datetime.h). Their values travel as strings of one canonical text each: DATE
// `2026-01-31`, TIME `10:20:30.5`, TIMESTAMP `2026-01-31 10:20:30.5` (UTC, PostgreSQL's output; trailing
// zeros of the fraction dropped) and INTERVAL PostgreSQL's `1 year 2 mons 3 days 04:05:06`. For DATE,
// TIME and TIMESTAMP the canonical text's byte order is the order in time, so sorting, grouping,
// DISTINCT and joins need no type of their own; INTERVALs are compared through their value.
#pragma once

#include "dynamosql/value.h"

namespace dynamosql {

enum class SqlType { Varchar, Decimal, Bigint, Boolean, Varbinary, Json, Timestamp, Date, Time, Interval };

const char* sql_type_name(SqlType type);
// DECIMAL or BIGINT: values are numbers.
bool is_numeric(SqlType type);
// DATE, TIME, TIMESTAMP or INTERVAL.
bool is_datetime(SqlType type);
// The SQL type a DynamoDB value of this type presents as.
SqlType sql_type_of(ValueType type);

}  // namespace dynamosql
