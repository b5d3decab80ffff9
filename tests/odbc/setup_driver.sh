#!/usr/bin/env bash
# Installs the built driver the way a user does, in a private place: `cmake --install` into
# BUILD/odbc-install, `odbcinst -i -d` registers it and `odbcinst -i -s` adds the DSN dynamosql_test
# (pointing at the DynamoDB Local of the test fixture) in BUILD/odbc-sys, which the ODBC tests use as
# ODBCSYSINI. Nothing outside the build tree is touched.
# usage: setup_driver.sh BUILD_DIR DYNAMODB_LOCAL_STATE_DIR
set -euo pipefail
build=$1
state=$2
endpoint=$(cat "$state/endpoint")
prefix=$build/odbc-install
sys=$build/odbc-sys
rm -rf "$prefix" "$sys"
mkdir -p "$sys"
cmake --install "$build" --prefix "$prefix" >/dev/null
touch "$sys/odbcinst.ini" "$sys/odbc.ini"
export ODBCSYSINI=$sys ODBCINI=$sys/odbc.ini
odbcinst -i -d -f "$prefix/share/dynamosql/odbcinst.ini"
cat >"$sys/dsn.ini" <<INI
[dynamosql_test]
Driver = dynamosql
Endpoint = $endpoint
Region = us-east-1
AccessKeyId = test
SecretAccessKey = test
INI
odbcinst -i -s -l -f "$sys/dsn.ini"
odbcinst -q -d | grep -qx '\[dynamosql\]'
odbcinst -q -s -l | grep -qx '\[dynamosql_test\]'
echo "driver installed in $prefix, registered with DSN dynamosql_test in $sys"
