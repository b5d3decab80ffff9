// GROUP BY's partitions on disk (exec/group_spill.h) with budgets too small for DynamoDB Local to
// reach: partitions that alone pass the budget split again by the next level's hash and the answer
// stays exactly the in-memory one; one group that cannot fit is refused with 53200; every file is
// closed once the operator is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "dynamosql/error.h"
#include "exec/operators.h"
#include "exec/sources.h"
#include "function/function.h"
#include "support/temp_files.h"
#include "support/test_env.h"

using namespace dynamosql;
namespace fs = std::filesystem;

namespace {

BoundExprPtr column(int slot, SqlType type, const std::string& name) { return make_slot_ref(slot, type, name, Position{}); }

// Rows [g, v]: `groups` groups of a 100-byte key, g = i % groups; v a 38-digit number.
std::vector<Row> input(size_t rows, size_t groups) {
  std::vector<Row> out;
  for (size_t i = 0; i < rows; ++i)
    out.push_back({Value::string(std::string(100, 'g') + std::to_string(i % groups)),
                   Value::number_text("1234567890123456789012345678901234" + std::to_string(1000 + i % 9000))});
  return out;
}

// SELECT g, SUM(v), COUNT(DISTINCT v), STRING_AGG(v, ',' ORDER BY v DESC) ... GROUP BY g.
std::unique_ptr<AggregateOperator> aggregate(std::vector<Row> rows) {
  std::vector<OutputColumn> in{{"g", "", SqlType::Varchar}, {"v", "", SqlType::Decimal}};
  const auto& functions = FunctionRegistry::instance();
  std::vector<BoundAggregate> aggregates(3);
  aggregates[0].function = functions.lookup("sum");
  aggregates[0].argument = column(1, SqlType::Decimal, "v");
  aggregates[1].function = functions.lookup("count");
  aggregates[1].argument = column(1, SqlType::Decimal, "v");
  aggregates[1].distinct = true;
  aggregates[2].function = functions.lookup("string_agg");
  aggregates[2].argument = column(1, SqlType::Decimal, "v");
  aggregates[2].more.push_back(make_constant(Value::string(","), Position{}, "','"));
  aggregates[2].order.push_back(column(1, SqlType::Decimal, "v"));
  aggregates[2].descending = {true};
  aggregates[2].nulls_first = {true};
  std::vector<BoundExprPtr> groups;
  groups.push_back(column(0, SqlType::Varchar, "g"));
  std::vector<OutputColumn> out{{"g", "", SqlType::Varchar}, {"sum", "", SqlType::Decimal}, {"count", "", SqlType::Bigint}, {"string_agg", "", SqlType::Varchar}};
  return std::make_unique<AggregateOperator>(std::make_unique<RowsSource>(in, std::move(rows), "Rows"), std::move(groups),
                                             std::move(aggregates), out);
}

std::vector<Row> run_sorted(Operator& op, ExecContext& ctx) {
  std::vector<Row> rows;
  op.open(ctx);
  RowBatch batch;
  while (op.next(batch)) {
    for (auto& row : batch) rows.push_back(std::move(row));
    batch.clear();
  }
  op.close();
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a[0].compare(b[0]) < 0; });
  return rows;
}

}  // namespace

TEST_CASE("group spill: partitions past the budget split again; the answer is the in-memory one", "[group_spill]") {
  const std::string dir = testing::scratch_dir();
  ExecContext unlimited;
  auto op = aggregate(input(40000, 20000));
  const std::vector<Row> in_memory = run_sorted(*op, unlimited);
  REQUIRE(in_memory.size() == 20000);
  CHECK(in_memory[0][3].text() == "1234567890123456789012345678901234" + std::to_string(1000 + 20000 % 9000) + "," +
                                      "1234567890123456789012345678901234" + std::to_string(1000));

  ExecContext ctx;
  ctx.temp_directory = dir;
  ctx.work_memory_budget = 256 << 10;  // about 700 groups of 20,000 a pass: partitions of 1,250 split again
  auto spilled_op = aggregate(input(40000, 20000));
  const std::vector<Row> spilled = run_sorted(*spilled_op, ctx);
  REQUIRE(spilled == in_memory);
  for (size_t i = 0; i < spilled.size(); ++i) REQUIRE(spilled[i][1].text() == in_memory[i][1].text());
  const std::string plan = spilled_op->describe(true);
  INFO(plan);
  const size_t partitions = std::stoul(plan.substr(plan.find("(spilled ") + 9));
  CHECK(partitions > GroupSpill::kPartitions);  // a second level
  CHECK(ctx.work_memory_used == 0);
  CHECK(ctx.temp_file_used == 0);
  CHECK(testing::open_files_under(dir) == 0);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST_CASE("group spill: a group that alone passes the budget is refused with 53200, its files closed", "[group_spill]") {
  const std::string dir = testing::scratch_dir();
  ExecContext ctx;
  ctx.temp_directory = dir;
  ctx.work_memory_budget = 256 << 10;
  auto op = aggregate(input(40000, 3));
  std::string state;
  try {
    run_sorted(*op, ctx);
  } catch (const Error& e) {
    state = e.sqlstate();
    CHECK_THAT(e.what(), Catch::Contains("work_memory_mb"));
  }
  CHECK(state == "53200");
  op->close();
  CHECK(testing::open_files_under(dir) == 0);
  fs::remove_all(dir);
}
