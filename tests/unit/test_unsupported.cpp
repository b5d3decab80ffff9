// The syntax the planner does not implement yet is 0A000 "... is not supported yet" at the construct's
// line:column (plan/unsupported.h), wherever it stands in a statement; what works today passes.
#include <catch2/catch.hpp>

#include "dynamosql/error.h"
#include "plan/unsupported.h"
#include "sql/parser.h"

using namespace dynamosql;

namespace {
struct Refusal {
  std::string sqlstate, message;
  int line = 0, column = 0;
};

Refusal refusal(const std::string& sql) {
  try {
    reject_unsupported(*parse_statement(sql));
  } catch (const Error& e) {
    return {e.sqlstate(), e.what(), e.line(), e.column()};
  }
  return {"accepted", "", 0, 0};
}
}  // namespace

TEST_CASE("unsupported: each construct is 0A000 at its position", "[unsupported]") {
  struct Case {
    const char* sql;
    const char* says;
    int column;
  };
  const Case cases[] = {
      {"SELECT a, ROW_NUMBER() OVER (ORDER BY CAST(a AS TIMETZ)) FROM t", "CAST to TIMETZ", 39},
      {"SELECT COUNT(*) FILTER (WHERE CAST(a AS TIMETZ)) FROM t", "CAST to TIMETZ", 31},
      {"SELECT CAST(d AS TIME WITH TIME ZONE) FROM t", "CAST to TIME WITH TIME ZONE", 8},
      {"SELECT 1 FROM t WHERE CAST(a AS TIMETZ) IS NULL", "CAST to TIMETZ", 23},
  };
  for (const auto& c : cases) {
    INFO(c.sql);
    Refusal r = refusal(c.sql);
    CHECK(r.sqlstate == "0A000");
    CHECK(r.message.find(c.says) != std::string::npos);
    CHECK(r.message.find("is not supported yet") != std::string::npos);
    CHECK(r.line == 1);
    CHECK(r.column == c.column);
  }
}

TEST_CASE("unsupported: found anywhere in a statement", "[unsupported]") {
  for (const char* sql : {
           "SELECT (SELECT MAX(a) FROM u WHERE CAST(u.d AS TIMETZ)) FROM t",
           "SELECT 1 FROM t WHERE a IN (SELECT b FROM u WHERE b IN (WITH x AS (SELECT CAST(1 AS TIMETZ)) SELECT * FROM x))",
           "SELECT a FROM t ORDER BY CAST(a AS TIMETZ)",
           "SELECT a FROM t GROUP BY a HAVING CAST(MAX(d) AS TIMETZ)",
           "SELECT 1 FROM t LIMIT (SELECT COUNT(*) FILTER (WHERE CAST(a AS TIMETZ)) FROM u)",
           "EXPLAIN SELECT CAST('a' AS TIMETZ)",
           "INSERT INTO t (a) VALUES (CAST('a' AS TIMETZ))",
           "INSERT INTO t VALUE {'a': CAST('a' AS TIMETZ)}",
           "UPDATE t SET a = CAST('a' AS TIMETZ) WHERE k = 1",
           "UPDATE t SET a = 1 WHERE a IN (WITH x AS (SELECT CAST(1 AS TIMETZ)) SELECT * FROM x)",
           "DELETE FROM t WHERE CAST(d AS TIMETZ)",
           "COPY (WITH x AS (SELECT CAST(1 AS TIMETZ)) SELECT * FROM x) TO 'f.csv'",
       }) {
    INFO(sql);
    CHECK(refusal(sql).sqlstate == "0A000");
  }
  // A position on a later line.
  Refusal r = refusal("SELECT a\nFROM t\nWHERE CAST(a AS TIMETZ)");
  CHECK(r.line == 3);
  CHECK(r.column == 7);
}

TEST_CASE("unsupported: what works today is not refused", "[unsupported]") {
  for (const char* sql : {
           "SELECT a, COUNT(*) FROM t GROUP BY a ORDER BY 2 DESC",
           "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3",
           "SELECT 1 UNION SELECT 2 INTERSECT ALL SELECT 3 EXCEPT SELECT 4",
           "SELECT * FROM (SELECT 1 UNION SELECT 2) AS s WHERE a IS NOT DISTINCT FROM 1",
           "INSERT INTO t (a) SELECT a FROM u EXCEPT ALL SELECT a FROM v",
           "SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM u) AND NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
           "WITH a AS (SELECT 1), b (x) AS (SELECT * FROM a) SELECT * FROM b",
           "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
           "SELECT c.name FROM c LEFT JOIN o ON o.k = c.k CROSS JOIN p",
           "SELECT 1 FROM a RIGHT JOIN b ON a.x = b.x FULL OUTER JOIN c USING (x)",
           "SELECT SUBSTRING(a FROM 2 FOR 3), SUBSTRING(a FOR 2), TRIM(a), TRIM(LEADING FROM a), RIGHT(a, 2) FROM t",
           "SELECT CAST(a AS VARCHAR), CAST(a AS DECIMAL(10, 2)) FROM t",
           "SELECT date, year, position, partition FROM t WHERE date > '2026-01-01'",
           "SELECT EXTRACT(YEAR FROM d), CURRENT_DATE, CAST(d AS TIMESTAMP WITH TIME ZONE) FROM t WHERE d > DATE '2026-01-31'",
           "DELETE FROM t WHERE d < CURRENT_DATE - INTERVAL '30' DAY",
           "SELECT POSITION('x' IN a), TRIM(LEADING '0' FROM a), TRIM(BOTH ' ' FROM a) FROM t WHERE a ~ 'x' OR a !~* 'y'",
           "SELECT 1 FROM t WHERE a IN (SELECT b FROM u) AND NOT (a = 1)",
           "SELECT region, COUNT(*), GROUPING(region) FROM t GROUP BY ROLLUP (region), CUBE (a)",
           "SELECT 1 FROM t NATURAL LEFT JOIN u WHERE a > ALL (SELECT b FROM u) AND a NOT SIMILAR TO 'x%' ESCAPE '!'",
           "INSERT INTO t (a) VALUES (1)",
           "UPDATE t SET a = a + 1 WHERE k = 1",
           "SHOW TABLES",
       }) {
    INFO(sql);
    CHECK(refusal(sql).sqlstate == "accepted");
  }
}
