// GROUP BY past work_memory_mb, for real against DynamoDB Local: the rows of groups that do not fit go
// to partition files and are aggregated partition by partition, and the answer is exactly the
// in-memory one (exact 38-digit sums, AVG, MIN/MAX, COUNT DISTINCT, STRING_AGG with ORDER BY, FILTER,
// ROLLUP with GROUPING), in another order; its files live only while the statement does and go where
// temp_directory says; spill_to_disk = false fails with 53200 as before; temp_file_limit_mb is 53400.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "api/session.h"
#include "dynamosql/error.h"
#include "support/spill_table.h"
#include "support/test_env.h"
#include "support/test_tables.h"

using namespace dynamosql;
namespace fs = std::filesystem;

using testing::run;

namespace {

// The rows in one order (every column, by Value::compare): a GROUP BY without ORDER BY gives its
// groups in another order once it spills.
std::vector<Row> sorted(std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    for (size_t c = 0; c < a.size(); ++c)
      if (int d = a[c].compare(b[c])) return d < 0;
    return false;
  });
  return rows;
}

// The EXPLAIN ANALYZE of `sql`, one line after another.
std::string explain_analyze(Session& session, const std::string& sql) {
  std::string text;
  for (const auto& row : run(session, "EXPLAIN ANALYZE " + sql)) text += row[0].text() + "\n";
  return text;
}

// The SQLSTATE `sql` fails with; "" when it does not.
std::string failure_of(Session& session, const std::string& sql) {
  try {
    run(session, sql);
  } catch (const Error& e) {
    return e.sqlstate();
  }
  return "";
}

}  // namespace

