// Scripts: a text of several statements cut at its top-level semicolons by the SQL lexer itself, so
// quotes and comments holding ';' are handled exactly as the parser sees them (the console's -f, -c
// and interactive input).
#pragma once

#include <string>
#include <vector>

namespace dynamosql {

struct StatementText {
  std::string text;  // without the terminating ';'
  int line = 1;      // where it starts in the script
  bool complete = true;  // false when the script ended before a ';' (the console waits for more)
};
std::vector<StatementText> split_statements(const std::string& script);

}  // namespace dynamosql
