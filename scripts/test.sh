#!/usr/bin/env bash
# `npm test`: every test — unit, integration (real server on a free port) and end-to-end (Playwright, system Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: system Chromium missing at $CHROMIUM — installing Debian's chromium (apt-get install -y chromium)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: Playwright needs the system Chromium at $CHROMIUM (Playwright cannot download its own here)." >&2
    echo "      Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

# The multi-process test (tests/integration/multi-process.test.ts) starts Debian's redis-server itself.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: redis-server missing — installing Debian's redis-server (apt-get install -y redis-server)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "test: the multi-process test needs redis-server. Install it with: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
fi

[ -d generated/prisma ] && [ -d generated/prisma-pg ] || npm run db:generate

npx vitest run
# The integration suite again on PostgreSQL (DATABASE_URL=postgresql://…), started and removed by the script.
bash scripts/test-postgres.sh
npx playwright test
