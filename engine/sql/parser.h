// The SQL front door: text -> AST. Syntax errors are Error 42000 with line:column and the offending
// token. split_statements() (dynamosql/script.h) cuts a script at top-level semicolons with the same lexer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dynamosql/script.h"
#include "sql/ast.h"

namespace dynamosql {

std::unique_ptr<Statement> parse_statement(const std::string& sql);


}  // namespace dynamosql
