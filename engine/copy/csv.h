// CSV as RFC 4180 writes it: fields separated by a delimiter, quoted with '"' when they contain the
// delimiter, a quote or a line break ("" inside quotes is one quote), records ending in CRLF or LF.
// A quoted field may span lines. Whether a field was quoted matters to COPY: an unquoted empty field
// is an absent attribute, a quoted empty field ("") an empty string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dynamosql/text.h"  // append_csv_field

namespace dynamosql {

struct CsvFields {
  std::vector<std::string> values;
  std::vector<bool> quoted;
};

// Parses one record from `text` (which may end in a line break). Returns false when `text` ends inside
// a quoted field: the record continues on the next line.
bool parse_csv_record(std::string_view text, char delimiter, CsvFields& out);

}  // namespace dynamosql
