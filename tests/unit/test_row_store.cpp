// The static cursor's row store (driver/row_store.h): rows past the memory budget go to the
// temporary file and come back exactly, every value type (Missing apart from NULL, numbers as their
// text, sets, nested documents), in any order of reading.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "dynamosql/error.h"
#include "row_store.h"
#include "support/temp_files.h"

using namespace dynamosql;

namespace {

// Row k: every kind of value, each depending on k so no two rows are alike.
Row sample_row(size_t k) {
  const std::string n = std::to_string(k);
  return Row{
      Value::string("row " + n + " Zürich 😀"),
      Value::number_text("1234567890123456789012345678901234567" + n.substr(0, 1) + "E-" + n),
      k % 3 == 0 ? Value::missing() : k % 3 == 1 ? Value::null() : Value::boolean(k % 2 == 0),
      Value::binary(std::string("\0\xff", 2) + n),
      Value::list({Value::number_text(n), Value::string(n), Value::null()}),
      Value::map({{"a", Value::number_text(n)}, {"nested", Value::map({{"s", Value::string_set({n, "x"})}})}}),
      Value::number_set({Number::from_text(n), Number::from_text("0.5")}),
      Value::binary_set({n, std::string(1, '\0')}),
      Value::string(std::string(k % 50, 'y')),
  };
}

}  // namespace

TEST_CASE("row store: rows past the budget are spilled and read back exactly", "[row_store]") {
  constexpr size_t kRows = 5000;
  odbc::RowStore store(64 * 1024);  // a few dozen rows in memory
  for (size_t k = 0; k < kRows; ++k) store.append(sample_row(k));
  CHECK(store.size() == kRows);
  CHECK(store.spilled() > kRows - 200);
  CHECK(store.spilled() < kRows);
  Row row;
  for (size_t k = 0; k < kRows; ++k) {  // forward
    store.get(k, row);
    REQUIRE(row == sample_row(k));
  }
  for (size_t k = kRows; k-- > 0;) {  // backward
    store.get(k, row);
    REQUIRE(row == sample_row(k));
  }
  std::srand(7);
  for (int i = 0; i < 2000; ++i) {  // anywhere
    const size_t k = static_cast<size_t>(std::rand()) % kRows;
    store.get(k, row);
    REQUIRE(row == sample_row(k));
  }
  // Missing stays apart from NULL, and a number keeps its spelling.
  static_assert(kRows % 3 == 2);
  store.get(kRows - 2, row);  // k % 3 == 0
  CHECK(row[2].is_missing());
  store.get(kRows - 1, row);  // k % 3 == 1
  CHECK(row[2].type() == ValueType::Null);
  CHECK(row[1].text() == sample_row(kRows - 1)[1].text());
}

TEST_CASE("row store: appending after reading the last, incomplete block", "[row_store]") {
  odbc::RowStore store(0);  // everything in the file
  Row row;
  for (size_t k = 0; k < 40; ++k) {
    store.append(sample_row(k));
    store.get(k, row);  // the block still being filled
    REQUIRE(row == sample_row(k));
    store.get(k / 2, row);
    REQUIRE(row == sample_row(k / 2));
  }
  CHECK(store.spilled() == 40);
}

TEST_CASE("row store: a full disk is 53100 when the block is written, not later", "[row_store]") {
  std::string sqlstate, message;
  size_t appended = 0;
  {
    testing::FileSizeLimit full_disk(64 * 1024);
    odbc::RowStore store(0);
    try {
      for (; appended < 100000; ++appended) store.append(sample_row(appended));
    } catch (const Error& e) {
      sqlstate = e.sqlstate();
      message = e.what();
    }
  }
  INFO(message);
  CHECK(sqlstate == "53100");
  CHECK(message.find("cannot write its temporary file") != std::string::npos);
  CHECK(appended < 100000);
}
