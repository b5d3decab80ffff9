#!/usr/bin/env bash
# README command 1: set up, build the console if needed (only its target: the engine, the grammar and
# the client, not the tests or the ODBC driver), start an embedded DynamoDB Local with the sample data
# and open the console on it; the server stops when the console exits. Arguments go to the console.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --console
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" --target dynamosql -j "$(nproc)" >&2
exec "$root/build/client/dynamosql" --local "$@"