TEST_CASE("group spill: past work_memory_mb GROUP BY aggregates partitions on disk, as in memory", "[integration][group_spill]") {
  Session session(testing::local_session_settings());
  testing::DropAtEnd drop(session);
  const std::string table = drop(testing::make_spill_table(session));
  const std::string dir = testing::scratch_dir();
  run(session, "SET scan_segments = 1");  // one arrival order: STRING_AGG without ORDER BY follows it
  run(session, "SET temp_directory = '" + dir + "'");
  // About 2,000 groups of a 600-byte key: 1.5 MB of groups, most with 1 row, some with up to 10.
  const std::string by = " FROM " + table + " GROUP BY s, SUBSTR(pk, 1, 4)";

  SECTION("the spilled answer is the in-memory one, row for row") {
    for (const std::string select :
         {"s, SUBSTR(pk, 1, 4), COUNT(*), COUNT(grp), SUM(n), MIN(n), MAX(n), AVG(n), MAX(doc), MIN(flag)",
          "s, SUBSTR(pk, 1, 4), COUNT(DISTINCT grp), STRING_AGG(pk, ',' ORDER BY n DESC), SUM(n) FILTER (WHERE flag)",
          "SUBSTR(pk, 1, 4), STRING_AGG(CAST(grp AS VARCHAR), ';'), COUNT(*) FILTER (WHERE grp IS NULL)"}) {
      const std::string sql = "SELECT " + select + by;
      INFO(sql);
      const auto [in_memory, spilled] = testing::run_in_memory_and_spilled(session, sql, dir);
      REQUIRE(in_memory.size() > 1500);
      CHECK(spilled != in_memory);  // another order
      testing::require_same_rows(sorted(spilled), sorted(in_memory));
    }
    CHECK(fs::is_empty(dir));
  }

  SECTION("DISTINCT, UNION, INTERSECT and EXCEPT spill too, with the in-memory rows") {
    const std::string t = " FROM " + table;
    for (const std::string& sql :
         {"SELECT DISTINCT s, SUBSTR(pk, 1, 4), grp" + t, "SELECT s, SUBSTR(pk, 1, 4)" + t + " UNION SELECT s, SUBSTR(pk, 1, 3)" + t,
          "SELECT s, SUBSTR(pk, 1, 4), grp" + t + " INTERSECT SELECT s, SUBSTR(pk, 1, 4), grp" + t + " WHERE flag",
          "SELECT s, SUBSTR(pk, 1, 4), grp" + t + " EXCEPT SELECT s, SUBSTR(pk, 1, 4), grp" + t + " WHERE flag",
          "SELECT s, SUBSTR(pk, 1, 3), grp" + t + " INTERSECT ALL SELECT s, SUBSTR(pk, 1, 3), grp" + t + " WHERE NOT flag",
          "SELECT s, SUBSTR(pk, 1, 3), grp" + t + " EXCEPT ALL SELECT s, SUBSTR(pk, 1, 3), grp" + t + " WHERE NOT flag"}) {
      INFO(sql);
      const auto [in_memory, spilled] = testing::run_in_memory_and_spilled(session, sql, dir);
      REQUIRE(in_memory.size() > 1000);
      testing::require_same_rows(sorted(spilled), sorted(in_memory));
    }
    CHECK_THAT(explain_analyze(session, "SELECT DISTINCT s, SUBSTR(pk, 1, 4), grp" + t), Catch::Contains("Distinct (spilled 16 partitions, "));
    CHECK_THAT(explain_analyze(session, "SELECT s, pk" + t + " EXCEPT SELECT s, pk" + t + " WHERE flag"),
               Catch::Contains("Except (spilled 16 partitions, "));
  }

  SECTION("ROLLUP and GROUPING: each set's groups spill by their own key") {
    const std::string sql = "SELECT s, SUBSTR(pk, 1, 4), GROUPING(s, SUBSTR(pk, 1, 4)), COUNT(*), SUM(n), MIN(pk) FROM " + table +
                            " GROUP BY ROLLUP (s, SUBSTR(pk, 1, 4))";
    run(session, "SET work_memory_mb = 0");
    const std::vector<Row> in_memory = run(session, sql);
    run(session, "SET work_memory_mb = 1");
    const std::vector<Row> spilled = run(session, sql);
    REQUIRE(in_memory.size() > 1500);
    testing::require_same_rows(sorted(spilled), sorted(in_memory));
    CHECK_THAT(explain_analyze(session, sql), Catch::Contains("(spilled 16 partitions, "));
  }

  SECTION("EXPLAIN ANALYZE says what was spilled; ORDER BY above it sorts the groups of every partition") {
    run(session, "SET work_memory_mb = 1");
    const std::string sql = "SELECT s, SUBSTR(pk, 1, 4) AS p, SUM(n) AS total" + by + " ORDER BY total DESC, p, s";
    const std::string text = explain_analyze(session, sql);
    INFO(text);
    CHECK_THAT(text, Catch::Matches("(.|\n)*Aggregate group=\\[s, SUBSTR\\(pk, 1, 4\\)\\] \\[sum\\(n\\)\\] "
                                    "\\(spilled 16 partitions, [0-9]+ KB written\\)(.|\n)*"));
    const std::vector<Row> spilled = run(session, sql);
    run(session, "SET work_memory_mb = 0");
    CHECK_THAT(explain_analyze(session, sql), !Catch::Contains("spilled"));
    testing::require_same_rows(spilled, run(session, sql));
  }

  SECTION("spill_to_disk = false fails with 53200 as before") {
    run(session, "SET work_memory_mb = 1");
    run(session, "SET spill_to_disk = false");
    CHECK_THROWS_WITH(run(session, "SELECT COUNT(*)" + by), Catch::Contains("work_memory_mb = 1 MB"));
    run(session, "SET spill_to_disk = true");
  }

  SECTION("temp_file_limit_mb fails the statement with 53400, a full disk with 53100; both close their files") {
    run(session, "SET work_memory_mb = 1");
    run(session, "SET temp_file_limit_mb = 1");
    CHECK(failure_of(session, "SELECT MAX(doc), MAX(tags), COUNT(*) FROM " + table + " GROUP BY s, pk") == "53400");
    CHECK(testing::open_files_in(dir) == 0);
    run(session, "SET temp_file_limit_mb = 0");
    run(session, "SET temp_directory = '" + dir + "/absent'");
    CHECK(failure_of(session, "SELECT COUNT(*)" + by) == "53100");
    run(session, "SET temp_directory = '" + dir + "'");
  }

  SECTION("cancelled while grouping or between partitions: the files go with the statement") {
    run(session, "SET work_memory_mb = 1");
    auto cursor = session.execute("SELECT COUNT(*)" + by);
    session.cancel();
    RowBatch batch;
    CHECK_THROWS_WITH(cursor->fetch(batch), Catch::Contains("cancelled"));
    cursor.reset();
    CHECK(testing::open_files_in(dir) == 0);
    session.clear_cancel();
    cursor = session.execute("SELECT COUNT(*)" + by);
    REQUIRE(cursor->fetch(batch));
    CHECK(testing::open_files_in(dir) > 0);
    session.cancel();
    CHECK_THROWS_WITH(cursor->fetch_all(), Catch::Contains("cancelled"));
    cursor.reset();
    CHECK(testing::open_files_in(dir) == 0);
    session.clear_cancel();
  }
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}
