// The spill tests' table and checks; see spill_table.h.
#include "support/spill_table.h"

#include <catch2/catch.hpp>

#include "support/temp_files.h"
#include "support/test_env.h"
#include "support/test_tables.h"

namespace dynamosql::testing {

std::string make_spill_table(Session& session) {
  const std::string table = unique_name("spill");
  create_table(session, table);
  std::string values;
  const std::string filler(600, 'f');
  for (int i = 0; i < 3000; ++i) {
    const std::string k = std::to_string(i);
    std::string grp = i % 11 == 0 ? "" : i % 13 == 0 ? "'grp': NULL, " : "'grp': " + std::to_string(i % 17) + ", ";
    values += std::string(values.empty() ? "" : ", ") + "{'pk': 'k" + k + "', " + grp + "'n': 1234567890123456789012345678901234" +
              std::to_string(1000 + (i * 7919) % 3000) + ", 's': '" + std::to_string(i % 5) + filler +
              "', 'doc': {'i': " + k + ", 'l': ['x', NULL]}, 'tags': <<'a" + k + "', 'b'>>, 'nums': <<" + k +
              ", 0.5>>, 'flag': " + (i % 2 ? "true" : "false") + "}";
    if ((i + 1) % 250 == 0) {
      session.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
      values.clear();
    }
  }
  return table;
}

int open_files_in(const std::string& dir) { return open_files_under(dir + "/"); }

std::vector<Row> run(Session& session, const std::string& sql) { return session.execute(sql)->fetch_all(); }

InMemoryAndSpilled run_in_memory_and_spilled(Session& session, const std::string& sql, const std::string& dir) {
  InMemoryAndSpilled out;
  run(session, "SET work_memory_mb = 0");
  out.in_memory = run(session, sql);
  run(session, "SET work_memory_mb = 1");
  auto cursor = session.execute(sql);
  REQUIRE(cursor->fetch(out.spilled));
  CHECK(open_files_in(dir) > 0);  // its sorted runs or partitions, not all read yet
  while (cursor->fetch(out.spilled)) {
  }
  cursor.reset();
  CHECK(open_files_in(dir) == 0);
  return out;
}

void require_same_rows(const std::vector<Row>& got, const std::vector<Row>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("row " << i);
    REQUIRE(got[i].size() == want[i].size());
    for (size_t c = 0; c < got[i].size(); ++c) {
      REQUIRE(got[i][c].type() == want[i][c].type());  // missing stays apart from NULL
      REQUIRE(got[i][c].text() == want[i][c].text());  // numbers keep their spelling
      REQUIRE(got[i][c] == want[i][c]);
    }
  }
}

}  // namespace dynamosql::testing
