// Diagnostic records; see diagnostics.h.
#include "diagnostics.h"

#include <cstring>

namespace dynamosql::odbc {

void Diagnostics::add(std::string sqlstate, std::string message) {
  DiagRecord record;
  record.sqlstate = std::move(sqlstate);
  record.message = "[dynamosql] " + message;
  records_.push_back(std::move(record));
}

void Diagnostics::add(const Error& error) {
  std::string message = error.what();
  if (error.line() > 0) message += " (" + std::to_string(error.line()) + ":" + std::to_string(error.column()) + ")";
  for (const auto& detail : error.details()) message += "\n  " + detail;
  add(error.sqlstate(), std::move(message));
}

const char* class_origin(const std::string& sqlstate) {
  // Classes defined by ISO SQL; the rest (IM, HY, 01S, ...) come from ODBC.
  static const char* kIsoClasses[] = {"01", "02", "07", "08", "0A", "21", "22", "23", "24", "25",
                                      "28", "2D", "34", "3C", "3D", "40", "42", "44"};
  if (sqlstate.size() < 2) return "ODBC 3.0";
  for (const char* c : kIsoClasses)
    if (sqlstate.compare(0, 2, c) == 0) return "ISO 9075";
  return "ODBC 3.0";
}

const char* subclass_origin(const std::string& sqlstate) {
  if (std::strcmp(class_origin(sqlstate), "ODBC 3.0") == 0) return "ODBC 3.0";
  // ISO classes with ODBC-defined subclasses (01S00, 07S01, 08S01, 21S01, 42S02, HYxxx...).
  if (sqlstate.size() == 5 && sqlstate[2] == 'S') return "ODBC 3.0";
  return "ISO 9075";
}

}  // namespace dynamosql::odbc
