// Errors of functions and operators, positioned at the expression; see call_site.h.
#include "function/call_site.h"

#include "dynamosql/error.h"

namespace dynamosql {

void CallSite::fail(const char* state, const std::string& message) const { fail_at(position, state, message); }

Number CallSite::number(const Value& v) const {
  if (v.type() != ValueType::Number)
    fail(sqlstate::kInvalidCharacterValue, "'" + (text ? *text : std::string()) + "' needs a number, got " +
                                               std::string(type_descriptor(v.type())));
  return v.as_number();
}

}  // namespace dynamosql
