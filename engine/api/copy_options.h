// The WITH (...) options of a COPY statement (copy.cpp), shared by COPY FROM (copy_from.cpp) and
// COPY TO, and the figures of their summaries.
#pragma once

#include <optional>
#include <string>

#include "copy/copy_format.h"
#include "sql/ast.h"

namespace dynamosql {

struct CopyOptions {
  CopyFormat format = CopyFormat::Csv;
  bool header = true;
  char delimiter = ',';
  bool stop_on_error = true;
  std::string reject_file;
  std::string checkpoint;
  double rows_per_second = 0;
  double write_units_per_second = 0;
  // COPY TO: replace the session's read limits and budget for this COPY (0: the session's).
  double read_rows_per_second = 0, read_units_per_second = 0, max_read_units = 0;
  int concurrency = 8;
  std::optional<int> scan_segment, scan_total_segments;  // COPY TO: replace the session's for this COPY
};

// The options of a COPY statement; errors (22023, 42601) point at the statement.
CopyOptions copy_options(const Statement& s);

// "1234 rows/s" and "2.5 s", for summaries.
std::string rate_text(int64_t rows, double seconds);
std::string seconds_text(double seconds);

}  // namespace dynamosql
