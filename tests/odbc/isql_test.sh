#!/usr/bin/env bash
# isql and iusql (unixODBC's command-line clients, ANSI and wide) against the registered driver and
# the DSN dynamosql_test: DDL, writes with row counts, queries, non-ASCII text and an error.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
table="isql_$$_$RANDOM"
run() {  # run CLIENT SQL... ; prints the client's output
  local client=$1; shift
  printf '%s\n' "$@" | "$client" -b -v -m40 dynamosql_test 2>&1
}

out=$(run isql "CREATE TABLE $table (id VARCHAR, PRIMARY KEY (id))" \
  "INSERT INTO $table (id, city, n) VALUES ('a', 'Zürich', 1.25), ('b', 'Oslo', 2)" \
  "UPDATE $table SET n = n * 2 WHERE id = 'a'" \
  "SELECT id, city, n FROM $table ORDER BY id")
echo "$out"
grep -q "SQLRowCount returns 2" <<<"$out" || fail "INSERT row count"
grep -q "SQLRowCount returns 1" <<<"$out" || fail "UPDATE row count"
grep -Eq "^\| a +\| Zürich +\| 2.5 +\|" <<<"$out" || fail "isql row a"
grep -Eq "^\| b +\| Oslo +\| 2 +\|" <<<"$out" || fail "isql row b"
grep -q "2 rows fetched" <<<"$out" || fail "isql row count of the query"

# The wide client: iusql sends UTF-16 to the driver's ...W entry points.
out=$(run iusql "SELECT id, n FROM $table WHERE id = 'a'" "SELECT COUNT(*) FROM (SELECT id FROM $table) AS t")
echo "$out"
grep -Eq "^\| a +\| 2.5 +\|" <<<"$out" || fail "iusql row"
grep -Eq "^\| 2 +\|" <<<"$out" || fail "iusql wrapped count"

# Errors reach the client with their SQLSTATE (isql is an ODBC 2 application: the driver manager
# shows 42000 as 37000 and 42S02 as S0002).
out=$(run isql "SELECT id FROM $table WHERE" || true)
echo "$out"
grep -Eq "\[(42000|37000)\].*syntax error" <<<"$out" || fail "syntax error SQLSTATE"
out=$(run isql "SELECT * FROM no_such_table_$$" || true)
grep -Eq "\[(42S02|S0002)\]" <<<"$out" || fail "missing table SQLSTATE"

out=$(run isql "DROP TABLE $table")
grep -q "SQLRowCount" <<<"$out" || fail "DROP TABLE"
echo "isql/iusql: all checks passed"
