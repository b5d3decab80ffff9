// The value model: all ten AttributeValue types through the wire JSON and back, plain JSON output,
// ordering across types, and Missing versus NULL.
#include <catch2/catch.hpp>

#include "dynamosql/error.h"
#include "value/base64.h"
#include "value/json.h"

using namespace dynamosql;

static Value from_wire_text(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  REQUIRE_FALSE(d.HasParseError());
  return value_from_wire(d);
}

TEST_CASE("Value: every AttributeValue type round-trips through wire JSON", "[value]") {
  const char* cases[] = {
      R"({"S":"h\u00e9llo \"q\""})",
      R"({"N":"-12.5"})",
      R"({"B":"AAEC/w=="})",
      R"({"BOOL":true})",
      R"({"NULL":true})",
      R"({"M":{"a":{"N":"1"},"b":{"L":[{"S":"x"},{"NULL":true}]}}})",
      R"({"L":[{"N":"1"},{"M":{}},{"SS":["a"]}]})",
      R"({"SS":["a","b"]})",
      R"({"NS":["-1","2.5","10"]})",
      R"({"BS":["AA==","AQ=="]})",
  };
  for (const char* c : cases) {
    INFO(c);
    Value v = from_wire_text(c);
    Value again = from_wire_text(wire_json(v).c_str());
    CHECK(v == again);
    CHECK(wire_json(v) == wire_json(again));
  }
  CHECK(from_wire_text(R"({"B":"AAEC/w=="})").text() == std::string("\x00\x01\x02\xff", 4));
}

TEST_CASE("Value: sets are sorted and de-duplicated, numerically for NS", "[value]") {
  Value ns = from_wire_text(R"({"NS":["10","9","-1","9.0"]})");
  REQUIRE(ns.items().size() == 3);
  CHECK(plain_json(ns) == "[-1,9,10]");
  CHECK(from_wire_text(R"({"SS":["b","a","b"]})").items().size() == 2);
}

TEST_CASE("Value: plain JSON keeps numbers exact", "[value]") {
  Value m = from_wire_text(R"({"M":{"big":{"N":"12345678901234567890123456789012345678"},"f":{"N":"0.1"},"b":{"B":"AQ=="},"s":{"SS":["x"]},"n":{"NULL":true}}})");
  CHECK(plain_json(m) == R"({"b":"AQ==","big":12345678901234567890123456789012345678,"f":0.1,"n":null,"s":["x"]})");
  Value parsed = parse_plain_json(R"( {"a": [1, 2.50, 1E+3, "t", true, null], "z": {}} )");
  CHECK(plain_json(parsed) == R"({"a":[1,2.5,1000,"t",true,null],"z":{}})");
  CHECK(parse_plain_json("123456789012345678901234567890.123").text() == "123456789012345678901234567890.123");
  CHECK_THROWS_AS(parse_plain_json("{\"a\":"), Error);
  CHECK_THROWS_AS(parse_plain_json("[1] x"), Error);
}

TEST_CASE("Value: malformed wire values are errors, not crashes", "[value]") {
  for (const char* bad : {R"({})", R"({"S":1})", R"({"N":"abc"})", R"({"B":"***"})", R"({"Q":"x"})",
                          R"({"S":"a","N":"1"})", R"({"L":{}})", R"({"NS":["x"]})"}) {
    INFO(bad);
    CHECK_THROWS_AS(from_wire_text(bad), Error);
  }
}

TEST_CASE("Value: ordering and missing versus null", "[value]") {
  CHECK(Value::missing() < Value::null());
  CHECK(Value::null() < Value::boolean(false));
  CHECK(Value::number_text("10") > Value::number_text("9"));
  CHECK(Value::number_text("1.0") == Value::number_text("1"));
  CHECK(Value::number_text("1.0").hash() == Value::number_text("1").hash());
  CHECK(Value::string("a") < Value::string("b"));
  CHECK(Value::number_text("99") < Value::string("0"));
  CHECK(Value::missing().is_null_or_missing());
  CHECK(Value::null().is_null_or_missing());
  CHECK(Value::missing() != Value::null());
  CHECK_THROWS_AS(wire_json(Value::missing()), Error);
}

TEST_CASE("base64 round trip and strict decoding", "[value]") {
  for (std::string s : {std::string(""), std::string("f"), std::string("fo"), std::string("foo"), std::string("\0\xff", 2)})
    CHECK(base64_decode(base64_encode(s)) == s);
  CHECK_FALSE(base64_decode("abc").has_value());
  CHECK_FALSE(base64_decode("ab!=").has_value());
}
