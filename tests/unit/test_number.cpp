// Exact numbers: parsing, canonical text, ordering, arithmetic and DynamoDB's range, never via double.
#include <catch2/catch.hpp>

#include "dynamosql/error.h"
#include "dynamosql/number.h"

#include <random>

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

TEST_CASE("Number: square roots are correctly rounded to 38 digits, also at the range's edges", "[number]") {
  // Expected values: Python's decimal at 100 digits, rounded half up to 38.
  CHECK(n("2").square_root().to_string() == "1.4142135623730950488016887242096980786");
  CHECK(n("0.0004").square_root().to_string() == "0.02");
  CHECK(n("1E-129").square_root().to_string() == "3.1622776601683793319988935444327185337E-65");
  CHECK(n("1E+125").square_root().to_string() == "3.1622776601683793319988935444327185337E+62");
  CHECK(n("99999999999999999999999999999999999999").square_root().to_string() == "9999999999999999999.9999999999999999999");
  CHECK(n("12345.678").square_root().to_string() == "111.11110655555546216666283772202598881");
  CHECK(n("0").square_root().to_string() == "0");
  CHECK_THROWS_AS(n("-1").square_root(), Error);
}

TEST_CASE("Number: the plain-text fast path agrees with exact comparison and canonical text", "[number]") {
  const char* texts[] = {"0", "-0", "0.0", "-0.000", "00012", "12", "12.0", "12.50", "12.5", "-12.5", "-12.49",
                         ".5", "0.5", "5.", "0.05", "0.0500", "-0.05", "99999999999999999999999999999999999999",
                         "100000000000000000000000000000000000000", "-1", "1", "+7", "7.0000001", "7.00000010",
                         ".50", "-.50", "+.5", "0.50", "-0.5", "00.5"};
  for (const char* a : texts) {
    for (const char* b : texts) {
      INFO(a << " vs " << b);
      auto fast = dynamosql::compare_number_text(a, b);
      REQUIRE(fast.has_value());
      CHECK(*fast == n(a).compare(n(b)));
    }
    CHECK(dynamosql::canonical_number_text(a) == n(a).to_string());
    std::string out = "x";
    dynamosql::append_canonical_number(out, a);
    CHECK(out == "x" + n(a).to_string());
  }
  // Exponents are left to the exact path (append_canonical_number takes it itself).
  CHECK_FALSE(dynamosql::compare_number_text("1E+3", "1000").has_value());
  CHECK_FALSE(dynamosql::canonical_number_text("1.5e-3").has_value());
  for (const char* a : {"1.5e-3", "1E+3", "-2.50E+2", "1E+130", "123456789012345678901234567890123456789012345678901234567890"}) {
    std::string out;
    dynamosql::append_canonical_number(out, a);
    CHECK(out == n(a).to_string());
  }
  // Random decimals: fast and exact agree.
  std::mt19937 rng(42);
  for (int i = 0; i < 20000; ++i) {
    auto make = [&] {
      std::string s = rng() % 3 == 0 ? "-" : "";
      int digits = static_cast<int>(rng() % 6);
      for (int d = 0; d < digits; ++d) s += static_cast<char>('0' + rng() % 10);
      if (digits == 0 || rng() % 2) {
        s += '.';
        int frac = 1 + static_cast<int>(rng() % 4);
        for (int d = 0; d < frac; ++d) s += static_cast<char>('0' + rng() % 10);
      }
      return s;
    };
    std::string a = make(), b = make();
    INFO(a << " vs " << b);
    CHECK(*dynamosql::compare_number_text(a, b) == n(a.c_str()).compare(n(b.c_str())));
    CHECK(*dynamosql::canonical_number_text(a) == n(a.c_str()).to_string());
  }
}
