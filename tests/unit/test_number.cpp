// Exact numbers: parsing, canonical text, ordering, arithmetic and DynamoDB's range, never via double.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "value/number.h"

using dynamosql::Error;
using dynamosql::Number;

static Number n(const char* s) { return Number::from_text(s); }

TEST_CASE("Number: parse and canonical text", "[number]") {
  CHECK(n("1").to_string() == "1");
  CHECK(n("-0.25").to_string() == "-0.25");
  CHECK(n("1.50").to_string() == "1.5");
  CHECK(n("+.5").to_string() == "0.5");
  CHECK(n("5.").to_string() == "5");
  CHECK(n("-0").to_string() == "0");
  CHECK(n("1.5E+30").to_string() == "1500000000000000000000000000000");
  CHECK(n("1e-3").to_string() == "0.001");
  CHECK(n("12345678901234567890123456789012345678").to_string() == "12345678901234567890123456789012345678");
  CHECK(n("1E+125").to_string() == "1E+125");
  CHECK(n("-1.5E-130").to_string() == "-1.5E-130");
  for (const char* bad : {"", "-", ".", "1e", "1e+", "abc", "1.2.3", " 1", "1 ", "0x10", "NaN", "Infinity", "1e999999"})
    CHECK_FALSE(Number::parse(bad).has_value());
  CHECK_THROWS_AS(Number::from_text("abc"), Error);
}

TEST_CASE("Number: text round trips at the edges of DynamoDB's range", "[number]") {
  for (const char* s : {"9.9999999999999999999999999999999999999E+125", "1E-130", "-1E-130",
                        "-9.9999999999999999999999999999999999999E+125", "0.00000000000000000000000000000000000001",
                        "99999999999999999999999999999999999999"}) {
    Number v = n(s);
    CHECK(Number::from_text(v.to_string()) == v);
    CHECK(v.fits_dynamodb());
  }
  CHECK_FALSE(n("1E+126").fits_dynamodb());
  CHECK_FALSE(n("1E-131").fits_dynamodb());
  CHECK_FALSE(n("123456789012345678901234567890123456789").fits_dynamodb());  // 39 digits
  CHECK(n("1234567890123456789012345678901234567800000").fits_dynamodb());   // 38 significant
  CHECK_THROWS_AS(n("1E+126").check_dynamodb_range(), Error);
}

TEST_CASE("Number: numeric comparison", "[number]") {
  CHECK(n("1.0") == n("1"));
  CHECK(n("10") > n("9"));
  CHECK(n("-0.5") < n("0"));
  CHECK(n("-10") < n("-9"));
  CHECK(n("0.1") < n("0.10000000000000000000000000000000000001"));
  CHECK(n("1E-130") > n("0"));
  CHECK(n("-1E+125") < n("-1E+124"));
  CHECK(n("99999999999999999999999999999999999999") < n("1E+38"));
}

TEST_CASE("Number: exact arithmetic", "[number]") {
  CHECK((n("0.1") + n("0.2")).to_string() == "0.3");
  CHECK((n("1E+20") + n("1E-20")).to_string() == "100000000000000000000.00000000000000000001");
  CHECK((n("5") - n("7.5")).to_string() == "-2.5");
  CHECK((n("1.5") * n("-2")).to_string() == "-3");
  CHECK(n("1").divide(n("3")).to_string() == "0.33333333333333333333333333333333333333");
  CHECK(n("2").divide(n("3")).to_string() == "0.66666666666666666666666666666666666667");
  CHECK(n("10").divide(n("4")).to_string() == "2.5");
  CHECK_THROWS_AS(n("1").divide(n("0")), Error);
  CHECK(n("2.5").round_scale(0).to_string() == "3");
  CHECK(n("-2.5").round_scale(0).to_string() == "-3");
  CHECK(n("-2.7").truncate_to_integer().to_string() == "-2");
  CHECK(n("123").to_int64() == 123);
  CHECK_FALSE(n("1.5").to_int64().has_value());
  CHECK_FALSE(n("1E+30").to_int64().has_value());
}
