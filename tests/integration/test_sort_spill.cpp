// ORDER BY past work_memory_mb, for real against DynamoDB Local: the sort spills sorted runs to
// temporary files and merges them, and its answer is exactly the in-memory sort's (every value type,
// 38-digit numbers, NULL apart from missing, ties in the same order); its files live only while the
// statement does (unlinked at once, closed after success, error and cancellation) and go where
// temp_directory says; spill_to_disk = false fails with 53200 as before; temp_file_limit_mb is 53400.
#include <catch2/catch.hpp>

#include <filesystem>

#include "api/session.h"
#include "dynamosql/error.h"
#include "support/spill_table.h"
#include "support/test_env.h"
#include "support/test_tables.h"

using namespace dynamosql;
namespace fs = std::filesystem;

using testing::run;

TEST_CASE("sort spill: past work_memory_mb ORDER BY sorts on disk, as in memory", "[integration][sort_spill]") {
  Session session(testing::local_session_settings());
  testing::DropAtEnd drop(session);
  const std::string table = drop(testing::make_spill_table(session));
  const std::string dir = testing::scratch_dir();
  run(session, "SET scan_segments = 1");  // one arrival order, so ties can be compared
  run(session, "SET temp_directory = '" + dir + "'");

  SECTION("the spilled answer is the in-memory one, row for row") {
    for (const std::string order : {"grp, n", "grp DESC NULLS FIRST", "grp NULLS FIRST, s DESC", "n DESC", "s, grp DESC",
                                    "CAST(flag AS VARCHAR)", "doc"}) {
      const std::string sql = "SELECT pk, grp, n, s, doc, tags, nums, flag FROM " + table + " ORDER BY " + order;
      INFO(sql);
      const auto [in_memory, spilled] = testing::run_in_memory_and_spilled(session, sql, dir);
      REQUIRE(in_memory.size() == 3000);
      testing::require_same_rows(spilled, in_memory);
    }
    CHECK(fs::is_empty(dir));
  }

  SECTION("EXPLAIN ANALYZE says what was spilled; LIMIT keeps its top-n heap and spills nothing") {
    run(session, "SET work_memory_mb = 1");
    auto plan = run(session, "EXPLAIN ANALYZE SELECT pk, s FROM " + table + " ORDER BY s, pk");
    std::string text;
    for (const auto& row : plan) text += row[0].text() + "\n";
    INFO(text);
    CHECK_THAT(text, Catch::Matches("(.|\n)*Sort \\[s, pk\\] \\(spilled [0-9]+ runs, [0-9]+ KB written\\)(.|\n)*"));
    plan = run(session, "EXPLAIN ANALYZE SELECT pk, s FROM " + table + " ORDER BY s, pk LIMIT 5 OFFSET 995");
    text.clear();
    for (const auto& row : plan) text += row[0].text() + "\n";
    INFO(text);
    CHECK_THAT(text, Catch::Contains("top 1000  [rows=1000]"));
    CHECK_THAT(text, !Catch::Contains("spilled"));
    // 2,995 such rows do not fit: the heap goes to runs of at most 2,995 rows, the answer unchanged.
    const std::string top = "SELECT pk, s FROM " + table + " ORDER BY s DESC, pk LIMIT 5 OFFSET 2990";
    const std::vector<Row> spilled = run(session, top);
    plan = run(session, "EXPLAIN ANALYZE " + top);
    text.clear();
    for (const auto& row : plan) text += row[0].text() + "\n";
    CHECK_THAT(text, Catch::Contains("top 2995 (spilled"));
    run(session, "SET work_memory_mb = 0");
    CHECK(run(session, top) == spilled);
    REQUIRE(spilled.size() == 5);
    CHECK(testing::open_files_in(dir) == 0);
  }

  SECTION("spill_to_disk = false fails with 53200 as before") {
    run(session, "SET work_memory_mb = 1");
    run(session, "SET spill_to_disk = false");
    CHECK_THROWS_WITH(run(session, "SELECT pk FROM " + table + " ORDER BY s"), Catch::Contains("work_memory_mb = 1 MB"));
    run(session, "SET spill_to_disk = true");
  }

  SECTION("temp_file_limit_mb fails the statement with 53400 and closes its files") {
    run(session, "SET work_memory_mb = 1");
    run(session, "SET temp_file_limit_mb = 1");
    std::string state;
    try {
      run(session, "SELECT pk, s FROM " + table + " ORDER BY s");
    } catch (const Error& e) {
      state = e.sqlstate();
    }
    CHECK(state == "53400");
    CHECK(testing::open_files_in(dir) == 0);
    run(session, "SET temp_file_limit_mb = 0");
  }

  SECTION("a bad temp_directory is refused by SET, an absent one fails the sort with 53100") {
    CHECK_THROWS_WITH(run(session, "SET temp_directory = 'relative/dir'"), Catch::Contains("absolute path"));
    run(session, "SET work_memory_mb = 1");
    run(session, "SET temp_directory = '" + dir + "/absent'");
    std::string state;
    try {
      run(session, "SELECT pk, s FROM " + table + " ORDER BY s");
    } catch (const Error& e) {
      state = e.sqlstate();
      CHECK_THAT(e.what(), Catch::Contains("cannot create a temporary file in " + dir + "/absent"));
    }
    CHECK(state == "53100");
  }

  SECTION("cancelled while sorting or while merging: the files go with the statement") {
    run(session, "SET work_memory_mb = 1");
    auto cursor = session.execute("SELECT pk, s FROM " + table + " ORDER BY s");
    session.cancel();
    RowBatch batch;
    CHECK_THROWS_WITH(cursor->fetch(batch), Catch::Contains("cancelled"));
    cursor.reset();
    CHECK(testing::open_files_in(dir) == 0);
    session.clear_cancel();
    cursor = session.execute("SELECT pk, s FROM " + table + " ORDER BY s");
    REQUIRE(cursor->fetch(batch));
    CHECK(testing::open_files_in(dir) > 0);
    session.cancel();
    cursor.reset();
    CHECK(testing::open_files_in(dir) == 0);
    session.clear_cancel();
  }
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}
