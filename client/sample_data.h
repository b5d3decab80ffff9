// The sample dataset the README's first command loads into the embedded DynamoDB Local: a small shop
// with customers, orders (a GSI, an LSI and a stream) and products, with exact decimals, nested
// documents, sets, a stored NULL and attributes missing from some items.
#pragma once

#include <cstdint>

#include "dynamosql/session.h"

namespace dynamosql {

// Creates the sample tables (skipping any that exist) and fills them through `session`'s SQL. Returns
// the number of items written.
int64_t load_sample_data(Session& session);

}  // namespace dynamosql
