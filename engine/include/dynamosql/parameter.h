// What a prepared statement expects of one of its `?` parameters, from where it stands:
// PreparedStatement::describe_parameters() returns one per parameter (ODBC's SQLDescribeParam).
//   compared with a key attribute (=, <>, <, ..., BETWEEN, IN): the key's declared type (S, N, B);
//   compared with another column or expression: its type, when known (a JSON column says nothing);
//   an operand of + - * / % or of unary minus: DECIMAL; of LIKE or ||: VARCHAR;
//   a function argument: what the function says of that position (SUBSTR's start: DECIMAL, ...);
//   inserted into or assigned to a column: that column's type, as in a comparison;
//   LIMIT and OFFSET: BIGINT;
//   anywhere else: VARCHAR, not known (the value is used as bound).
// At execution a value is converted to what its parameter expects: text where a number is expected is
// parsed exactly (22018 naming the parameter when it is not a number), a number where text is expected
// becomes its text, text or a number where a boolean is expected becomes one. So a number attribute is
// never compared with a string silently.
#pragma once

#include <optional>

#include "dynamosql/sql_type.h"

namespace dynamosql {

struct ParameterDescription {
  SqlType type = SqlType::Varchar;
  std::optional<int> precision;  // DECIMAL: 38 digits; BIGINT: 19; unknown otherwise
  std::optional<int> scale;      // BIGINT: 0; unknown otherwise (a DECIMAL of any scale is taken exactly)
  bool known = false;            // false: nothing in the statement says; VARCHAR, and the value is used as bound
};

}  // namespace dynamosql
