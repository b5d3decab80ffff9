// Planning for the write statements: what an UPDATE or DELETE reads to find the items it writes.
#pragma once

#include <memory>

#include "bind/bound_statement.h"

namespace dynamosql {

// SELECT * FROM the modified table WHERE its condition, with whole items (`_other` included) as rows.
// `where` is the modification's condition with its parameters already replaced.
std::unique_ptr<BoundQuery> items_to_modify(const BoundModification& modification, const BoundExpr* where);

}  // namespace dynamosql
