// The SQL front door: text -> AST. Syntax errors are Error 42000 with line:column and the offending
// token. split_statements() cuts a script at top-level semicolons using the same lexer, so quotes and
// comments containing ';' are handled exactly as the parser sees them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast.h"

namespace dynamosql {

std::unique_ptr<Statement> parse_statement(const std::string& sql);

struct StatementText {
  std::string text;  // without the terminating ';'
  int line = 1;      // where it starts in the script
  bool complete = true;  // false when the script ended before a ';' (the console waits for more)
};
std::vector<StatementText> split_statements(const std::string& script);

}  // namespace dynamosql
