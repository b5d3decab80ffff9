// Differential check: the same rows loaded into DynamoDB Local (through dynamosql) and into SQLite, and
// every portable query's answer compared. Missing attributes are NULL in SQLite. Integers and strings
// only (SQLite has no exact decimals), no division (SQLite divides integers), LIKE made case-sensitive.
// Dates (issue 16) are ISO 8601 text (`d`, some with a time and an offset) and epoch seconds (`e`); their
// queries are written once for each side, dynamosql's date types against SQLite's date functions.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "api/session.h"
#include "exec/evaluator.h"
#include "support/test_env.h"
#include "value/datetime.h"

using namespace dynamosql;

namespace {

const char* kWords[] = {"apple", "Banana", "cherry", "date", "elder", "fig"};

std::vector<std::string> sqlite_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (c) row += " | ";
      switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL: row += "NULL"; break;
        case SQLITE_INTEGER: row += std::to_string(sqlite3_column_int64(st, c)); break;
        default: row += reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      }
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  return rows;
}

std::vector<std::string> engine_rows(Session& session, const std::string& sql) {
  std::vector<std::string> rows;
  for (const auto& r : session.execute(sql)->fetch_all()) {
    std::string row;
    for (size_t c = 0; c < r.size(); ++c) {
      if (c) row += " | ";
      if (r[c].is_null_or_missing()) row += "NULL";
      else if (r[c].type() == ValueType::Bool) row += r[c].as_bool() ? "1" : "0";  // SQLite's booleans
      else row += value_to_text(r[c]);
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("differential: dynamosql agrees with SQLite on portable queries", "[integration][differential]") {
  std::string table = testing::unique_name("diff");
  auto client = testing::local_client();
  CreateTableRequest create;
  create.name = table;
  create.keys = {"id", ""};
  create.attribute_definitions = {{"id", "S"}};
  client->create_table(create);
  client->wait_until_active(table, std::chrono::seconds(30));

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  sqlite3_exec(db, "PRAGMA case_sensitive_like = ON", nullptr, nullptr, nullptr);
  REQUIRE(sqlite3_exec(db, ("CREATE TABLE \"" + table + "\" (id TEXT PRIMARY KEY, a INTEGER, b INTEGER, s TEXT, g TEXT, d TEXT, e INTEGER)").c_str(),
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  std::vector<WriteRequest> writes;
  for (int i = 0; i < 300; ++i) {
    char id[16];
    snprintf(id, sizeof id, "i%03d", i);
    Item item{{"id", Value::string(id)}};
    std::string a = "NULL", b = "NULL", s = "NULL", g = "NULL";
    if (i % 7 != 0) a = std::to_string((i * 37) % 23 - 5), item.emplace_back("a", Value::number_text(a));
    else if (i % 14 == 0) item.emplace_back("a", Value::null());  // stored NULL; the others are missing
    if (i % 5 != 0) b = std::to_string((i * 11) % 17), item.emplace_back("b", Value::number_text(b));
    if (i % 9 != 0) {
      std::string w = kWords[(i * 7) % 6];
      s = "'" + w + "'";
      item.emplace_back("s", Value::string(w));
    }
    g = std::string("'g") + std::to_string(i % 4) + "'";
    item.emplace_back("g", Value::string("g" + std::to_string(i % 4)));
    // A date every 13 days from 2025-11-03 with ties (i % 50), a time on some, an offset on others;
    // missing on every 11th item, a stored NULL on every 22nd. Epoch seconds of a moment on the same day.
    std::string d = "NULL", e = "NULL";
    if (i % 11 != 0) {
      int64_t day = 20395 + (i % 50) * 13;  // days since 1970-01-01
      std::string text = format_date(Date{static_cast<int32_t>(day)});
      if (i % 3 == 1) text += "T" + std::string(i % 2 ? "23:30:00Z" : "08:15:00Z");
      d = "'" + text + "'";
      item.emplace_back("d", Value::string(text));
      e = std::to_string(day * 86400 + (i % 24) * 3600 + 17);
      item.emplace_back("e", Value::number_text(e));
    } else if (i % 22 == 0) {
      item.emplace_back("d", Value::null());
    }
    normalise_item(item);
    writes.push_back({true, item});
    std::string insert = "INSERT INTO \"" + table + "\" VALUES ('" + id + "', " + a + ", " + b + ", " + s + ", " + g + ", " + d + ", " + e + ")";
    REQUIRE(sqlite3_exec(db, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    if (writes.size() == 25) {
      std::map<std::string, std::vector<WriteRequest>> request{{table, writes}};
      while (!request.empty()) request = client->batch_write_item(request).unprocessed;
      writes.clear();
    }
  }

  SessionSettings settings;
  settings.aws.endpoint = testing::local_endpoint();
  settings.aws.region = "us-east-1";
  settings.aws.access_key_id = "t";
  settings.aws.secret_access_key = "t";
  Session session(settings);

  const std::string T = "\"" + table + "\"";
  // {query, ordered}: unordered results are compared as sorted multisets.
  std::vector<std::pair<std::string, bool>> queries = {
      {"SELECT id, a, b, s FROM " + T, false},
      {"SELECT id FROM " + T + " WHERE a > 3", false},
      {"SELECT id FROM " + T + " WHERE a >= 0 AND b < 5", false},
      {"SELECT id FROM " + T + " WHERE a = 1 OR s = 'fig'", false},
      {"SELECT id FROM " + T + " WHERE NOT (a > 3)", false},
      {"SELECT id FROM " + T + " WHERE a <> 2", false},
      {"SELECT id FROM " + T + " WHERE a BETWEEN -2 AND 4", false},
      {"SELECT id FROM " + T + " WHERE a NOT BETWEEN -2 AND 4", false},
      {"SELECT id FROM " + T + " WHERE b IN (1, 3, 5)", false},
      {"SELECT id FROM " + T + " WHERE b NOT IN (1, 3, 5)", false},
      {"SELECT id FROM " + T + " WHERE s LIKE 'a%' OR s LIKE '%rr%' OR s LIKE '_a%'", false},
      {"SELECT id FROM " + T + " WHERE s IS NULL", false},
      {"SELECT id FROM " + T + " WHERE a IS NOT NULL AND s IS NOT NULL", false},
      {"SELECT id, a + b, a * 2 - b, -a FROM " + T, false},
      {"SELECT id, COALESCE(a, b, -100), CASE WHEN a > 5 THEN 'hi' WHEN a < 0 THEN 'lo' ELSE 'mid' END FROM " + T, false},
      {"SELECT id, s || '-' || g FROM " + T, false},
      {"SELECT DISTINCT s FROM " + T, false},
      {"SELECT DISTINCT a, g FROM " + T, false},
      {"SELECT COUNT(*), COUNT(a), COUNT(DISTINCT a), SUM(a), MIN(a), MAX(a), MIN(s), MAX(s) FROM " + T, true},
      {"SELECT g, COUNT(*), SUM(b), MIN(a), MAX(s) FROM " + T + " GROUP BY g", false},
      {"SELECT a, COUNT(*) FROM " + T + " GROUP BY a", false},
      {"SELECT s, g, COUNT(*) FROM " + T + " GROUP BY s, g HAVING COUNT(*) > 3", false},
      {"SELECT id, a FROM " + T + " ORDER BY a, id", true},
      {"SELECT id, a FROM " + T + " ORDER BY a DESC, id", true},
      {"SELECT id, s, b FROM " + T + " ORDER BY s, b DESC, id LIMIT 20 OFFSET 5", true},
      // ORDER BY ... LIMIT keeps only the first rows in a bounded heap: ties, NULLs (first ascending,
      // last descending), an OFFSET, a LIMIT past the end.
      {"SELECT id, a FROM " + T + " ORDER BY a DESC, id LIMIT 7", true},
      {"SELECT g, a FROM " + T + " ORDER BY g DESC, a LIMIT 15 OFFSET 3", true},
      {"SELECT s, b FROM " + T + " ORDER BY b, s LIMIT 1000", true},
      {"SELECT g, COUNT(*) FROM " + T + " GROUP BY g ORDER BY COUNT(*) DESC, g LIMIT 2", true},
      {"SELECT COUNT(*) FROM (SELECT * FROM " + T + " WHERE b > 8) AS t", true},
      {"SELECT x.g, x.n FROM (SELECT g, COUNT(*) AS n FROM " + T + " GROUP BY g) AS x WHERE x.n > 70", false},
      {"SELECT id FROM " + T + " WHERE a IN (SELECT b FROM " + T + " WHERE b > 10)", false},
      {"SELECT id FROM " + T + " WHERE a = (SELECT MAX(a) FROM " + T + ")", false},
      {"SELECT l.id, r.id FROM " + T + " l JOIN " + T + " r ON l.a = r.b WHERE l.g = 'g1' AND r.g = 'g2'", false},
      {"SELECT l.id, r.id FROM " + T + " l LEFT JOIN " + T + " r ON l.a = r.b AND r.g = 'g3' WHERE l.g = 'g0'", false},
      {"SELECT id FROM " + T + " WHERE g = 'g1' UNION ALL SELECT id FROM " + T + " WHERE a = 3", false},
      {"SELECT g, SUM(CASE WHEN s = 'apple' THEN 1 ELSE 0 END) FROM " + T + " GROUP BY g", false},
      // Window functions (issue 16): ranking with ties and NULLs, default and explicit frames,
      // LAG/LEAD, value functions, windows over groups, top-N per group, ORDER BY a window.
      {"SELECT id, ROW_NUMBER() OVER (PARTITION BY g ORDER BY a, id), RANK() OVER (PARTITION BY g ORDER BY a), "
       "DENSE_RANK() OVER (PARTITION BY g ORDER BY a DESC) FROM " + T, false},
      {"SELECT id, SUM(a) OVER (PARTITION BY g ORDER BY b), COUNT(*) OVER (PARTITION BY g ORDER BY b), "
       "COUNT(a) OVER (ORDER BY b), MAX(s) OVER (PARTITION BY g), MIN(a) OVER () FROM " + T, false},
      {"SELECT id, SUM(a) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING), "
       "MIN(a) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), "
       "COUNT(s) OVER (ORDER BY id ROWS 3 PRECEDING), MAX(b) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM " + T, false},
      {"SELECT id, SUM(b) OVER (ORDER BY a RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING), "
       "COUNT(*) OVER (PARTITION BY g ORDER BY a DESC RANGE BETWEEN CURRENT ROW AND 3 FOLLOWING), "
       "SUM(a) OVER (ORDER BY b RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), "
       "COUNT(*) OVER (ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM " + T, false},
      {"SELECT id, LAG(a) OVER (PARTITION BY g ORDER BY id), LEAD(a, 2, -1) OVER (ORDER BY id), "
       "LAG(s, 3) OVER (ORDER BY id), LEAD(b) OVER (PARTITION BY g ORDER BY b, id) FROM " + T, false},
      {"SELECT id, FIRST_VALUE(a) OVER (PARTITION BY g ORDER BY b, id), LAST_VALUE(a) OVER (PARTITION BY g ORDER BY b, id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING), "
       "NTH_VALUE(s, 2) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), "
       "NTILE(4) OVER (PARTITION BY g ORDER BY id), NTILE(7) OVER (ORDER BY id) FROM " + T, false},
      {"SELECT g, COUNT(*), SUM(COUNT(*)) OVER (ORDER BY g), RANK() OVER (ORDER BY SUM(b) DESC) FROM " + T + " GROUP BY g", false},
      {"SELECT id, g, a FROM (SELECT id, g, a, ROW_NUMBER() OVER (PARTITION BY g ORDER BY a DESC, id) AS rn FROM " + T +
       ") AS x WHERE rn <= 3", false},
      {"SELECT id, ROW_NUMBER() OVER (ORDER BY b DESC, id) AS rn FROM " + T + " ORDER BY rn LIMIT 10", true},
      {"SELECT id, SUM(a) OVER w, COUNT(*) OVER w FROM " + T + " WINDOW w AS (PARTITION BY g ORDER BY id)", false},
      // Sliding frames (review 3, item 9): MIN/MAX by a monotonic queue, SUM/COUNT adding and removing rows.
      {"SELECT id, MIN(a) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING), "
       "MAX(s) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING), "
       "MIN(b) OVER (ORDER BY a RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING), MAX(a) OVER (ORDER BY id DESC ROWS 3 PRECEDING), "
       "SUM(b) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 5 PRECEDING AND 5 PRECEDING), "
       "COUNT(a) OVER (ORDER BY id ROWS BETWEEN 7 PRECEDING AND 3 PRECEDING) FROM " + T, false},
      // PERCENT_RANK and CUME_DIST (exact here, double in SQLite: compared in millionths).
      {"SELECT id, CAST(ROUND(PERCENT_RANK() OVER (PARTITION BY g ORDER BY a NULLS FIRST) * 1000000) AS INTEGER), "
       "CAST(ROUND(CUME_DIST() OVER (ORDER BY b DESC NULLS LAST) * 1000000) AS INTEGER), "
       "CAST(ROUND(CUME_DIST() OVER (PARTITION BY s) * 1000000) AS INTEGER) FROM " + T, false},
      // Subqueries: correlated ones (hash-joined once decorrelated), EXISTS, IN and NOT IN with NULLs.
      {"SELECT id, (SELECT COUNT(*) FROM " + T + " i WHERE i.b = o.a) FROM " + T + " o", false},
      {"SELECT id, (SELECT SUM(i.b) FROM " + T + " i WHERE i.a = o.b AND i.g = 'g1') FROM " + T + " o", false},
      {"SELECT id, (SELECT MAX(i.s) FROM " + T + " i WHERE i.g = o.g AND i.a = o.a) FROM " + T + " o", false},
      {"SELECT id, (SELECT i.s FROM " + T + " i WHERE i.id = o.s) FROM " + T + " o", false},
      {"SELECT id FROM " + T + " o WHERE o.b > (SELECT MIN(i.a) FROM " + T + " i WHERE i.g = o.g AND i.s = o.s)", false},
      {"SELECT id FROM " + T + " o WHERE EXISTS (SELECT 1 FROM " + T + " i WHERE i.b = o.a AND i.s = 'fig')", false},
      {"SELECT id FROM " + T + " o WHERE NOT EXISTS (SELECT 1 FROM " + T + " i WHERE i.b = o.a AND i.g = 'g2')", false},
      {"SELECT id FROM " + T + " o WHERE o.a IN (SELECT i.b FROM " + T + " i WHERE i.g = o.g AND i.s = 'apple')", false},
      {"SELECT id FROM " + T + " o WHERE o.a NOT IN (SELECT i.a FROM " + T + " i WHERE i.s = o.s)", false},
      {"SELECT id, o.b IN (SELECT i.a FROM " + T + " i WHERE i.g = o.g AND i.b < 3) FROM " + T + " o", false},
      {"SELECT id FROM " + T + " WHERE b NOT IN (SELECT a FROM " + T + " WHERE g = 'g1')", false},
      {"SELECT COUNT(*) FROM " + T + " WHERE EXISTS (SELECT 1 FROM " + T + " WHERE a = 100)", true},
      // Aggregates (issue 16): FILTER on every aggregate, GROUP BY positions and expressions.
      {"SELECT COUNT(*) FILTER (WHERE a > 3), COUNT(b) FILTER (WHERE s IS NULL), SUM(a) FILTER (WHERE b < 5), "
       "MIN(s) FILTER (WHERE a < 0), MAX(b) FILTER (WHERE g = 'g2') FROM " + T, true},
      {"SELECT g, COUNT(*) FILTER (WHERE s LIKE '%e%'), SUM(b) FILTER (WHERE a IS NULL) FROM " + T +
       " GROUP BY g HAVING COUNT(*) FILTER (WHERE a > 0) > 10", false},
      {"SELECT a % 3, COUNT(*), SUM(b) FROM " + T + " GROUP BY 1", false},
      {"SELECT a % 3 AS r, COUNT(*), SUM(b) FROM " + T + " GROUP BY r", false},  // an output alias (LibreOffice)
      {"SELECT s, g, COUNT(*) FROM " + T + " GROUP BY 2, s ORDER BY 3 DESC, 1, 2", true},
      {"SELECT COALESCE(s, 'none') || g, MAX(a) FROM " + T + " GROUP BY COALESCE(s, 'none') || g", false},
      // Set operations and IS [NOT] DISTINCT FROM (issue 16): duplicates, NULLs (stored and missing)
      // equal to each other; SQLite has no INTERSECT ALL / EXCEPT ALL (set_operations.test has them).
      {"SELECT a FROM " + T + " WHERE g = 'g1' UNION SELECT b FROM " + T + " WHERE g = 'g2'", false},
      {"SELECT a, s FROM " + T + " WHERE g <> 'g3' INTERSECT SELECT b, s FROM " + T, false},
      {"SELECT a, s FROM " + T + " EXCEPT SELECT b, s FROM " + T + " WHERE g <> 'g0'", false},
      {"SELECT s, a % 2 FROM " + T + " UNION SELECT s, b % 2 FROM " + T + " ORDER BY 1, 2 LIMIT 12 OFFSET 2", true},
      {"SELECT g, COUNT(*) FROM (SELECT g, a FROM " + T + " UNION ALL SELECT g, b FROM " + T + " EXCEPT SELECT g, a FROM " + T +
       " WHERE s = 'fig') AS t GROUP BY g", false},
      {"SELECT id FROM " + T + " WHERE a IN (SELECT b FROM " + T + " WHERE g = 'g1' INTERSECT SELECT a FROM " + T + ")", false},
      {"SELECT id, a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b, s IS NOT DISTINCT FROM NULL FROM " + T, false},
      {"SELECT l.id, r.id FROM " + T + " l JOIN " + T + " r ON l.a IS NOT DISTINCT FROM r.b WHERE l.g = 'g1' AND r.g = 'g2'", false},
      // RIGHT and FULL joins (issue 16): ON conditions on one side, WHERE on the NULL side, several keys,
      // no equality at all, three items, and JOIN ... USING (merged column; COALESCE for FULL).
      {"SELECT l.id, r.id FROM " + T + " l RIGHT JOIN " + T + " r ON l.a = r.b AND l.g = 'g1' WHERE r.g = 'g2'", false},
      {"SELECT l.id, r.id FROM " + T + " l FULL JOIN " + T + " r ON l.a = r.b AND l.g = 'g1' AND r.g = 'g2'", false},
      {"SELECT l.id, r.id FROM " + T + " l FULL OUTER JOIN " + T + " r ON l.a = r.b AND l.s = r.s WHERE l.s IS NULL OR r.b > 10", false},
      {"SELECT l.id, r.id FROM " + T + " l RIGHT JOIN " + T + " r ON l.a > r.b + 12 AND l.g = r.g WHERE r.g <> 'g0'", false},
      {"SELECT a.id, b.id, c.id FROM " + T + " a LEFT JOIN " + T + " b ON b.a = a.b AND b.g = 'g1' RIGHT JOIN " + T +
       " c ON c.b = b.a AND c.s = 'fig' WHERE a.g IS NULL OR a.g <> 'g3'", false},
      {"SELECT r.g, COUNT(l.id), COUNT(*), SUM(l.b) FROM " + T + " l RIGHT JOIN " + T + " r ON l.a = r.b AND l.s = 'date' GROUP BY r.g", false},
      {"SELECT a, l.id, r.id FROM (SELECT id, a FROM " + T + " WHERE g = 'g1') AS l FULL JOIN (SELECT id, b AS a FROM " + T +
       " WHERE g = 'g2') AS r USING (a)", false},
      {"SELECT id, g, a, s FROM (SELECT id, g, a FROM " + T + " WHERE b = 3) AS l RIGHT JOIN (SELECT g, a, s FROM " + T + " WHERE b = 4) AS r USING (g, a)", false},
  };
  std::map<std::string, std::string> sqlite_dialect;  // a query's SQLite form where it differs
  // Dates: {dynamosql's query, SQLite's}, compared as sorted multisets (ORDER BY checked where it is the point).
  const std::vector<std::tuple<std::string, std::string, bool>> date_queries = {
      {"SELECT id, EXTRACT(YEAR FROM d), EXTRACT(MONTH FROM d), EXTRACT(DAY FROM d), EXTRACT(DOW FROM d), EXTRACT(DOY FROM d) FROM " + T,
       "SELECT id, CAST(strftime('%Y', d) AS INTEGER), CAST(strftime('%m', d) AS INTEGER), CAST(strftime('%d', d) AS INTEGER), "
       "CAST(strftime('%w', d) AS INTEGER), CAST(strftime('%j', d) AS INTEGER) FROM " + T, false},
      {"SELECT id FROM " + T + " WHERE d >= DATE '2026-03-01'", "SELECT id FROM " + T + " WHERE date(d) >= '2026-03-01'", false},
      {"SELECT id FROM " + T + " WHERE d < TIMESTAMP '2026-01-15 12:00:00' AND d > DATE '2025-12-01'",
       "SELECT id FROM " + T + " WHERE datetime(d) < '2026-01-15 12:00:00' AND date(d) > '2025-12-01'", false},
      {"SELECT id, CAST(d AS DATE) + 10, CAST(d AS DATE) - DATE '2026-01-01', CAST(DATE_TRUNC('month', d) AS VARCHAR) FROM " + T,
       "SELECT id, date(d, '+10 days'), CAST(julianday(date(d)) - julianday('2026-01-01') AS INTEGER), "
       "strftime('%Y-%m-01 00:00:00', d) FROM " + T, false},
      {"SELECT id, CAST(TO_TIMESTAMP(e) AS VARCHAR), CAST(TO_TIMESTAMP(e) + INTERVAL '90 minutes' AS VARCHAR) FROM " + T,
       "SELECT id, datetime(e, 'unixepoch'), datetime(e, 'unixepoch', '+90 minutes') FROM " + T, false},
      {"SELECT EXTRACT(YEAR FROM d) AS y, EXTRACT(MONTH FROM d) AS m, COUNT(*), MIN(id) FROM " + T +
       " GROUP BY EXTRACT(YEAR FROM d), EXTRACT(MONTH FROM d) ORDER BY y, m",
       "SELECT CAST(strftime('%Y', d) AS INTEGER) AS y, CAST(strftime('%m', d) AS INTEGER) AS m, COUNT(*), MIN(id) FROM " + T +
       " GROUP BY y, m ORDER BY y, m", true},
      {"SELECT id, CAST(d AS TIMESTAMP) AS t FROM " + T + " WHERE d IS NOT NULL ORDER BY t DESC, id LIMIT 40",
       "SELECT id, datetime(d) AS t FROM " + T + " WHERE d IS NOT NULL ORDER BY t DESC, id LIMIT 40", true},
      {"SELECT id FROM " + T + " WHERE e >= TIMESTAMP '2026-02-01' AND e < TIMESTAMP '2026-04-01'",
       "SELECT id FROM " + T + " WHERE datetime(e, 'unixepoch') >= '2026-02-01' AND datetime(e, 'unixepoch') < '2026-04-01'", false},
  };
  // ROLLUP, CUBE and GROUPING SETS (issue 16): SQLite 3.40 has none, so its side is the UNION ALL of
  // the plain GROUP BYs they stand for, GROUPING() a constant in each.
  const std::string each_g_s = "SELECT g, s, COUNT(*), SUM(a), 0 FROM " + T + " GROUP BY g, s";
  const std::vector<std::tuple<std::string, std::string, bool>> grouping_set_queries = {
      {"SELECT g, s, COUNT(*), SUM(a), GROUPING(g, s) FROM " + T + " GROUP BY ROLLUP (g, s)",
       each_g_s + " UNION ALL SELECT g, NULL, COUNT(*), SUM(a), 1 FROM " + T + " GROUP BY g UNION ALL SELECT NULL, NULL, COUNT(*), SUM(a), 3 FROM " + T, false},
      {"SELECT a % 3, s, COUNT(*), MAX(b), COUNT(DISTINCT g) FROM " + T + " GROUP BY CUBE (a % 3, s)",
       "SELECT a % 3, s, COUNT(*), MAX(b), COUNT(DISTINCT g) FROM " + T + " GROUP BY a % 3, s UNION ALL SELECT a % 3, NULL, COUNT(*), MAX(b), COUNT(DISTINCT g) FROM " +
           T + " GROUP BY a % 3 UNION ALL SELECT NULL, s, COUNT(*), MAX(b), COUNT(DISTINCT g) FROM " + T +
           " GROUP BY s UNION ALL SELECT NULL, NULL, COUNT(*), MAX(b), COUNT(DISTINCT g) FROM " + T, false},
      {"SELECT g, b, COUNT(*), MIN(s) FROM " + T + " GROUP BY GROUPING SETS ((g), (b), ()) HAVING COUNT(*) > 15",
       "SELECT g, NULL, COUNT(*), MIN(s) FROM " + T + " GROUP BY g HAVING COUNT(*) > 15 UNION ALL SELECT NULL, b, COUNT(*), MIN(s) FROM " + T +
           " GROUP BY b HAVING COUNT(*) > 15 UNION ALL SELECT NULL, NULL, COUNT(*), MIN(s) FROM " + T, false},
      {"SELECT g, s, SUM(b) FILTER (WHERE a > 0), GROUPING(s) FROM " + T + " WHERE b > 3 GROUP BY g, ROLLUP (s) ORDER BY GROUPING(s), g, s",
       "SELECT * FROM (SELECT g, s, SUM(CASE WHEN a > 0 THEN b END), 0 AS k FROM " + T + " WHERE b > 3 GROUP BY g, s UNION ALL SELECT g, NULL, "
       "SUM(CASE WHEN a > 0 THEN b END), 1 FROM " + T + " WHERE b > 3 GROUP BY g) ORDER BY k, g, s", true},
  };
  // Quantified comparisons (issue 16): SQLite has no ANY / ALL; its side spells SQL's three-valued rule
  // with EXISTS: ANY true if some comparison is, NULL if some is NULL, else false; ALL the other way.
  auto quantified = [&](bool all, const std::string& comparison, const std::string& where) {
    std::string rows = "EXISTS (SELECT 1 FROM " + T + " i WHERE " + where + " AND ";
    return "CASE WHEN " + rows + (all ? "NOT (" + comparison + ")) THEN 0" : comparison + ") THEN 1") + " WHEN " + rows + "(" +
           comparison + ") IS NULL) THEN NULL ELSE " + (all ? "1" : "0") + " END";
  };
  const std::vector<std::tuple<std::string, std::string, bool>> quantified_queries = {
      {"SELECT id, a > ANY (SELECT b FROM " + T + " WHERE g = 'g1'), a <= ALL (SELECT b FROM " + T + " WHERE s = 'fig'), "
       "s <> ANY (SELECT s FROM " + T + " WHERE b = 3) FROM " + T,
       "SELECT id, " + quantified(false, "o.a > i.b", "i.g = 'g1'") + ", " + quantified(true, "o.a <= i.b", "i.s = 'fig'") + ", " +
           quantified(false, "o.s <> i.s", "i.b = 3") + " FROM " + T + " o", false},
      {"SELECT id, b >= ALL (SELECT i.a FROM " + T + " i WHERE i.g = o.g AND i.s = o.s), b = ANY (SELECT i.a FROM " + T +
           " i WHERE i.g = o.g), b <> ALL (SELECT i.a FROM " + T + " i WHERE i.s = o.s), a < SOME (SELECT i.b FROM " + T + " i WHERE i.a = o.b) FROM " + T + " o",
       "SELECT id, " + quantified(true, "o.b >= i.a", "i.g = o.g AND i.s = o.s") + ", " + quantified(false, "o.b = i.a", "i.g = o.g") + ", " +
           quantified(true, "o.b <> i.a", "i.s = o.s") + ", " + quantified(false, "o.a < i.b", "i.a = o.b") + " FROM " + T + " o", false},
      {"SELECT id FROM " + T + " o WHERE o.a < ALL (SELECT i.b FROM " + T + " i WHERE i.g = o.g AND i.s = 'apple')",
       "SELECT id FROM " + T + " o WHERE NOT EXISTS (SELECT 1 FROM " + T + " i WHERE i.g = o.g AND i.s = 'apple' AND (o.a < i.b) IS NOT 1)", false},
  };
  // NATURAL joins (issue 16), the same in both dialects: columns named (SQLite's SELECT * orders them
  // otherwise), the merged ones unqualified only where both mean the left side's.
  queries.insert(queries.end(), {
      {"SELECT a, g, l.id, r.s FROM (SELECT id, a, g FROM " + T + " WHERE b < 5) AS l NATURAL JOIN (SELECT a, g, s FROM " + T + " WHERE b > 10) AS r", false},
      {"SELECT a, s, l.x, r.y FROM (SELECT id AS x, a, s FROM " + T + " WHERE g = 'g1') AS l NATURAL LEFT JOIN (SELECT id AS y, s, a FROM " + T +
       " WHERE g = 'g2') AS r", false},
      {"SELECT l.x, r.y, l.a, r.a FROM (SELECT id AS x, a FROM " + T + " WHERE g = 'g0') AS l NATURAL FULL JOIN (SELECT id AS y, a FROM " + T +
       " WHERE g = 'g3') AS r", false},
      {"SELECT COUNT(*) FROM (SELECT id AS x FROM " + T + " WHERE g = 'g0') AS l NATURAL JOIN (SELECT id AS y FROM " + T + " WHERE g = 'g1') AS r", true},
  });
  // WITH RECURSIVE (session 6), the same in both dialects: the rows as a graph from a to b (a cycle-rich
  // graph over small integers, with NULL and missing ends), walked with UNION until no new node and with
  // UNION ALL under a depth guard; a series; a chain from the rows whose a is NULL or missing.
  queries.insert(queries.end(), {
      {"WITH RECURSIVE r (v) AS (SELECT 0 UNION SELECT t.b FROM " + T + " t JOIN r ON t.a = r.v) SELECT v FROM r", false},
      {"WITH RECURSIVE r (v) AS (SELECT -5 UNION SELECT 3 UNION SELECT t.a FROM r JOIN " + T + " t ON t.b = r.v) SELECT v FROM r", false},
      {"WITH RECURSIVE w (v, depth) AS (SELECT 0, 0 UNION ALL SELECT t.b, w.depth + 1 FROM " + T + " t JOIN w ON t.a = w.v WHERE w.depth < 3) "
       "SELECT v, depth, COUNT(*) FROM w GROUP BY v, depth", false},
      {"WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) SELECT i, i * i - 7 FROM n", true},
      {"WITH RECURSIVE c (id, s, depth) AS (SELECT id, s, 0 FROM " + T + " WHERE a IS NULL AND g = 'g1' UNION ALL SELECT t.id, t.s, c.depth + 1 FROM " + T +
       " t JOIN c ON t.b = c.depth + 3 WHERE c.depth < 2 AND t.g = 'g1') SELECT id, s, depth FROM c", false},
      {"WITH RECURSIVE r (v) AS (SELECT 1 UNION SELECT t.b FROM " + T + " t JOIN r ON t.a = r.v), s (v, k) AS (SELECT v, 1 FROM r UNION ALL "
       "SELECT v, k + 1 FROM s WHERE k < 2) SELECT a.v, b.k FROM s a JOIN s b ON a.v = b.v AND a.k = b.k", false},
      // Held tables on the build side of hash joins, whose hash tables last across iterations, joined on
      // the working table's columns (in the keys and in a residual), and on a LEFT JOIN's right side.
      {"WITH RECURSIVE w (v, depth) AS (SELECT 0, 0 UNION SELECT t2.b, w.depth + 1 FROM w JOIN " + T + " t1 ON t1.a = w.v JOIN " + T +
       " t2 ON t2.a = t1.b AND t2.b <> w.v WHERE w.depth < 4) SELECT v, depth FROM w", false},
      {"WITH RECURSIVE w (v, hit, depth) AS (SELECT 0, 0, 0 UNION SELECT w.v + 1, t.b, w.depth + 1 FROM w LEFT JOIN " + T +
       " t ON t.a = w.v AND t.g = 'g1' WHERE w.depth < 6) SELECT v, hit, depth FROM w", false},
  });
  // WITH RECURSIVE whose recursive term reads the working table through a derived table (session 7),
  // beside a held table and with a held UNION ALL term; SQLite allows the name in no subquery, so its
  // side is the same walk written without one.
  const std::string walk = "WITH RECURSIVE w (v, depth) AS (SELECT 0, 0 UNION SELECT t.b, w.depth + 1 FROM w JOIN " + T +
                           " t ON t.a = w.v WHERE w.depth < 4) SELECT v, depth FROM w";
  const std::vector<std::tuple<std::string, std::string, bool>> derived_recursive_queries = {
      {"WITH RECURSIVE w (v, depth) AS (SELECT 0, 0 UNION SELECT s.b, s.depth FROM (SELECT t.b, w.depth + 1 AS depth FROM w JOIN " + T +
           " t ON t.a = w.v WHERE w.depth < 4) AS s) SELECT v, depth FROM w",
       walk, false},
      {"WITH RECURSIVE w (v, depth) AS (SELECT 0, 0 UNION SELECT t.b, s.depth FROM (SELECT v, depth + 1 AS depth FROM w WHERE depth < 4) AS s JOIN " +
           T + " t ON t.a = s.v) SELECT v, depth FROM w",
       walk, false},
      {"WITH RECURSIVE w (v) AS (SELECT 0 UNION SELECT x FROM (SELECT t.b AS x FROM w JOIN " + T + " t ON t.a = w.v UNION ALL SELECT a FROM " + T +
           " WHERE g = 'g2') AS s) SELECT v FROM w",
       "WITH RECURSIVE w (v) AS (SELECT 0 UNION SELECT a FROM " + T + " WHERE g = 'g2' UNION SELECT t.b FROM w JOIN " + T +
           " t ON t.a = w.v) SELECT v FROM w",
       false},
  };
  // Parenthesised joins (session 7): a group on the left is the chain itself; a group on the right is
  // evaluated as one relation and joined whole (an outer join keeps or NULL-extends the group's rows as
  // one), inner and outer joins inside and outside, USING and NATURAL across a group, three levels deep.
  // Each side is a quarter of the rows (NULLs, missing attributes, unmatched rows everywhere).
  auto part = [&](const char* g) { return "(SELECT id, a, b, s FROM " + T + " WHERE g = '" + std::string(g) + "')"; };
  const std::string P0 = part("g0"), P1 = part("g1"), P2 = part("g2"), P3 = part("g3");
  queries.insert(queries.end(), {
      {"SELECT x.id, y.id, z.id FROM (" + P0 + " x JOIN " + P1 + " y ON x.a = y.b) JOIN " + P2 + " z ON z.a = y.a", false},
      {"SELECT x.id, y.id, z.id FROM ((" + P0 + " x LEFT JOIN " + P1 + " y ON x.a = y.b) LEFT JOIN " + P2 + " z ON z.b = y.a) LEFT JOIN " + P3 +
       " w ON w.s = z.s AND w.b = 3", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y JOIN " + P2 + " z ON y.a = z.b) ON x.b = y.a", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y LEFT JOIN " + P2 + " z ON y.a = z.b AND z.s <> 'fig') ON x.b = y.b AND z.a IS NULL", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x RIGHT JOIN (" + P1 + " y JOIN " + P2 + " z ON y.b = z.b AND y.a < z.a) ON x.a = z.a AND x.b > 3", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x FULL JOIN (" + P1 + " y LEFT JOIN " + P2 + " z ON y.b = z.a) ON x.a = y.a AND x.s = z.s", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y RIGHT JOIN " + P2 + " z ON y.a = z.a) ON x.b = z.b WHERE y.id IS NULL", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x JOIN (" + P1 + " y FULL JOIN " + P2 + " z ON y.a = z.b) ON x.a = COALESCE(y.b, z.a)", false},
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y CROSS JOIN " + P2 + " z) ON x.a = y.a AND x.b = z.b", false},
      {"SELECT x.id, y.id, z.id, w.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y LEFT JOIN (" + P2 + " z JOIN " + P3 +
       " w ON z.a = w.a) ON y.b = z.b) ON x.a = y.a WHERE x.s IS NOT NULL", false},
      {"SELECT x.id, y.id, z.id, w.id FROM " + P0 + " x JOIN " + P3 + " w ON x.b = w.b LEFT JOIN (" + P1 + " y JOIN " + P2 +
       " z ON y.b = z.b) ON y.a = x.a AND z.a > w.a", false},
      {"SELECT a, x.id, y.id, z.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y JOIN " + P2 + " z USING (a)) USING (a)", false},
      {"SELECT b, x.id, y.id, z.id FROM " + P0 + " x JOIN (" + P1 + " y LEFT JOIN " + P2 + " z USING (b)) USING (b) WHERE x.a > 0", false},
      {"SELECT id, s, w.id, y.s, y.b, z.id FROM (SELECT id, s FROM " + T + " WHERE a > 8) w NATURAL LEFT JOIN ((SELECT s, b FROM " + T +
       " WHERE g = 'g1') y NATURAL JOIN (SELECT b, id FROM " + T + " WHERE g = 'g3') z)", false},
      {"SELECT x.g, COUNT(y.id), COUNT(z.id) FROM " + T + " x LEFT JOIN (" + P1 + " y JOIN " + P2 + " z ON y.a = z.a) ON x.b = y.b GROUP BY x.g", false},
  });
  // ODBC's and SQL-92's nested form without parentheses (SQLite has only the parenthesised one).
  const std::vector<std::tuple<std::string, std::string, bool>> nested_join_queries = {
      {"SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT OUTER JOIN " + P1 + " y LEFT OUTER JOIN " + P2 + " z ON y.a = z.b ON x.b = y.a",
       "SELECT x.id, y.id, z.id FROM " + P0 + " x LEFT OUTER JOIN (" + P1 + " y LEFT OUTER JOIN " + P2 + " z ON y.a = z.b) ON x.b = y.a", false},
      {"SELECT x.id, y.id, z.id, w.id FROM " + P0 + " x LEFT JOIN " + P1 + " y JOIN " + P2 + " z LEFT JOIN " + P3 +
       " w ON z.a = w.b ON y.b = z.b ON x.a = y.a",
       "SELECT x.id, y.id, z.id, w.id FROM " + P0 + " x LEFT JOIN (" + P1 + " y JOIN (" + P2 + " z LEFT JOIN " + P3 +
       " w ON z.a = w.b) ON y.b = z.b) ON x.a = y.a", false},
  };
  for (const auto* list : {&date_queries, &grouping_set_queries, &quantified_queries, &derived_recursive_queries, &nested_join_queries})
    for (const auto& [sql, sqlite_sql, ordered] : *list) queries.push_back({sql, ordered}), sqlite_dialect[sql] = sqlite_sql;
  for (const auto& [sql, ordered] : queries) {
    INFO(sql);
    auto expected = sqlite_rows(db, sqlite_dialect.count(sql) ? sqlite_dialect[sql] : sql);
    auto actual = engine_rows(session, sql);
    if (!ordered) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    CHECK(actual == expected);
  }
  // ORDER BY past work_memory_mb sorts on disk (sorted runs merged): 22,500 rows with NULLs, missing
  // attributes and ties, fully ordered so SQLite's order of ties does not matter; LIMIT past the budget.
  session.execute("SET work_memory_mb = 1")->fetch_all();
  for (const std::string tail : {"", " LIMIT 40 OFFSET 6000"}) {
    const std::string sql = "SELECT x.id, y.id, x.a, y.s, y.b FROM " + T + " x, " + T + " y WHERE x.g = 'g1' ORDER BY x.a DESC NULLS LAST, " +
                            "y.s NULLS FIRST, y.b DESC NULLS FIRST, x.id, y.id" + tail;
    INFO(sql);
    auto expected = sqlite_rows(db, sql);
    CHECK(expected.size() == (tail.empty() ? 22500u : 40u));
    CHECK(engine_rows(session, sql) == expected);
  }
  // GROUP BY, DISTINCT, UNION, INTERSECT and EXCEPT past work_memory_mb group partitions on disk:
  // 22,500 and 6,000 groups of the same cross product, in another order (sorted here).
  const std::string pairs = " FROM " + T + " x, " + T + " y WHERE x.g = 'g1'";
  for (const std::string& sql :
       {"SELECT x.id, y.id, COUNT(*), SUM(x.a + y.b), MAX(y.s)" + pairs + " GROUP BY x.id, y.id",
        "SELECT x.a, y.id, COUNT(*), COUNT(x.b), SUM(x.b), MIN(x.id), MAX(x.s), COUNT(DISTINCT x.s)" + pairs + " GROUP BY x.a, y.id",
        "SELECT DISTINCT x.a, y.id" + pairs, "SELECT x.id, y.id" + pairs + " UNION SELECT y.id, x.id FROM " + T + " x, " + T + " y WHERE x.g = 'g2'",
        "SELECT x.a, y.id" + pairs + " EXCEPT SELECT x.b, y.id" + pairs, "SELECT x.a, y.id" + pairs + " INTERSECT SELECT x.b, y.id" + pairs}) {
    INFO(sql);
    auto expected = sqlite_rows(db, sql), actual = engine_rows(session, sql);
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    CHECK(expected.size() > 1000);
    CHECK(actual == expected);
  }
  session.execute("SET work_memory_mb = 1024")->fetch_all();
  // UPDATE and DELETE with subqueries (issue 16): each write on both sides, then the whole table compared
  // (NOT IN over a subquery that returns NULLs deletes nothing).
  const std::vector<std::string> writes_with_subqueries = {
      "UPDATE " + T + " SET b = (SELECT MAX(a) FROM " + T + ") WHERE a IN (SELECT b FROM " + T + " WHERE g = 'g1')",
      "DELETE FROM " + T + " WHERE a < (SELECT MIN(b) FROM " + T + " WHERE s = 'fig') AND EXISTS (SELECT 1 FROM " + T + " WHERE s = 'date')",
      "DELETE FROM " + T + " WHERE s NOT IN (SELECT s FROM " + T + " WHERE b > 12)",
      "DELETE FROM " + T + " WHERE b NOT IN (SELECT a FROM " + T + " WHERE a IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM " + T + " WHERE a > 100)",
  };
  for (const auto& write : writes_with_subqueries) {
    INFO(write);
    REQUIRE(sqlite3_exec(db, write.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    session.execute(write)->fetch_all();
    const std::string all = "SELECT id, a, b, s FROM " + T;
    auto expected = sqlite_rows(db, all), actual = engine_rows(session, all);
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    CHECK(actual == expected);
  }
  sqlite3_close(db);
  client->delete_table(table);
}
