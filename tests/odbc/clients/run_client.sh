#!/usr/bin/env bash
# Runs one real-client test against fresh sample tables: loads them with sample.py (boto3), runs
# COMMAND with DYNAMOSQL_SAMPLE_PREFIX (the tables are PREFIX_orders and PREFIX_customers) and
# DYNAMOSQL_SAMPLE_EXPECTED (the answers, see sample.py) in its environment, and drops the tables
# afterwards, whether the client passed or not. The ODBC environment (ODBCSYSINI with the DSN
# dynamosql_test) comes from CTest.
# usage: run_client.sh NAME COMMAND...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=$1; shift
work=$(mktemp -d)
export DYNAMOSQL_SAMPLE_PREFIX="cl_${name}_$$_$RANDOM"
export DYNAMOSQL_SAMPLE_EXPECTED="$work/expected.txt"
cleanup() {
  /usr/bin/python3 "$here/sample.py" drop "$DYNAMOSQL_SAMPLE_PREFIX" || true
  rm -rf "$work"
}
trap cleanup EXIT
/usr/bin/python3 "$here/sample.py" load "$DYNAMOSQL_SAMPLE_PREFIX" "$work"
"$@"
