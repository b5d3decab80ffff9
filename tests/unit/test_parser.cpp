// The parser without a server: syntax errors carry line:column and the offending token; identifiers
// keep case and quoting; paths, parameters and statement splitting; issue 16's syntax (WITH, set
// operations, windows, dates and times, outer joins, EXISTS, ...) as AST, and the ODBC escapes'
// translations.
#include <catch2/catch.hpp>

#include "dynamosql/error.h"
#include "escapes.h"
#include "sql/parser.h"

using namespace dynamosql;

namespace {
// The Error parsing `sql` throws; the test fails when it throws none.
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

TEST_CASE("parser: an expression's text is its source, after non-ASCII text too", "[parser]") {
  // Token positions count code points, the statement is UTF-8: a column named by its expression must
  // not be shifted by an earlier 'é'.
  auto s = parse_statement("SELECT 'é' AS x, 1 + 2, 'ü' || 'a', /* é */ 3 * 4 FROM t");
  const auto& items = s->query->terms[0].spec->items;
  REQUIRE(items.size() == 4);
  CHECK(items[1].expr->text == "1 + 2");
  CHECK(items[2].expr->text == "'ü' || 'a'");
  CHECK(items[3].expr->text == "3 * 4");
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
  // Characters of several bytes: each statement whole (the lexer counts characters, not bytes).
  parts = split_statements("DELETE FROM t WHERE name = 'Jos\xc3\xa9 \xe2\x9c\x93' AND n = 10; SELECT '\xf0\x9f\x98\x80' AS e;");
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].text == "DELETE FROM t WHERE name = 'Jos\xc3\xa9 \xe2\x9c\x93' AND n = 10");
  CHECK(parts[1].text == "SELECT '\xf0\x9f\x98\x80' AS e");
}

TEST_CASE("parser: text that is not UTF-8 is error 22021 at its position, never a crash", "[parser]") {
  // Found by the fuzzer: ANTLR's input stream threw std::range_error on such bytes.
  for (const std::string& bad : {std::string("SELECT 'caf\xe9' FROM t"), std::string("SELECT 1\nFROM \xc3"),
                                 std::string("SELECT '\xed\xa0\x80'"), std::string("SELECT '\xc0\xaf'")}) {
    Error e = syntax_error(bad);
    CHECK(e.sqlstate() == "22021");
    CHECK(e.line() >= 1);
  }
  Error e = syntax_error("SELECT 1\nFROM \xc3");
  CHECK(e.line() == 2);
  CHECK(e.column() == 6);
  CHECK(dynamosql::split_statements("SELECT '\xff'; SELECT 2").size() == 1);
  CHECK_NOTHROW(dynamosql::parse_statement("SELECT 'h\xc3\xa9 \xf0\x9f\x98\x80' FROM t"));
}

// ---- issue 16's syntax ----

namespace {
const QuerySpec& first_spec(const Statement& s) { return *s.query->terms[0].spec; }
// The first select item, or WHERE, of a statement (owned: the statement is gone).
ExprPtr item(const std::string& sql) { return std::move(parse_statement(sql)->query->terms[0].spec->items[0].expr); }
ExprPtr where_of(const std::string& sql) { return std::move(parse_statement(sql)->query->terms[0].spec->where); }
}  // namespace

TEST_CASE("parser: WITH names queries, with column lists", "[parser]") {
  auto s = parse_statement("WITH a AS (SELECT 1 AS x), b (x, y) AS (SELECT x, 2 FROM a)\nSELECT * FROM b");
  const Query& q = *s->query;
  REQUIRE(q.with.size() == 2);
  CHECK(q.with[0].name == "a");
  CHECK(q.with[0].columns.empty());
  CHECK(q.with[1].name == "b");
  CHECK(q.with[1].columns == std::vector<std::string>{"x", "y"});
  CHECK(q.with[1].position.column == 28);
  CHECK(q.with[1].query->terms[0].spec->from->table == "a");
  CHECK_FALSE(q.recursive);
  CHECK(q.terms[0].spec->from->table == "b");
  CHECK(parse_statement("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r")->query->recursive);
  // In subqueries, INSERT ... SELECT and COPY too.
  CHECK(parse_statement("SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) AS t")->query->terms[0].spec->from->subquery->with.size() == 1);
  CHECK(parse_statement("INSERT INTO t (a) WITH x AS (SELECT 1) SELECT * FROM x")->insert->query->with.size() == 1);
  Error twice = syntax_error("WITH a AS (SELECT 1), a AS (SELECT 2) SELECT 1");
  CHECK(twice.sqlstate() == "42712");
  CHECK(twice.column() == 23);
  Error repeated_column = syntax_error("WITH a (x, y, x) AS (SELECT 1, 2, 3) SELECT 1");
  CHECK(repeated_column.sqlstate() == "42701");
  CHECK(repeated_column.column() == 15);
  CHECK(syntax_error("WITH a (SELECT 1) SELECT 1").sqlstate() == "42000");
  // WITH still names a column and a table option.
  CHECK(parse_statement("SELECT with FROM t")->query->with.empty());
}

