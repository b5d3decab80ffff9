#!/usr/bin/env bash
# README command 1: set up, build if needed, start an embedded DynamoDB Local with the sample data and
# open the console on it; the server stops when the console exits.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" -j "$(nproc)" >&2
exec "$root/build/client/dynamosql" --local "$@"
