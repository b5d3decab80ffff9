#!/usr/bin/env bash
# Benchmarks, each measured against what a user would otherwise use, in the same run, on private local
# servers: dynoxide (a fast server, so the client's own cost shows) and DynamoDB Local (the reference
# for behaviour). For each server:
#   1. a full scan of the table: boto3's paginated scan to CSV against the console (CSV with 1, 4 and 8
#      segments, JSON lines), COPY TO a file, a C client and pyodbc through the ODBC driver. For each:
#      rows/s, the ratio to boto3, CPU per row (user + system CPU of the process / rows) and peak RSS.
#      Every output is checked to hold exactly boto3's rows before anything is printed;
#   2. the server alone: raw Scan requests (1, 4 and 8 segments) whose items are skipped unread, with
#      the mean request time of the first and the last tenth of the pages (does a page cost more the
#      further the scan is?);
# then, on DynamoDB Local only (writes are the server's cost, the same for both clients):
#   3. loading the rows from JSON lines: COPY FROM vs boto3's batch_writer (best of two rounds each);
#   4. table-to-table copies: INSERT ... SELECT and UPSERT ... SELECT vs boto3 scan + batch_writer, and
#      the UPSERT split into 16 scan segments on Dask with 1, 2 and 4 worker processes;
#   5. parse + plan time per statement;
#   6. the peak memory (RSS) of an UPDATE of every item.
# usage: bench/run.sh [--million] [--items N] [--server dynoxide|dynamodb-local]... [--scan-only]
#   default: 100,000 items on both servers; --million: 1,000,000 items; --scan-only skips 3-6.
# Needs a build (scripts/test.sh or cmake --build build) and scripts/setup.sh's packages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"
items=100000
servers=()
scan_only=false
while (($#)); do
  case "$1" in
    --million) items=1000000 ;;
    --items) items=$2; shift ;;
    --server) servers+=("$2"); shift ;;
    --scan-only) scan_only=true ;;
    *) echo "usage: bench/run.sh [--million] [--items N] [--server dynoxide|dynamodb-local]... [--scan-only]" >&2; exit 2 ;;
  esac
  shift
