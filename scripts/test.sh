#!/usr/bin/env bash
# README command 2: set up, build (warnings as errors), and run every test. Integration tests start
# their own DynamoDB Local (CTest fixture) on a free 127.0.0.1 port and stop it afterwards.
#   DYNAMOSQL_SANITIZE=1 scripts/test.sh   runs the suite under AddressSanitizer + UBSan in build-asan/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
build="$root/build"
extra=()
if [[ "${DYNAMOSQL_SANITIZE:-0}" == 1 ]]; then
  build="$root/build-asan"
  extra+=(-DDYNAMOSQL_SANITIZE=ON)
fi
cmake -S "$root" -B "$build" -DDYNAMOSQL_WERROR=ON "${extra[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure -j "$(nproc)" "$@"
