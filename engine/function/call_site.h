// Where a function or operator is being evaluated: its source text and line:column, so a bad argument's
// error names the expression the user wrote ("'name + 1' needs a number, got S (1:8)").
#pragma once

#include <string>

#include "dynamosql/value.h"
#include "sql/ast.h"

namespace dynamosql {

struct CallSite {
  Position position;
  const std::string* text = nullptr;  // the expression's source text

  [[noreturn]] void fail(const char* state, const std::string& message) const;
  // `v` as a number; 22018 naming the expression when it is not one.
  Number number(const Value& v) const;
};

}  // namespace dynamosql
