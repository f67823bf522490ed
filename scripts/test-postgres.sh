#!/usr/bin/env bash
# The integration suite against PostgreSQL (issue 6: "a test runs the integration suite against Debian's
# postgresql started by the test script"). Starts a throwaway cluster on 127.0.0.1 (initdb + pg_ctl as the
# postgres user: PostgreSQL refuses to run as root), points the integration tests' database helper at it with
# TEST_POSTGRES_URL (each test database is a fresh CREATE DATABASE there), and removes everything afterwards.
#
#   bash scripts/test-postgres.sh [vitest args…]      (default: tests/integration)
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-postgres: installing Debian's postgresql (apt-get install -y postgresql)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "test-postgres: PostgreSQL is not installed. Install it with: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi
BIN="$(pg_bin)"

DIR="$(mktemp -d /tmp/irsa-pg-XXXXXX)"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres "$DIR"; fi
cleanup() {
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null

export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "test-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
if [ "$#" -eq 0 ]; then set -- tests/integration; fi
npx vitest run "$@"
