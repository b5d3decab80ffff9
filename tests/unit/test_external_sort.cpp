// The Sort's runs on disk (exec/external_sort.h) and the row encoding they share with the static
// cursor (dynamosql/row_file.h): entries come back in order and exact, ties in input order, across
// many runs and merge levels; the files are unlinked and closed (no descriptor left once the runs
// go), mode 0600, counted against temp_file_limit_mb (53400) and a full disk is 53100.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "dynamosql/error.h"
#include "dynamosql/row_file.h"
#include "exec/external_sort.h"
#include "support/temp_files.h"
#include "support/test_env.h"

using namespace dynamosql;
namespace fs = std::filesystem;

namespace {

// A context spilling to `dir` with a budget of 1 MB.
void spill_to(ExecContext& ctx, const std::string& dir) {
  ctx.temp_directory = dir;
  ctx.work_memory_budget = 1 << 20;
}

// Entry k: key k / 7 (so ties), a row of every kind of value carrying k.
SortEntry entry(size_t k) {
  const std::string n = std::to_string(k);
  SortEntry e;
  e.key = {Value::number_text(std::to_string(k / 7))};
  e.row = {Value::number_text(n),
           Value::number_text("12345678901234567890123456789012345678E-" + n),
           k % 3 == 0 ? Value::missing() : k % 3 == 1 ? Value::null() : Value::string("s" + n),
           Value::binary(std::string("\0\xff", 2) + n),
           Value::map({{"a", Value::list({Value::number_text(n), Value::null()})}, {"s", Value::string_set({n, "x"})}}),
           Value::number_set({Number::from_text(n), Number::from_text("0.5")}),
           Value::binary_set({n, std::string(1, '\0')}),
           Value::interval(n + " days", static_cast<IntervalLength>(k) * 86400000000LL)};
  return e;
}

int by_number(const Row& a, const Row& b) { return a[0].compare(b[0]); }

// Writes entries 0 .. total - 1 as runs of `per_run` entries, each sorted by key (ties in order), the
// runs interleaving keys: run r holds the entries k with k % runs == r. Returns every entry in input
// order (run by run).
std::vector<SortEntry> write_interleaved(SortRuns& runs, size_t total, size_t per_run) {
  const size_t run_count = (total + per_run - 1) / per_run;
  std::vector<SortEntry> input;
  for (size_t r = 0; r < run_count; ++r) {
    std::vector<SortEntry> run;
    for (size_t k = r; k < total; k += run_count) run.push_back(entry(k));
    input.insert(input.end(), run.begin(), run.end());
    runs.write_run(run);
  }
  return input;
}

}  // namespace

TEST_CASE("row file: every value type round-trips exactly", "[external_sort]") {
  std::string bytes;
  for (size_t k = 0; k < 50; ++k) encode_row(bytes, entry(k).row);
  RowDecoder decoder(bytes.data(), bytes.size());
  for (size_t k = 0; k < 50; ++k) REQUIRE(decoder.row() == entry(k).row);
  CHECK(decoder.done());
  const Row with_interval = entry(3).row;
  bytes.clear();
  encode_row(bytes, with_interval);
  const Value back = RowDecoder(bytes.data(), bytes.size()).row().back();
  CHECK(back.is_interval());  // compares by its length, not its text
  CHECK(back.interval_length() == with_interval.back().interval_length());
  CHECK(back.text() == "3 days");
  RowDecoder cut(bytes.data(), 5);
  CHECK_THROWS_AS(cut.row(), Error);  // damaged bytes are an error, never read past the buffer
}

TEST_CASE("row file: the temporary file is mode 0600, unlinked at once and closed with its owner", "[external_sort]") {
  const std::string dir = testing::scratch_dir();
  {
    TemporaryFile file(dir, "sort");
    CHECK(fs::is_empty(dir));
    CHECK(testing::open_files_under(dir + "/dynamosql-sort-") == 1);
    struct stat st {};
    CHECK(file.append("hello") == 0);
    CHECK(file.append(" world") == 5);
    std::string back;
    file.read(2, 7, back);
    CHECK(back == "llo wor");
    // The descriptor's file: only its owner may read it.
    for (const auto& fd : fs::directory_iterator("/proc/self/fd")) {
      std::error_code error;
      if (fs::read_symlink(fd.path(), error).string().rfind(dir, 0) == 0) {
        REQUIRE(stat(fd.path().c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
      }
    }
  }
  CHECK(testing::open_files_under(dir) == 0);
  CHECK_THROWS_WITH(TemporaryFile(dir + "/absent", "sort"), Catch::Contains("cannot create a temporary file in"));
  fs::remove_all(dir);
}

TEST_CASE("external sort: runs merge in order, ties in input order, through several merge levels", "[external_sort]") {
  const std::string dir = testing::scratch_dir();
  ExecContext ctx;
  spill_to(ctx, dir);
  constexpr size_t kTotal = 20000;
  {
    SortRuns runs(ctx, by_number);
    // 20000 / 15 = 1334 runs: merged 32 at a time as they come, then again at the end.
    std::vector<SortEntry> input = write_interleaved(runs, kTotal, 15);
    CHECK(runs.runs_written() == 1334);
    CHECK(testing::open_files_under(dir) < 3 * static_cast<int>(SortRuns::kMergeWidth));
    CHECK(ctx.temp_file_used > 0);
    std::vector<SortEntry> rest;  // held in memory, after every run: its ties come after theirs
    rest.push_back(entry(3));
    rest.back().row[0] = Value::string("last");
    input.push_back(rest.back());
    runs.start_merge(std::move(rest));
    RowBatch out;
    while (runs.next(out)) {
    }
    // What a stable sort of the input in memory gives.
    std::stable_sort(input.begin(), input.end(), [](const SortEntry& a, const SortEntry& b) { return by_number(a.key, b.key) < 0; });
    REQUIRE(out.size() == input.size());
    for (size_t i = 0; i < input.size(); ++i) {
      INFO(i);
      REQUIRE(out[i] == input[i].row);
    }
    CHECK(out[7][0] == Value::string("last"));
  }
  CHECK(ctx.temp_file_used == 0);
  CHECK(testing::open_files_under(dir) == 0);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST_CASE("external sort: temp_file_limit_mb is 53400, a full disk 53100; both close every file", "[external_sort]") {
  const std::string dir = testing::scratch_dir();
  ExecContext ctx;
  spill_to(ctx, dir);
  SECTION("the limit") {
    ctx.temp_file_limit = 1 << 20;
    std::string state;
    try {
      SortRuns runs(ctx, by_number);
      write_interleaved(runs, 20000, 100);
    } catch (const Error& e) {
      state = e.sqlstate();
      CHECK_THAT(e.what(), Catch::Contains("temp_file_limit_mb = 1 MB"));
    }
    CHECK(state == "53400");
  }
  SECTION("a full disk") {
    std::string state, message;
    try {
      testing::FileSizeLimit full_disk(64 * 1024);
      SortRuns runs(ctx, by_number);
      write_interleaved(runs, 20000, 1000);
    } catch (const Error& e) {
      state = e.sqlstate();
      message = e.what();
    }
    CHECK(state == "53100");
    CHECK_THAT(message, Catch::Contains("sort: cannot write its temporary file in " + dir));
  }
  CHECK(ctx.temp_file_used == 0);
  CHECK(testing::open_files_under(dir) == 0);
  fs::remove_all(dir);
}
