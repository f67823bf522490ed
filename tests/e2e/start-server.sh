#!/usr/bin/env bash
# Playwright's webServer: a fresh database, a production build, then the real custom server (Next + socket.io
# on one port). Env comes from playwright.config.ts (PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL).
# E2E_SKIP_BUILD=1 reuses an existing .next build (faster local reruns).
set -euo pipefail
cd "$(dirname "$0")/../.."

rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
npx tsx scripts/db-migrate.ts deploy
npx tsx prisma/seed.ts
if [ "${E2E_SKIP_BUILD:-0}" != "1" ] || [ ! -f .next/BUILD_ID ]; then
  npx next build
fi
export NODE_ENV=production
exec node --import tsx server/index.ts
