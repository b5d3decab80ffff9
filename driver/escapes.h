// ODBC escape sequences, rewritten into dynamosql's dialect before the engine parses a statement:
//   {fn NAME(args)}        -> NAME(args); {fn CONVERT(x, SQL_VARCHAR)} -> CAST(x AS VARCHAR)
//   {d '...'} {t '...'} {ts '...'}  -> the quoted text (DynamoDB keeps dates as ISO 8601 strings)
//   {oj a LEFT OUTER JOIN b ON ...} -> the join
//   {escape 'c'}           -> ESCAPE 'c'
//   {guid '...'}           -> the quoted text
// Escapes nest ({fn UCASE({fn LTRIM(x)})}). Text inside quotes and comments is left alone.
// Procedure calls ({call ...}) and intervals are 0A000 errors.
#pragma once

#include <string>

namespace dynamosql::odbc {

std::string translate_escapes(const std::string& sql);

}  // namespace dynamosql::odbc