TEST_CASE("parser: set operations follow SQL's precedence", "[parser]") {
  // INTERSECT binds tighter than UNION.
  auto s = parse_statement("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  const Query& q = *s->query;
  CHECK(q.set_operation == SetOperation::Union);
  CHECK(q.set_operation_position.column == 10);
  REQUIRE(q.terms.size() == 2);
  CHECK(q.terms[0].spec);
  REQUIRE(q.terms[1].nested);
  CHECK(q.terms[1].nested->set_operation == SetOperation::Intersect);
  CHECK(q.terms[1].nested->terms.size() == 2);
  // UNION and EXCEPT associate to the left.
  auto e = parse_statement("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3");
  CHECK(e->query->set_operation == SetOperation::Except);
  REQUIRE(e->query->terms[0].nested);
  CHECK(e->query->terms[0].nested->set_operation == SetOperation::Union);
  CHECK(e->query->terms[1].spec);
  auto i = parse_statement("SELECT 1 INTERSECT SELECT 2 UNION ALL SELECT 3 INTERSECT ALL SELECT 4");
  CHECK(i->query->set_operation == SetOperation::UnionAll);
  CHECK(i->query->terms[0].nested->set_operation == SetOperation::Intersect);
  CHECK(i->query->terms[1].nested->set_operation == SetOperation::IntersectAll);
  // A chain of one operator is one query; ALL and DISTINCT are different operators.
  auto chain = parse_statement("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY 1 LIMIT 2");
  CHECK(chain->query->set_operation == SetOperation::UnionAll);
  CHECK(chain->query->terms.size() == 3);
  CHECK(chain->query->order_by.size() == 1);
  CHECK(chain->query->limit);
  auto mixed = parse_statement("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3");
  CHECK(mixed->query->set_operation == SetOperation::Union);
  CHECK(mixed->query->terms[0].nested->set_operation == SetOperation::UnionAll);
  CHECK(parse_statement("SELECT 1 EXCEPT ALL SELECT 2")->query->set_operation == SetOperation::ExceptAll);
  // Parentheses group, and a parenthesised query keeps its own ORDER BY and LIMIT.
  auto p = parse_statement("(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u UNION SELECT c FROM v) ORDER BY 1");
  CHECK(p->query->set_operation == SetOperation::Union);
  REQUIRE(p->query->terms.size() == 2);
  CHECK(p->query->terms[0].nested->limit);
  CHECK(p->query->terms[1].nested->terms.size() == 2);
  CHECK(p->query->order_by.size() == 1);
  CHECK(parse_statement("SELECT 1")->query->terms.size() == 1);
  CHECK(syntax_error("SELECT 1 INTERSECT").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 UNION ALL ALL SELECT 2").sqlstate() == "42000");
}

TEST_CASE("parser: window functions, frames and named windows", "[parser]") {
  auto rn = item("SELECT ROW_NUMBER() OVER (PARTITION BY a, b.c ORDER BY d DESC NULLS LAST) FROM t");
  CHECK(rn->kind == ExprKind::Function);
  CHECK(rn->op == "row_number");
  REQUIRE(rn->window);
  CHECK(rn->window->partition_by.size() == 2);
  REQUIRE(rn->window->order_by.size() == 1);
  CHECK(rn->window->order_by[0].descending);
  CHECK(rn->window->order_by[0].nulls_first == false);
  CHECK_FALSE(rn->window->frame);

  auto sum = item("SELECT SUM(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t");
  REQUIRE(sum->window->frame);
  CHECK(sum->window->frame->unit == WindowFrame::Unit::Rows);
  CHECK(sum->window->frame->start.kind == FrameBound::Kind::UnboundedPreceding);
  CHECK(sum->window->frame->end.kind == FrameBound::Kind::CurrentRow);
  auto range = item("SELECT AVG(x) OVER (ORDER BY d RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING) FROM t");
  CHECK(range->window->frame->unit == WindowFrame::Unit::Range);
  CHECK(range->window->frame->start.kind == FrameBound::Kind::Preceding);
  CHECK(range->window->frame->start.offset->value.text() == "3");
  CHECK(range->window->frame->end.kind == FrameBound::Kind::Following);
  auto lone = item("SELECT COUNT(*) OVER (ROWS 5 PRECEDING) FROM t");
  CHECK(lone->star);
  CHECK(lone->window->frame->start.kind == FrameBound::Kind::Preceding);
  CHECK(lone->window->frame->end.kind == FrameBound::Kind::CurrentRow);
  auto days = item("SELECT SUM(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND UNBOUNDED FOLLOWING) FROM t");
  CHECK(days->window->frame->start.offset->kind == ExprKind::TypedLiteral);
  CHECK(days->window->frame->end.kind == FrameBound::Kind::UnboundedFollowing);
  CHECK(item("SELECT RANK() OVER (GROUPS 1 PRECEDING) FROM t")->window->frame->unit == WindowFrame::Unit::Groups);
  CHECK(item("SELECT LAG(x, 1, 0) OVER () FROM t")->children.size() == 3);

  auto named = parse_statement("SELECT SUM(x) OVER w, RANK() OVER (w ORDER BY y) FROM t WINDOW w AS (PARTITION BY a), v AS (w)");
  const QuerySpec& spec = first_spec(*named);
  CHECK(spec.items[0].expr->window->base == "w");
  CHECK(spec.items[0].expr->window->partition_by.empty());
  CHECK(spec.items[1].expr->window->base == "w");
  CHECK(spec.items[1].expr->window->order_by.size() == 1);
  REQUIRE(spec.windows.size() == 2);
  CHECK(spec.windows[0].name == "w");
  CHECK(spec.windows[0].spec.partition_by.size() == 1);
  CHECK(spec.windows[1].spec.base == "w");

  // SQL's frame rules, at the bound at fault.
  Error start = syntax_error("SELECT SUM(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t");
  CHECK(start.sqlstate() == "42P20");
  CHECK(start.column() == 34);
  CHECK(syntax_error("SELECT SUM(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM t").sqlstate() == "42P20");
  CHECK(syntax_error("SELECT SUM(x) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t").sqlstate() == "42P20");
  CHECK(syntax_error("SELECT SUM(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t").sqlstate() == "42P20");
  CHECK(syntax_error("SELECT 1 FROM t WINDOW w AS (), w AS ()").sqlstate() == "42P20");
  CHECK(syntax_error("SELECT SUM(x) OVER (ORDER BY y ROWS) FROM t").sqlstate() == "42000");
}

TEST_CASE("parser: aggregates with FILTER, WITHIN GROUP and ORDER BY", "[parser]") {
  auto count = item("SELECT COUNT(*) FILTER (WHERE status = 'PAID') FROM t");
  CHECK(count->star);
  REQUIRE(count->filter);
  CHECK(count->filter->kind == ExprKind::Compare);
  auto both = item("SELECT SUM(x) FILTER (WHERE y > 0) OVER (PARTITION BY z) FROM t");
  CHECK(both->filter);
  CHECK(both->window);
  auto pc = item("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY total DESC) FROM t");
  CHECK(pc->op == "percentile_cont");
  CHECK(pc->within_group);
  REQUIRE(pc->children.size() == 1);
  REQUIRE(pc->order_by.size() == 1);
  CHECK(pc->order_by[0].descending);
  CHECK(item("SELECT MODE() WITHIN GROUP (ORDER BY x) FROM t")->children.empty());
  auto agg = item("SELECT STRING_AGG(DISTINCT name, ', ' ORDER BY name, id DESC) FROM t");
  CHECK(agg->op == "string_agg");
  CHECK(agg->distinct);
  CHECK(agg->children.size() == 2);
  CHECK(agg->order_by.size() == 2);
  CHECK_FALSE(agg->within_group);
  // clone() copies the new parts.
  auto copy = agg->clone();
  CHECK(copy->order_by.size() == 2);
  CHECK(both->clone()->window->partition_by.size() == 1);
  CHECK(both->clone()->filter);
  CHECK(syntax_error("SELECT STRING_AGG(x, ',' ORDER BY x) WITHIN GROUP (ORDER BY y) FROM t").sqlstate() == "42000");
  CHECK(syntax_error("SELECT COUNT(*) FILTER (x > 1) FROM t").sqlstate() == "42000");
}

TEST_CASE("parser: GROUP BY expressions, positions, ROLLUP, CUBE and GROUPING SETS", "[parser]") {
  auto plain = parse_statement("SELECT 1 FROM t GROUP BY 1, upper(a), b.c");
  CHECK(first_spec(*plain).group_by.size() == 3);
  CHECK(first_spec(*plain).grouping_sets.empty());
  using Sets = std::vector<std::vector<size_t>>;
  auto rollup = parse_statement("SELECT 1 FROM t GROUP BY ROLLUP (a, b)");
  CHECK(first_spec(*rollup).group_by.size() == 2);
  CHECK(first_spec(*rollup).grouping_sets == Sets{{0, 1}, {0}, {}});
  CHECK(first_spec(*rollup).grouping_sets_position.column == 26);
  auto cube = parse_statement("SELECT 1 FROM t GROUP BY CUBE (a, b)");
  CHECK(first_spec(*cube).grouping_sets == Sets{{0, 1}, {0}, {1}, {}});
  auto sets = parse_statement("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), a, ())");
  CHECK(first_spec(*sets).group_by.size() == 3);
  CHECK(first_spec(*sets).grouping_sets == Sets{{0, 1}, {2}, {}});
  auto mixed = parse_statement("SELECT 1 FROM t GROUP BY a, ROLLUP (b, c), CUBE (d)");
  CHECK(first_spec(*mixed).grouping_sets ==
        Sets{{0, 1, 2, 3}, {0, 1, 2}, {0, 1, 3}, {0, 1}, {0, 3}, {0}});
  // GROUPING() is still a function, and rollup a column name.
  CHECK(item("SELECT GROUPING(a, b) FROM t")->op == "grouping");
  CHECK(item("SELECT rollup FROM t")->kind == ExprKind::Column);
  CHECK(syntax_error("SELECT 1 FROM t GROUP BY CUBE (a, b, c, d, e, f, g, h, i, j, k, l, m)").sqlstate() == "54000");
  CHECK(syntax_error("SELECT 1 FROM t GROUP BY CUBE (a, b, c, d, e, f, g), CUBE (h, i, j, k, l, m)").sqlstate() == "54000");
  auto total = parse_statement("SELECT COUNT(*) FROM t GROUP BY ()");  // the grand total: one empty set
  CHECK(first_spec(*total).grouping_sets == Sets{{}});
  CHECK(first_spec(*parse_statement("SELECT 1 FROM t GROUP BY a, ()")).grouping_sets == Sets{{0}});
}

TEST_CASE("parser: quantified comparisons and NATURAL JOIN", "[parser]") {
  auto any = where_of("SELECT 1 FROM t WHERE a >= ANY (SELECT b FROM u)");
  CHECK(any->kind == ExprKind::InSubquery);
  CHECK((any->op == ">=" && !any->all && !any->negated && any->subquery));
  auto all = where_of("SELECT 1 FROM t WHERE a != ALL (SELECT b FROM u)");
  CHECK((all->op == "<>" && all->all));
  CHECK(where_of("SELECT 1 FROM t WHERE a = SOME (SELECT b FROM u)")->op == "=");
  CHECK(where_of("SELECT 1 FROM t WHERE a IN (SELECT b FROM u)")->op.empty());
  // any and some still name attributes.
  CHECK(where_of("SELECT 1 FROM t WHERE any = some")->kind == ExprKind::Compare);
  auto natural = parse_statement("SELECT 1 FROM t NATURAL JOIN u NATURAL LEFT JOIN v NATURAL FULL OUTER JOIN w");
  const auto& j = first_spec(*natural).joins;
  REQUIRE(j.size() == 3);
  CHECK((j[0].natural && !j[0].left && !j[0].right_outer && !j[0].condition && j[0].using_columns.empty()));
  CHECK((j[1].natural && j[1].left && !j[1].right_outer));
  CHECK((j[2].natural && j[2].left && j[2].right_outer));
  CHECK(syntax_error("SELECT 1 FROM t NATURAL JOIN u ON t.a = u.a").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM t NATURAL JOIN u USING (a)").sqlstate() == "42000");
}

TEST_CASE("parser: dates, times, timestamps and intervals", "[parser]") {
  auto d = item("SELECT DATE '2026-1-5'");
  CHECK(d->kind == ExprKind::TypedLiteral);
  CHECK(d->type_name == "DATE");
  CHECK(d->value.text() == "2026-01-05");
  CHECK(item("SELECT TIME '10:20:30.50'")->value.text() == "10:20:30.5");
  auto ts = item("SELECT TIMESTAMP '2026-01-31 10:20:30+02:00'");
  CHECK(ts->type_name == "TIMESTAMP");
  CHECK(ts->value.text() == "2026-01-31 08:20:30");
  auto tz = item("SELECT TIMESTAMP WITH TIME ZONE '2026-01-31T10:20:30Z'");
  CHECK(tz->type_name == "TIMESTAMP WITH TIME ZONE");
  CHECK(tz->value.text() == "2026-01-31 10:20:30");
  CHECK(item("SELECT TIMESTAMP WITHOUT TIME ZONE '2026-01-31'")->type_name == "TIMESTAMP");
  CHECK(item("SELECT INTERVAL '3' DAY")->value.text() == "3 days");
  CHECK(item("SELECT INTERVAL '1 day 2 hours'")->value.text() == "1 day 02:00:00");
  CHECK(item("SELECT INTERVAL '1-2' YEAR TO MONTH")->value.text() == "1 year 2 mons");
  CHECK(item("SELECT INTERVAL '1:30' MINUTE TO SECOND")->value.text() == "00:01:30");
  CHECK(item("SELECT INTERVAL '3 4:05:06' DAY TO SECOND")->value.text() == "3 days 04:05:06");
  auto alias = parse_statement("SELECT INTERVAL '1 day' x, DATE '2026-01-31' AS d");
  CHECK(first_spec(*alias).items[0].alias == "x");
  CHECK(first_spec(*alias).items[0].expr->value.text() == "1 day");
  CHECK(first_spec(*alias).items[1].alias == "d");
  auto sum = item("SELECT d + INTERVAL '1' MONTH - INTERVAL '2 hours' FROM t");
  CHECK(sum->kind == ExprKind::Binary);
  CHECK(sum->children[1]->kind == ExprKind::TypedLiteral);

  // Bad literals: the datetime library's SQLSTATE at the literal.
  Error month = syntax_error("SELECT 1\nFROM t WHERE d > DATE '2026-13-01'");
  CHECK(month.sqlstate() == "22008");
  CHECK(month.line() == 2);
  CHECK(month.column() == 18);
  CHECK(syntax_error("SELECT TIMESTAMP 'yesterday'").sqlstate() == "22007");
  CHECK(syntax_error("SELECT TIME '25:00'").sqlstate() == "22008");
  CHECK(syntax_error("SELECT INTERVAL 'soon'").sqlstate() == "22007");
  CHECK(syntax_error("SELECT INTERVAL '1 day 2 hours' DAY").sqlstate() == "22007");
  Error qualifier = syntax_error("SELECT INTERVAL '1' SECOND TO DAY");
  CHECK(qualifier.sqlstate() == "42000");
  CHECK(qualifier.column() == 21);
  CHECK(syntax_error("SELECT INTERVAL '1' YEAR TO DAY").sqlstate() == "42000");
  CHECK(syntax_error("SELECT INTERVAL '1' DAY TO MONTH").sqlstate() == "42000");
  CHECK(syntax_error("SELECT DATE 2026").sqlstate() == "42000");

  // The type names are still names.
  auto names = parse_statement("SELECT date, time, timestamp, interval, year, month, day, hour, minute, second, zone FROM t");
  for (const auto& i : first_spec(*names).items) CHECK(i.expr->kind == ExprKind::Column);
  CHECK(item("SELECT date(x) FROM t")->kind == ExprKind::Function);
}

TEST_CASE("parser: CURRENT_DATE and friends, EXTRACT, CAST to dates", "[parser]") {
  auto cd = item("SELECT CURRENT_DATE");
  CHECK(cd->kind == ExprKind::Function);
  CHECK(cd->op == "current_date");
  CHECK(cd->children.empty());
  CHECK(item("SELECT CURRENT_DATE()")->op == "current_date");  // ODBC's {fn CURRENT_DATE()}
  auto ct = item("SELECT CURRENT_TIMESTAMP(3)");
  CHECK(ct->op == "current_timestamp");
  REQUIRE(ct->children.size() == 1);
  CHECK(ct->children[0]->value.text() == "3");
  CHECK(item("SELECT current_time")->op == "current_time");
  CHECK(item("SELECT LOCALTIMESTAMP")->op == "localtimestamp");
  CHECK(item("SELECT LOCALTIME")->op == "localtime");
  CHECK(syntax_error("SELECT CURRENT_DATE(3)").sqlstate() == "42000");
  CHECK(syntax_error("SELECT CURRENT_TIME(7)").sqlstate() == "42000");

  auto ex = item("SELECT EXTRACT(MONTH FROM order_date) FROM t");
  CHECK(ex->op == "extract");
  REQUIRE(ex->children.size() == 2);
  CHECK(ex->children[0]->value.text() == "month");
  CHECK(ex->children[1]->path[0].name == "order_date");
  CHECK(item("SELECT EXTRACT('dow' FROM x) FROM t")->children[0]->value.text() == "dow");
  CHECK(item("SELECT EXTRACT(epoch FROM x + INTERVAL '1' DAY) FROM t")->children[1]->kind == ExprKind::Binary);
  Error field = syntax_error("SELECT EXTRACT(fortnight FROM x) FROM t");
  CHECK(field.sqlstate() == "22023");
  CHECK(field.column() == 16);
  CHECK(item("SELECT extract FROM t")->kind == ExprKind::Column);

  CHECK(item("SELECT CAST(x AS DATE) FROM t")->type_name == "DATE");
  CHECK(item("SELECT CAST(x AS TIMESTAMP WITH TIME ZONE) FROM t")->type_name == "TIMESTAMP WITH TIME ZONE");
  CHECK(item("SELECT CAST(x AS TIMESTAMP(3) WITHOUT TIME ZONE) FROM t")->type_name == "TIMESTAMP");
  CHECK(item("SELECT CAST(x AS INTERVAL) FROM t")->type_name == "INTERVAL");
  CHECK(item("SELECT CAST(x AS VARCHAR(10)) FROM t")->type_name == "VARCHAR");
}

TEST_CASE("parser: RIGHT and FULL joins, USING, EXISTS", "[parser]") {
  auto joins = parse_statement(
      "SELECT 1 FROM a RIGHT JOIN b ON a.x = b.x RIGHT OUTER JOIN c ON 1 = 1 FULL JOIN d ON TRUE\n"
      "  FULL OUTER JOIN e USING (x, y) LEFT JOIN f ON TRUE JOIN g ON TRUE");
  const auto& j = first_spec(*joins).joins;
  REQUIRE(j.size() == 6);
  CHECK((!j[0].left && j[0].right_outer));
  CHECK((!j[1].left && j[1].right_outer));
  CHECK((j[2].left && j[2].right_outer));
  CHECK((j[3].left && j[3].right_outer));
  CHECK(j[3].using_columns == std::vector<std::string>{"x", "y"});
  CHECK_FALSE(j[3].condition);
  CHECK(j[3].position.line == 2);
  CHECK((j[4].left && !j[4].right_outer));
  CHECK((!j[5].left && !j[5].right_outer));
  CHECK(j[0].position.column == 17);
  // RIGHT is still a function.
  CHECK(item("SELECT RIGHT(name, 2), LEFT(name, 1) FROM t")->op == "right");

  auto ex = where_of("SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)");
  CHECK(ex->kind == ExprKind::Exists);
  CHECK_FALSE(ex->negated);
  CHECK(ex->subquery->terms[0].spec->from->table == "u");
  auto not_exists = parse_statement("SELECT 1 FROM t WHERE NOT EXISTS (SELECT 1) AND NOT (EXISTS (SELECT 2))");
  const Expr& both = *first_spec(*not_exists).where;
  CHECK(both.children[0]->kind == ExprKind::Exists);
  CHECK(both.children[0]->negated);
  CHECK(both.children[0]->position.column == 23);
  CHECK(both.children[1]->kind == ExprKind::Exists);
  CHECK(both.children[1]->negated);
  CHECK(item("SELECT exists FROM t")->kind == ExprKind::Column);
}

TEST_CASE("parser: POSITION, SUBSTRING, TRIM, regular expressions, IS DISTINCT FROM", "[parser]") {
  auto pos = item("SELECT POSITION('@' IN email) FROM t");
  CHECK(pos->op == "position");
  CHECK(pos->children[0]->value.text() == "@");
  CHECK(pos->children[1]->path[0].name == "email");
  auto sub = item("SELECT SUBSTRING(name FROM 2 FOR 3) FROM t");
  CHECK(sub->op == "substring");
  REQUIRE(sub->children.size() == 3);
  CHECK(sub->children[1]->value.text() == "2");
  CHECK(item("SELECT SUBSTRING(name FROM 2) FROM t")->children.size() == 2);
  auto sub_for = item("SELECT SUBSTRING(name FOR 3) FROM t");
  CHECK(sub_for->children[1]->value.text() == "1");
  CHECK(sub_for->children[2]->value.text() == "3");
  CHECK(item("SELECT SUBSTRING(name, 2, 3) FROM t")->children.size() == 3);
  auto lead = item("SELECT TRIM(LEADING '0' FROM code) FROM t");
  CHECK(lead->op == "ltrim");
  CHECK(lead->children[0]->path[0].name == "code");
  CHECK(lead->children[1]->value.text() == "0");
  CHECK(item("SELECT TRIM(TRAILING FROM code) FROM t")->op == "rtrim");
  CHECK(item("SELECT TRIM(TRAILING FROM code) FROM t")->children.size() == 1);
  CHECK(item("SELECT TRIM(BOTH 'x' FROM code) FROM t")->op == "trim");
  CHECK(item("SELECT TRIM('x' FROM code) FROM t")->children.size() == 2);
  CHECK(item("SELECT TRIM(code) FROM t")->children.size() == 1);

  auto re = where_of("SELECT 1 FROM t WHERE a ~ '^x' AND b ~* 'y' AND c !~ 'z' AND d !~* 'w'");
  const Expr& a = *re->children[0]->children[0]->children[0];
  CHECK(a.op == "regexp_like");
  CHECK(a.children.size() == 2);
  const Expr& b = *re->children[0]->children[0]->children[1];
  CHECK(b.children.size() == 3);
  CHECK(b.children[2]->value.text() == "i");
  const Expr& c = *re->children[0]->children[1];
  CHECK(c.kind == ExprKind::Not);
  CHECK(c.children[0]->op == "regexp_like");
  CHECK(re->children[1]->children[0]->children.size() == 3);
  auto similar = where_of("SELECT 1 FROM t WHERE a NOT SIMILAR TO '(x|y)%' ESCAPE '!'");
  CHECK(similar->kind == ExprKind::Not);
  CHECK(similar->children[0]->op == "similar_to");
  CHECK(similar->children[0]->children.size() == 3);

  auto dist = where_of("SELECT 1 FROM t WHERE a IS DISTINCT FROM b + 1 OR a IS NOT DISTINCT FROM NULL");
  CHECK(dist->kind == ExprKind::Or);
  CHECK(dist->children[0]->kind == ExprKind::IsDistinctFrom);
  CHECK_FALSE(dist->children[0]->negated);
  CHECK(dist->children[0]->children[1]->kind == ExprKind::Binary);
  CHECK(dist->children[1]->negated);
  CHECK(syntax_error("SELECT 1 FROM t WHERE a ~").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM t WHERE a ! b").sqlstate() == "42000");
  // The words are still names.
  auto names = parse_statement("SELECT position, substring, trim, both, leading, similar, filter, over, partition, range, "
                               "current, window, within, groups, cube, sets, using, for FROM t");
  for (const auto& i : first_spec(*names).items) CHECK(i.expr->kind == ExprKind::Column);
}

TEST_CASE("parser: what the ODBC driver makes of the escapes BI tools send parses", "[parser]") {
  // driver/escapes.cpp rewrites {fn ...}, {d ...}, {ts ...} and {oj ...} into this dialect.
  for (const char* escaped : {
           "{fn CURDATE()}", "{fn CURTIME()}", "{fn NOW()}", "{fn CURRENT_DATE()}", "{fn CURRENT_TIME(3)}",
           "{fn CURRENT_TIMESTAMP(6)}", "{fn YEAR({d '2026-01-31'})}", "{fn MONTH(order_date)}",
           "{fn QUARTER(order_date)}", "{fn WEEK(order_date)}", "{fn DAYOFWEEK(order_date)}",
           "{fn DAYOFMONTH(order_date)}", "{fn DAYOFYEAR(order_date)}", "{fn DAYNAME(order_date)}",
           "{fn MONTHNAME(order_date)}", "{fn HOUR({t '10:20:30'})}", "{fn MINUTE(ts)}", "{fn SECOND(ts)}",
           "{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2026-01-31 10:20:30'})}",
           "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, {d '2026-01-01'}, order_date)}", "{fn EXTRACT(YEAR FROM order_date)}",
           "{fn CONVERT(order_date, SQL_TYPE_DATE)}", "{fn POSITION('a' IN name)}", "{fn LOCATE('a', name)}",
           "{fn SUBSTRING(name, 1, 2)}", "{fn LEFT(name, 2)}", "{fn RIGHT(name, 2)}", "{fn LTRIM(name)}",
           "{fn TRUNCATE(total, 2)}", "{fn IFNULL(total, 0)}", "{fn CHAR_LENGTH(name)}",
       }) {
    std::string sql = dynamosql::odbc::translate_escapes(std::string("SELECT ") + escaped + " FROM orders");
    INFO(escaped << " -> " << sql);
    CHECK_NOTHROW(parse_statement(sql));
  }
  CHECK_NOTHROW(parse_statement(dynamosql::odbc::translate_escapes(
      "SELECT * FROM {oj customers c RIGHT OUTER JOIN orders o ON o.customer_id = c.customer_id} "
      "WHERE o.order_date >= {d '2026-01-01'} AND o.created < {ts '2026-02-01 00:00:00'}")));
}

TEST_CASE("parser: parenthesised and nested joins", "[parser]") {
  // A group written first is the left-deep chain itself, at any depth.
  auto left = parse_statement("SELECT 1 FROM ((a JOIN b ON a.k = b.k) LEFT JOIN c USING (k)) RIGHT JOIN d ON d.k = c.k");
  const auto& chain = first_spec(*left);
  CHECK(chain.from->table == "a");
  REQUIRE(chain.joins.size() == 3);
  CHECK((chain.joins[0].right->table == "b" && chain.joins[1].right->table == "c" && chain.joins[2].right->table == "d"));
  CHECK((chain.joins[1].left && chain.joins[1].using_columns == std::vector<std::string>{"k"}));
  CHECK(chain.joins[2].right_outer);

  // A group on the right stays one relation, nested to any depth.
  auto right = parse_statement("SELECT 1 FROM a LEFT JOIN (b JOIN (c FULL JOIN d ON c.k = d.k) ON b.k = c.k) ON a.k = b.k");
  const auto& outer = first_spec(*right);
  REQUIRE(outer.joins.size() == 1);
  CHECK(outer.joins[0].left);
  const auto& group = outer.joins[0].right->joined;
  REQUIRE(group);
  CHECK(group->first->table == "b");
  REQUIRE(group->joins.size() == 1);
  REQUIRE(group->joins[0].right->joined);
  CHECK(group->joins[0].right->joined->first->table == "c");
  CHECK((group->joins[0].right->joined->joins[0].left && group->joins[0].right->joined->joins[0].right_outer));

  // ODBC's and SQL-92's nested form: a LEFT JOIN b LEFT JOIN c ON x ON y is a LEFT JOIN (b LEFT JOIN c ON x) ON y.
  auto nested = parse_statement("SELECT 1 FROM a LEFT OUTER JOIN b LEFT OUTER JOIN c ON b.k = c.k ON a.k = b.k JOIN d ON d.k = a.k");
  const auto& n = first_spec(*nested);
  REQUIRE(n.joins.size() == 2);
  REQUIRE(n.joins[0].right->joined);
  CHECK(n.joins[0].right->joined->first->table == "b");
  CHECK(n.joins[0].right->joined->joins[0].right->table == "c");
  CHECK(n.joins[0].condition->text == "a.k = b.k");
  CHECK(n.joins[1].right->table == "d");
  CHECK_NOTHROW(parse_statement(dynamosql::odbc::translate_escapes(
      "SELECT * FROM {oj a LEFT OUTER JOIN b LEFT OUTER JOIN c ON b.k = c.k ON a.k = b.k}")));

  // A comma binds looser than JOIN: the items after it that a RIGHT or FULL join joins are one group.
  auto comma = parse_statement("SELECT 1 FROM a, b RIGHT JOIN c ON TRUE JOIN d ON TRUE, e LEFT JOIN f ON TRUE");
  const auto& cs = first_spec(*comma);
  REQUIRE(cs.joins.size() == 3);
  CHECK(cs.joins[0].comma);
  REQUIRE(cs.joins[0].right->joined);
  CHECK(cs.joins[0].right->joined->first->table == "b");
  CHECK(cs.joins[0].right->joined->joins.size() == 2);
  CHECK((cs.joins[1].comma && cs.joins[1].right->table == "e" && cs.joins[2].right->table == "f"));

  // Doubled parentheses hold the same joined table.
  auto doubled = parse_statement("SELECT 1 FROM ((a JOIN b ON a.k = b.k)) JOIN c ON TRUE LEFT JOIN (((d JOIN e ON TRUE))) ON TRUE");
  const auto& d = first_spec(*doubled);
  REQUIRE(d.joins.size() == 3);
  CHECK((d.from->table == "a" && d.joins[1].right->table == "c"));
  REQUIRE(d.joins[2].right->joined);
  CHECK(d.joins[2].right->joined->joins[0].right->table == "e");

  // A derived table still parses beside a group that starts the same way.
  auto derived = parse_statement("SELECT 1 FROM ((SELECT 1 AS k) UNION (SELECT 2)) AS t JOIN ((SELECT 1 AS k) u JOIN v ON u.k = v.k) ON t.k = u.k");
  CHECK(first_spec(*derived).from->subquery);
  CHECK(first_spec(*derived).joins[0].right->joined->first->subquery);

  // As PostgreSQL: no group without a join, no comma inside one, ON for each nested join.
  CHECK(syntax_error("SELECT 1 FROM (a)").column() == 17);
  CHECK(syntax_error("SELECT 1 FROM ((SELECT 1) AS a)").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM (a) JOIN b ON TRUE").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM (a, b)").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM a JOIN b, c ON TRUE").sqlstate() == "42000");
  CHECK(syntax_error("SELECT 1 FROM a LEFT JOIN b LEFT JOIN c ON TRUE").sqlstate() == "42000");
  Error alias = syntax_error("SELECT 1 FROM (a JOIN b ON a.k = b.k) AS j");
  CHECK(alias.sqlstate() == "0A000");
  CHECK(alias.column() == 42);
}
