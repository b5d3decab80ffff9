// The console's statement runner: executes SQL text statement by statement, prints results in the
// chosen format, prints errors as `ERROR <SQLSTATE>: message (line:column)` on stderr, handles the
// backslash commands (\timing, \format, \help, \q), and shows scan progress on a terminal.
#pragma once

#include <string>

#include "dynamosql/session.h"
#include "result_printer.h"

namespace dynamosql {

class Console {
 public:
  Console(Session& session, OutputFormat format, bool progress) : session_(session), format_(format), progress_(progress) {}

  // Runs every complete statement of `script` (starting at `first_line` of its source); returns false
  // if one failed. With stop_on_error, stops at the first failure.
  bool run_script(const std::string& script, bool stop_on_error, int first_line = 1);
  // A backslash command; returns false for \q.
  bool run_command(const std::string& line);
  bool failed() const { return failed_; }

 private:
  bool run_statement(const std::string& sql, int line);

  Session& session_;
  OutputFormat format_;
  bool progress_;
  bool timing_ = false;
  bool failed_ = false;
};

// Help text for \help.
const char* console_help();

}  // namespace dynamosql
