// Reading Scan/Query responses: items straight into rows through a ItemLayout (only the attributes it
// keeps are decoded), or into Items; LastEvaluatedKey, counts and consumed capacity; every
// AttributeValue type decoded exactly as value_from_wire decodes it; bad responses and values.
#include <catch2/catch.hpp>

#include "dynamosql/error.h"
#include "dynamo/page_reader.h"
#include "value/json.h"

using namespace dynamosql;

namespace {

Page read(std::string body, const ItemLayout* layout) {
  Page page;
  REQUIRE(read_page(body, layout, page));
  return page;
}

Value wire(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  REQUIRE_FALSE(d.HasParseError());
  return value_from_wire(d);
}

}  // namespace

TEST_CASE("Page reader: items become rows of the layout's columns; unread attributes are not decoded", "[page]") {
  ItemLayout layout({"pk", "n", "missing", "pk"}, false, {});
  // "junk" is not valid wire JSON: it is never decoded because no column reads it.
  Page page = read(R"({"Items":[{"n":{"N":"1.50"},"pk":{"S":"a\"\u00e9"},"junk":{"Q":1}},
                                 {"pk":{"S":"b"},"n":{"N":"-2"}}],
                       "Count":2,"ScannedCount":5,"LastEvaluatedKey":{"pk":{"S":"b"}},
                       "ConsumedCapacity":{"TableName":"t","CapacityUnits":2.5,"Table":{"CapacityUnits":2.5}}})",
                   &layout);
  CHECK(page.items.empty());
  REQUIRE(page.rows.size() == 2);
  REQUIRE(page.rows[0].size() == 4);
  CHECK(page.rows[0][0] == Value::string("a\"\xc3\xa9"));
  CHECK(page.rows[0][1].text() == "1.50");  // numbers keep DynamoDB's text
  CHECK(page.rows[0][2].is_missing());
  CHECK(page.rows[0][3] == page.rows[0][0]);  // a column repeated
  CHECK(page.rows[1][0] == Value::string("b"));
  CHECK(page.count == 2);
  CHECK(page.scanned_count == 5);
  CHECK(page.consumed_capacity == 2.5);  // the total, not the table's share again
  REQUIRE(page.last_evaluated_key);
  CHECK(*page.last_evaluated_key == Item{{"pk", Value::string("b")}});
}

TEST_CASE("Page reader: _other holds the attributes outside the known columns", "[page]") {
  ItemLayout layout({"pk", "extra"}, true, {"pk", "known"});
  Page page = read(R"({"Items":[{"pk":{"S":"a"},"known":{"N":"1"},"z":{"BOOL":true},"extra":{"S":"e"}},
                                 {"pk":{"S":"b"}}],"Count":2})",
                   &layout);
  REQUIRE(page.rows.size() == 2);
  REQUIRE(page.rows[0].size() == 3);
  CHECK(page.rows[0][1] == Value::string("e"));
  // `extra` is read for a column and, not being a known column, belongs in _other too.
  CHECK(plain_json(page.rows[0][2]) == R"({"extra":"e","z":true})");
  CHECK(page.rows[1][2].is_missing());
  CHECK_FALSE(page.last_evaluated_key);
}

TEST_CASE("Page reader: every AttributeValue type decodes as value_from_wire does", "[page]") {
  const char* values[] = {
      R"({"S":"h\u00e9llo \"q\""})", R"({"N":"-12.5"})", R"({"B":"AAEC/w=="})", R"({"BOOL":false})",
      R"({"NULL":true})", R"({"M":{"b":{"L":[{"S":"x"},{"NULL":true}]},"a":{"N":"1"}}})",
      R"({"L":[{"N":"1"},{"M":{}},{"SS":["a"]}]})", R"({"SS":["b","a","b"]})", R"({"NS":["10","9","-1"]})",
      R"({"BS":["AQ==","AA=="]})"};
  for (const char* v : values) {
    INFO(v);
    std::string body = std::string(R"({"Items":[{"v":)") + v + R"(,"k":{"S":"x"}}]})";
    ItemLayout layout({"v"}, false, {});
    Page rows = read(body, &layout);
    REQUIRE(rows.rows.size() == 1);
    CHECK(wire_json(rows.rows[0][0]) == wire_json(wire(v)));
    Page items = read(body, nullptr);  // no layout: whole Items, sorted by name
    REQUIRE(items.items.size() == 1);
    REQUIRE(items.items[0].size() == 2);
    CHECK(items.items[0][0].first == "k");
    CHECK(wire_json(items.items[0][1].second) == wire_json(wire(v)));
  }
}

TEST_CASE("Page reader: consumed capacity as an array, an empty page", "[page]") {
  Page page = read(R"({"Count":0,"Items":[],"ConsumedCapacity":[{"CapacityUnits":1},{"CapacityUnits":0.5}]})", nullptr);
  CHECK(page.size() == 0);
  CHECK(page.consumed_capacity == 1.5);
}

TEST_CASE("Page reader: a body that is not JSON is refused; a malformed value read is error 22000", "[page]") {
  Page page;
  std::string truncated = R"({"Items":[{"pk":{"S":"a"})";
  CHECK_FALSE(read_page(truncated, nullptr, page));
  std::string not_object = "[1]";
  CHECK_FALSE(read_page(not_object, nullptr, page));
  ItemLayout layout({"pk"}, false, {});
  for (const char* bad : {R"({"S":1})", R"({"N":"abc"})", R"({"B":"***"})", R"({"Q":"x"})", R"({"S":"a","N":"1"})",
                          R"({})", R"("plain")", R"({"BOOL":"yes"})", R"({"L":{}})", R"({"NS":["x"]})"}) {
    INFO(bad);
    std::string body = std::string(R"({"Items":[{"pk":)") + bad + "}]}";
    try {
      read_page(body, &layout, page);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.sqlstate()).substr(0, 2) == "22");
    }
  }
}
