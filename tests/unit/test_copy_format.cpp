// COPY's building blocks without a server: CSV records, item sizes, the rate limiter.
#include <catch2/catch.hpp>

#include <chrono>

#include "copy/copy_format.h"
#include "copy/csv.h"
#include "exec/rate_limiter.h"
#include "value/item_size.h"

using namespace dynamosql;

TEST_CASE("CSV records: quotes, delimiters, line breaks, empty fields", "[copy]") {
  CsvFields f;
  REQUIRE(parse_csv_record("a,\"b,c\",\"say \"\"hi\"\"\",,\"\"\r\n", ',', f));
  CHECK(f.values == std::vector<std::string>{"a", "b,c", "say \"hi\"", "", ""});
  CHECK(f.quoted == std::vector<bool>{false, true, true, false, true});
  REQUIRE(parse_csv_record("x;y;\n", ';', f));
  CHECK(f.values == std::vector<std::string>{"x", "y", ""});
  // An open quote: the record goes on on the next line.
  CHECK_FALSE(parse_csv_record("1,\"two\n", ',', f));
  REQUIRE(parse_csv_record("1,\"two\nlines\",3\n", ',', f));
  CHECK(f.values == std::vector<std::string>{"1", "two\nlines", "3"});
  std::string out;
  append_csv_field(out, "plain");
  append_csv_field(out, "a,b");
  append_csv_field(out, "q\"");
  append_csv_field(out, "", ',', true);
  CHECK(out == "plain\"a,b\"\"q\"\"\"\"\"");
  // Long fields are checked 16 bytes at a time: a special byte anywhere, in either part, is found.
  std::string long_text(40, 'x');
  for (size_t at = 0; at < long_text.size(); ++at) {
    for (char special : {',', '"', '\r', '\n', ';'}) {
      std::string field = long_text;
      field[at] = special;
      std::string quoted;
      append_csv_field(quoted, field, ';');
      INFO(at << " " << static_cast<int>(special));
      CHECK((quoted.front() == '"') == (special != ','));
    }
  }
}

TEST_CASE("CSV fields become typed values; bad ones name the column", "[copy]") {
  std::vector<CsvColumn> cols{{"id", FieldType::Number}, {"ok", FieldType::Boolean}, {"doc", FieldType::Json}, {"s", FieldType::String}};
  CsvFields f;
  REQUIRE(parse_csv_record("12345678901234567890123456789012345678,yes,\"{\"\"a\"\":1}\",\n", ',', f));
  Item item = item_from_csv(f, cols);
  REQUIRE(item.size() == 3);  // the unquoted empty string is left out
  CHECK(find_attribute(item, "id")->text() == "12345678901234567890123456789012345678");
  CHECK(find_attribute(item, "ok")->as_bool());
  CHECK(find_attribute(item, "doc")->type() == ValueType::Map);
  REQUIRE(parse_csv_record("1e500,true,{},x\n", ',', f));
  CHECK_THROWS_WITH(item_from_csv(f, cols), Catch::Contains("out of range") || Catch::Contains("range"));
  REQUIRE(parse_csv_record("abc,true,{},x\n", ',', f));
  CHECK_THROWS_WITH(item_from_csv(f, cols), "column id: 'abc' is not a number");
  REQUIRE(parse_csv_record("1,maybe,{},x\n", ',', f));
  CHECK_THROWS_WITH(item_from_csv(f, cols), "column ok: 'maybe' is not a boolean");
  REQUIRE(parse_csv_record("1,true\n", ',', f));
  CHECK_THROWS_WITH(item_from_csv(f, cols), "has 2 fields, expected 4");
}

TEST_CASE("item sizes follow DynamoDB's rules", "[copy]") {
  Item item{{"pk", Value::string("abc")}, {"n", Value::number(Number(12345))}, {"b", Value::boolean(true)}};
  // names 2 + 1 + 1, "abc" 3, 12345: (5 + 1) / 2 + 1 = 4, bool 1
  CHECK(item_size(item) == 12);
  CHECK(write_units(item) == 1);
  Item big{{"pk", Value::string(std::string(2048, 'x'))}};
  CHECK(write_units(big) == 3);
}

TEST_CASE("the rate limiter holds the long-run rate after a one-second burst", "[copy]") {
  RateLimiter limiter(200);  // units per second
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 60; ++i) limiter.acquire(10);  // 600 units: 200 in the burst, 400 more take 2 s
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds >= 1.9);
  CHECK(seconds < 4.0);
  std::atomic<bool> cancelled{true};
  CHECK_FALSE(limiter.acquire(1000, &cancelled));  // a cancelled wait returns at once
}
