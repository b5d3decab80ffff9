// What the tests of work past work_memory_mb (ORDER BY, GROUP BY, DISTINCT and set operations
// spilling to disk) share: the table they read, how they see a statement's temporary files, and an
// exact comparison of a spilled answer with the in-memory one.
#pragma once

#include <string>
#include <vector>

#include "api/session.h"

namespace dynamosql::testing {

// A new table of 3,000 items of about 700 bytes (2 MB) keyed pk = 'k<i>': grp (i % 17) has ties,
// stored NULLs (i % 13 == 0) and missing attributes (i % 11 == 0); n is 38 digits, distinct, apart in
// its last four; s is '<i % 5>' and 600 f's; doc, tags, nums and flag are a document, sets, a boolean.
std::string make_spill_table(Session& session);

// The descriptors of this process open on files in the directory `dir` (unlinked ones too).
int open_files_in(const std::string& dir);

// The rows of `sql`, read to the end.
std::vector<Row> run(Session& session, const std::string& sql);

// The rows of `sql` with no budget and then with work_memory_mb = 1, the spilled run checked to hold
// temporary files in `dir` after its first batch and none once its cursor is gone.
struct InMemoryAndSpilled {
  std::vector<Row> in_memory, spilled;
};
InMemoryAndSpilled run_in_memory_and_spilled(Session& session, const std::string& sql, const std::string& dir);

// Requires `got` to be `want` row for row and exactly: each value of the same type (MISSING apart
// from NULL), spelling (numbers keep theirs) and value.
void require_same_rows(const std::vector<Row>& got, const std::vector<Row>& want);

}  // namespace dynamosql::testing