done
((${#servers[@]})) || servers=(dynoxide dynamodb-local)
out=$(mktemp -d)
state=""
cleanup() { [[ -z "$state" ]] || "$root/scripts/dynamodb-local.sh" stop "$state"; rm -rf "$out"; }
trap cleanup EXIT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
query="SELECT pk, active, n, name, price FROM bench"

start_server() {
  state="$out/server-$1"
  DYNAMOSQL_LOCAL_SERVER=$1 "$root/scripts/dynamodb-local.sh" start "$state" $$ 2>/dev/null
  E=$(cat "$state/endpoint")
}
stop_server() { "$root/scripts/dynamodb-local.sh" stop "$state"; state=""; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
us_per_row() { awk -v c="$1" -v n="$2" 'BEGIN { printf "%.2f", c * 1e6 / n }'; }
ds() { "$build/client/dynamosql" --endpoint "$E" "$@"; }

# timed NAME COMMAND... : runs COMMAND with its standard output in $out/NAME.out; sets wall, cpu
# (user + system seconds) and rss (peak, MB) from /usr/bin/time.
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >"$out/$name.out"
  read -r wall user sys kb <"$out/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  rss=$((kb / 1024))
}

# row LABEL ROWS WALL CPU RSS: one line of the scan table.
row() {
  printf "  %-36s %9s rows/s  %6sx boto3  %6s us/row CPU  %5s MB peak RSS\n" \
    "$1" "$(rate "$2" "$3")" "$(ratio "$(rate "$2" "$3")" "$boto")" "$(us_per_row "$4" "$2")" "$5"
}

scan_benchmarks() {
  local server=$1
  echo "$server: loading $items items..." >&2
  "$build/bench/bench_tool" load "$E" bench "$items"

  timed boto3 /usr/bin/python3 "$root/bench/boto3_scan_to_csv.py" "$E" bench "$out/boto3.csv"
  boto=$(rate "$items" "$wall")
  local lines=()
  lines+=("$(row "boto3 paginated scan to CSV" "$items" "$wall" "$cpu" "$rss")")
  for segments in 1 4 8; do
    timed "csv$segments" "$build/client/dynamosql" --endpoint "$E" --scan-segments "$segments" --format csv -c "$query"
    /usr/bin/python3 "$root/bench/same_rows.py" "$out/boto3.csv" csv "$out/csv$segments.out"
    local label="console CSV, $segments segment$( ((segments > 1)) && echo s)"
    ((segments == 4)) && label+=" (default)" && console_rate=$(rate "$items" "$wall")
    lines+=("$(row "$label" "$items" "$wall" "$cpu" "$rss")")
  done
  timed jsonl "$build/client/dynamosql" --endpoint "$E" --format jsonl -c "$query"
  /usr/bin/python3 "$root/bench/same_rows.py" "$out/boto3.csv" jsonl "$out/jsonl.out"
  lines+=("$(row "console JSON lines" "$items" "$wall" "$cpu" "$rss")")
  timed copy "$build/client/dynamosql" --endpoint "$E" -c "COPY bench TO '$out/copy.csv'"
  /usr/bin/python3 "$root/bench/same_rows.py" "$out/boto3.csv" csv "$out/copy.csv"
  lines+=("$(row "COPY TO a CSV file (whole items)" "$items" "$wall" "$cpu" "$rss")")

  local connection="Driver=$build/driver/libdynamosqlodbc.so;Endpoint=$E;Region=us-east-1;AccessKeyId=bench;SecretAccessKey=bench"
  timed odbc "$build/bench/odbc_fetch" "$connection" "$query"
  read -r fetched seconds cpu_used <"$out/odbc.out"
  [[ "$fetched" == "$items" ]] || { echo "the ODBC client fetched $fetched rows, expected $items" >&2; exit 1; }
  lines+=("$(row "C client via ODBC (SQLGetData)" "$items" "$seconds" "$cpu_used" "$rss")")
  timed pyodbc /usr/bin/python3 "$root/bench/pyodbc_fetch.py" "$build/driver/libdynamosqlodbc.so" "$E" "$query" "$out/pyodbc.csv"
  read -r fetched seconds cpu_used <"$out/pyodbc.out"
  /usr/bin/python3 "$root/bench/same_rows.py" "$out/boto3.csv" plain "$out/pyodbc.csv"
  lines+=("$(row "pyodbc fetchall (all of Python's CPU)" "$items" "$seconds" "$cpu_used" "$rss")")
  timed pyodbc_stream /usr/bin/python3 "$root/bench/pyodbc_fetch.py" "$build/driver/libdynamosqlodbc.so" "$E" "$query" "$out/pyodbc_stream.csv" stream
  read -r fetched seconds cpu_used <"$out/pyodbc_stream.out"
  /usr/bin/python3 "$root/bench/same_rows.py" "$out/boto3.csv" plain "$out/pyodbc_stream.csv"
  lines+=("$(row "pyodbc fetchmany(1000), streamed" "$items" "$seconds" "$cpu_used" "$rss")")
  local pyodbc_share
  pyodbc_share=$(ratio "$(rate "$items" "$seconds")" "$console_rate")

  echo "$server, full scan of $items items of about 150 bytes (every output checked equal to boto3's):"
  printf "%s\n" "${lines[@]}"
  echo "  (pyodbc fetchall: ${pyodbc_share}x the rows/s of the console's CSV with 4 segments)"
  echo "$server alone: raw Scan requests, items skipped unread (mean request time, first / last tenth of pages):"
  for segments in 1 4 8; do
    read -r n requests seconds first last < <("$build/bench/bench_tool" raw-scan "$E" bench "$segments")
    [[ "$n" == "$items" ]] || { echo "raw scan read $n items, expected $items" >&2; exit 1; }
    printf "  %d segment%-2s %9s items/s  %5d requests  %7.1f / %7.1f ms\n" "$segments" \
      "$( ((segments > 1)) && echo s)" "$(rate "$items" "$seconds")" "$requests" "$first" "$last"
  done
}

load_benchmarks() {
  # The JSON lines file is the table exported by COPY TO.
  ds -c "COPY bench TO '$out/bench.jsonl'" >/dev/null 2>&1
  # Two rounds, alternating, best of each: a single run of either swings by 10-15% on a 2-core machine
  # where DynamoDB Local's one SQLite thread is the bottleneck.
  best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
  local boto_load=0 copy_load=0 round n t0 t1
  now() { date +%s.%N; }
  span() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
  for round in 1 2; do
    t0=$(now); n=$(/usr/bin/python3 "$root/bench/boto3_write.py" "$E" load "$out/bench.jsonl" load_boto3_$round); t1=$(now)
    [[ "$n" == "$items" ]] || { echo "boto3 loaded $n items, expected $items" >&2; exit 1; }
    boto_load=$(best "$boto_load" "$(rate "$items" "$(span "$t0" "$t1")")")
    ds -c "CREATE TABLE load_copy_$round (pk VARCHAR PRIMARY KEY)" >/dev/null
    t0=$(now); ds -c "COPY load_copy_$round FROM '$out/bench.jsonl'" >/dev/null; t1=$(now)
    copy_load=$(best "$copy_load" "$(rate "$items" "$(span "$t0" "$t1")")")
  done
  t0=$(now); n=$(/usr/bin/python3 "$root/bench/boto3_write.py" "$E" copy bench copy_boto3); t1=$(now)
  [[ "$n" == "$items" ]] || { echo "boto3 copied $n items, expected $items" >&2; exit 1; }
  local boto_copy insert_copy upsert_copy
  boto_copy=$(rate "$items" "$(span "$t0" "$t1")")
  ds -c "CREATE TABLE copy_insert (pk VARCHAR PRIMARY KEY)" -c "CREATE TABLE copy_upsert (pk VARCHAR PRIMARY KEY)" >/dev/null
  t0=$(now); ds -c "INSERT INTO copy_insert SELECT * FROM bench" >/dev/null; t1=$(now)
  insert_copy=$(rate "$items" "$(span "$t0" "$t1")")
  t0=$(now); ds -c "UPSERT INTO copy_upsert SELECT * FROM bench" >/dev/null; t1=$(now)
  upsert_copy=$(rate "$items" "$(span "$t0" "$t1")")
  # The same copy on Dask: 16 scan segments as tasks over 1, 2 and 4 worker processes.
  local -A dask_copy
  local w seconds
  for w in 1 2 4; do
    ds -c "CREATE TABLE copy_dask_$w (pk VARCHAR PRIMARY KEY)" >/dev/null
    read -r n seconds < <(PYTHONPATH="$root/python" /usr/bin/python3 "$root/bench/dask_copy.py" \
      "$build/driver/libdynamosqlodbc.so" "$E" bench "copy_dask_$w" "$w" 16)
    [[ "$n" == "$items" ]] || { echo "Dask with $w workers copied $n items, expected $items" >&2; exit 1; }
    dask_copy[$w]=$(rate "$items" "$seconds")
  done
  # Every loaded or copied table holds exactly the source's items.
  for t in load_boto3_1 load_boto3_2 load_copy_1 load_copy_2 copy_boto3 copy_insert copy_upsert copy_dask_1 copy_dask_2 copy_dask_4; do
    ds -c "COPY $t TO '$out/$t.jsonl'" >/dev/null 2>&1
    if ! diff -q <(sort "$out/bench.jsonl") <(sort "$out/$t.jsonl") >/dev/null; then
      echo "MISMATCH: table $t does not hold the source's items" >&2
      exit 1
    fi
  done
  echo "Loads and copies on DynamoDB Local, $items items (rows/s, higher is better; contents checked equal):"
  printf "  boto3 batch_writer from JSONL   %8s\n" "$boto_load"
  printf "  COPY FROM JSON lines            %8s  (%sx boto3)\n" "$copy_load" "$(ratio "$copy_load" "$boto_load")"
  printf "  boto3 scan + batch_writer       %8s\n" "$boto_copy"
  printf "  INSERT ... SELECT               %8s  (%sx boto3)\n" "$insert_copy" "$(ratio "$insert_copy" "$boto_copy")"
  printf "  UPSERT ... SELECT               %8s  (%sx boto3)\n" "$upsert_copy" "$(ratio "$upsert_copy" "$boto_copy")"
  for w in 1 2 4; do
    printf "  Dask, 16 segments, %d worker%s    %8s  (%sx one dynamosql process)\n" "$w" "$([[ $w == 1 ]] && echo " " || echo s)" \
      "${dask_copy[$w]}" "$(ratio "${dask_copy[$w]}" "$upsert_copy")"
  done
  echo "Parse + plan per statement:"
  "$build/bench/bench_tool" plan "$E" bench
  # An UPDATE whose values can fail keeps at most 1,000 items: the rest of its peak is the Scan's
  # read-ahead (two pages per segment), so it does not grow with the table.
  echo "UPDATE bench SET n = n + 1, $items items (peak resident memory of the console):"
  for segments in 4 1; do
    timed update "$build/client/dynamosql" --endpoint "$E" --scan-segments "$segments" -c "UPDATE bench SET n = n + 1"
    [[ "$(cat "$out/update.out")" == "$items rows updated" ]] || { echo "UPDATE said: $(cat "$out/update.out")" >&2; exit 1; }
    printf "  %d scan segment(s)              %5d MB\n" "$segments" "$rss"
  done
}

for server in "${servers[@]}"; do
  start_server "$server"
  scan_benchmarks "$server"
  if [[ "$server" == dynamodb-local && "$scan_only" == false ]]; then load_benchmarks; fi
  stop_server
done
