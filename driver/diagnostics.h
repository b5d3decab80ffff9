// Diagnostic records: what SQLGetDiagRec/SQLGetDiagField/SQLError read. Each handle owns one list;
// the call boundary (boundary.h) clears it when a new call starts and fills it from an engine Error.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "dynamosql/error.h"

namespace dynamosql::odbc {

struct DiagRecord {
  std::string sqlstate;  // five characters
  std::string message;   // "[dynamosql] ..."
  SQLINTEGER native = 0;
  SQLLEN row = SQL_NO_ROW_NUMBER;
  SQLINTEGER column = SQL_NO_COLUMN_NUMBER;
};

class Diagnostics {
 public:
  void clear() {
    records_.clear();
    return_code_ = SQL_SUCCESS;
    error_cursor_ = 0;
  }
  void add(std::string sqlstate, std::string message);
  // Message with position ("(1:8)") and detail lines, as the console shows it.
  void add(const Error& error);
  const std::vector<DiagRecord>& records() const { return records_; }
  // SQLError (ODBC 2) hands out each record once.
  const DiagRecord* next_for_sql_error() {
    return error_cursor_ < records_.size() ? &records_[error_cursor_++] : nullptr;
  }
  SQLRETURN return_code() const { return return_code_; }
  void set_return_code(SQLRETURN rc) { return_code_ = rc; }

 private:
  std::vector<DiagRecord> records_;
  SQLRETURN return_code_ = SQL_SUCCESS;
  size_t error_cursor_ = 0;
};

// "ISO 9075" for SQLSTATE classes the SQL standard defines, else "ODBC 3.0" (SQL_DIAG_CLASS_ORIGIN).
const char* class_origin(const std::string& sqlstate);
const char* subclass_origin(const std::string& sqlstate);

}  // namespace dynamosql::odbc
