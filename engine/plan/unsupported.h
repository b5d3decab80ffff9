// The syntax the parser accepts but the planner does not implement yet (issue 16: WITH RECURSIVE,
// ROLLUP, SIMILAR TO, ...). Checked on the whole statement before anything is planned or run, so such
// a statement is error 0A000 "... is not supported yet" at the construct's line:column, never a silent
// wrong answer. As the binder implements a construct, its check is removed from here.
#pragma once

#include "sql/ast.h"

namespace dynamosql {

void reject_unsupported(const Statement& statement);

}  // namespace dynamosql
