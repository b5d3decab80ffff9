// Printing result sets: aligned table (psql-like), CSV (RFC 4180: header row, CRLF, NULL as an empty
// field), JSON (one array) and JSON lines (one object per row). JSON keeps numbers exact, prints maps
// and lists as JSON, sets as arrays and binary as base64.
#pragma once

#include <cstdio>
#include <string>

#include "dynamosql/session.h"

namespace dynamosql {

enum class OutputFormat { Table, Csv, Json, Jsonl };

// Streams the cursor to `out`; returns the number of rows printed.
uint64_t print_result(Cursor& cursor, OutputFormat format, FILE* out);

}  // namespace dynamosql
