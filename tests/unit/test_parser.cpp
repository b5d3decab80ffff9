// The parser without a server: syntax errors carry line:column and the offending token; identifiers
// keep case and quoting; paths, parameters and statement splitting.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "sql/parser.h"

using namespace dynamosql;

namespace {
Error syntax_error(const std::string& sql) {
  try {
    parse_statement(sql);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << sql);
  return Error("", "");
}
}  // namespace

TEST_CASE("parser: syntax errors have SQLSTATE 42000, position and token", "[parser]") {
  Error e = syntax_error("SELECT a\nFROM t\nWHERE b = = 1");
  CHECK(e.sqlstate() == "42000");
  CHECK(e.line() == 3);
  CHECK(e.column() == 11);
  CHECK(std::string(e.what()).find("\"=\"") != std::string::npos);
  CHECK(e.describe().find("(3:11)") != std::string::npos);

  Error eof = syntax_error("SELECT a FROM");
  CHECK(std::string(eof.what()).find("end of input") != std::string::npos);
  CHECK(syntax_error("SELECT 'open").sqlstate() == "42000");
  CHECK(syntax_error("SELECT # FROM t").column() == 8);
  CHECK(syntax_error("").sqlstate() == "42000");
}

TEST_CASE("parser: identifiers, paths and literals", "[parser]") {
  auto s = parse_statement(R"(SELECT "odd.name", a.b[2].c, "Mixed""Case", MixedCase FROM "t-1" WHERE x = 'it''s')");
  REQUIRE(s->kind == StatementKind::Query);
  const auto& items = s->query->terms[0].spec->items;
  REQUIRE(items.size() == 4);
  REQUIRE(items[0].expr->path.size() == 1);
  CHECK(items[0].expr->path[0].name == "odd.name");
  REQUIRE(items[1].expr->path.size() == 4);
  CHECK(items[1].expr->path[2].index == 2);
  CHECK(items[1].expr->path[3].name == "c");
  CHECK(items[2].expr->path[0].name == "Mixed\"Case");
  CHECK(items[3].expr->path[0].name == "MixedCase");
  CHECK(s->query->terms[0].spec->from->table == "t-1");
  const auto& where = *s->query->terms[0].spec->where;
  CHECK(where.children[1]->value.text() == "it's");

  auto n = parse_statement("SELECT -0.25, 1.5E+30, 12345678901234567890123456789012345678");
  const auto& nums = n->query->terms[0].spec->items;
  CHECK(nums[0].expr->value.text() == "-0.25");
  CHECK(nums[1].expr->value.text() == "1500000000000000000000000000000");
  CHECK(nums[2].expr->value.text() == "12345678901234567890123456789012345678");
}

TEST_CASE("parser: parameters are numbered in order of appearance", "[parser]") {
  auto s = parse_statement("SELECT ? FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?");
  CHECK(s->parameter_count == 5);
  CHECK(s->query->terms[0].spec->items[0].expr->parameter_index == 0);
  CHECK(s->query->limit->parameter_index == 4);
}

TEST_CASE("parser: precedence of predicates and boolean operators", "[parser]") {
  auto s = parse_statement("SELECT 1 FROM t WHERE a BETWEEN 1 AND 2 AND b LIKE 'x%' OR NOT c = 1");
  const Expr& w = *s->query->terms[0].spec->where;
  REQUIRE(w.kind == ExprKind::Or);
  REQUIRE(w.children[0]->kind == ExprKind::And);
  CHECK(w.children[0]->children[0]->kind == ExprKind::Between);
  CHECK(w.children[0]->children[1]->kind == ExprKind::Like);
  CHECK(w.children[1]->kind == ExprKind::Not);
}

TEST_CASE("split_statements: semicolons in strings, quoted names and comments do not split", "[parser]") {
  auto parts = split_statements("SELECT ';' FROM \"a;b\"; -- c;\nSELECT 2 /* ; */;\n\nSELECT 3");
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].text == "SELECT ';' FROM \"a;b\"");
  CHECK(parts[1].line == 2);
  CHECK(parts[1].complete);
  CHECK(parts[2].text == "SELECT 3");
  CHECK_FALSE(parts[2].complete);
  CHECK(split_statements("  -- only a comment\n").empty());
}

TEST_CASE("parser: text that is not UTF-8 is error 22021 at its position, never a crash", "[parser]") {
  // Found by the fuzzer: ANTLR's input stream threw std::range_error on such bytes.
  for (const std::string& bad : {std::string("SELECT 'caf\xe9' FROM t"), std::string("SELECT 1\nFROM \xc3"),
                                 std::string("SELECT '\xed\xa0\x80'"), std::string("SELECT '\xc0\xaf'")}) {
    try {
      dynamosql::parse_statement(bad);
      FAIL("no error for " << bad);
    } catch (const dynamosql::Error& e) {
      CHECK(e.sqlstate() == "22021");
      CHECK(e.line() >= 1);
    }
  }
  try {
    dynamosql::parse_statement("SELECT 1\nFROM \xc3");
  } catch (const dynamosql::Error& e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 6);
  }
  CHECK(dynamosql::split_statements("SELECT '\xff'; SELECT 2").size() == 1);
  CHECK_NOTHROW(dynamosql::parse_statement("SELECT 'h\xc3\xa9 \xf0\x9f\x98\x80' FROM t"));
}
