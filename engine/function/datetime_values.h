// Dates and times as SQL values: making the canonical texts DATE, TIME, TIMESTAMP and INTERVAL values
// travel as (see dynamosql/sql_type.h), reading any value as one of them, CAST to and from them, and
// the date arithmetic of `+` and `-`, with PostgreSQL's rules (value/datetime.h does the calendar).
//
// Reading goes by the value: a string is parsed as ISO 8601 (canonical texts are ISO 8601 too, so a
// value that is already a date reads back exactly); a number is epoch seconds (TIMESTAMP, DATE) or
// seconds since midnight (TIME), exactly. Where SQL asks for a date explicitly (CAST, a literal) text
// that is not one is 22007 naming it; where a stored attribute is only compared with or passed as a
// date, it reads as NULL (DynamoDB is schemaless: one odd item must not fail a whole query).
#pragma once

#include <optional>

#include "dynamosql/sql_type.h"
#include "function/call_site.h"
#include "function/operators.h"
#include "value/datetime.h"

namespace dynamosql {

Value date_value(Date d);
Value time_value(Time t);
Value timestamp_value(Timestamp t);
Value interval_value(const Interval& i);

// `v` as a value of the date type `to` (canonical text); NULL stays NULL. `strict`: what does not
// read as one is 22007/22008 at `site` (CAST); otherwise NULL.
Value to_datetime(const Value& v, SqlType to, bool strict, const CallSite& site);
// A value of the date type `from` as a number: epoch seconds (DATE, TIMESTAMP), seconds since midnight
// (TIME), the interval's EXTRACT(EPOCH ...). Exact.
Number datetime_number(const Value& v, SqlType from, const CallSite& site);

// The type of `a op b` when either side is a date type and the pair has a meaning (PostgreSQL's:
// date + integer = date, date - date = integer days, timestamp - timestamp = interval, date + interval
// = timestamp, ...); nullopt when neither side is a date type; 42883 at `site` when one is but the
// pair has no meaning.
std::optional<SqlType> datetime_arithmetic_type(ArithmeticOp op, SqlType a, SqlType b, const CallSite& site);
// Evaluates it; `a` and `b` are non-NULL values of the types given.
Value datetime_arithmetic(ArithmeticOp op, const Value& a, SqlType ta, const Value& b, SqlType tb, const CallSite& site);
// INTERVAL comparison by length (a month is 30 days): NULL or Bool, as compare_values.
Value compare_intervals(CompareOp op, const Value& a, const Value& b, const CallSite& site);

// The value a timestamp-taking function reads (TIMESTAMP, DATE or ISO text); nullopt for NULL and for
// what does not read as a timestamp.
std::optional<Timestamp> read_timestamp(const Value& v);

}  // namespace dynamosql
