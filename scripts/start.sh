#!/usr/bin/env bash
# `npm start`: everything a fresh clone needs, then the server.
#   1. check Node and the installed dependencies
#   2. migrate the SQLite database (created in DATA_DIR, default ./data) through Prisma's WebAssembly engine
#   3. seed the demo deck (and a demo instructor while there is no instructor)
#   4. build Next.js when there is no build, or the sources changed since the last one
#   5. exec the server (one process: Next.js + socket.io on PORT), which prints its URL
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "start: $*" >&2
  exit 1
}

node_version="$(node -p 'process.versions.node' 2>/dev/null)" || fail "Node.js is not installed (need 20.19+ or 22+)."
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit((maj === 20 && min >= 19) || maj >= 22 ? 0 : 1);
' || fail "Node.js $node_version is too old: this app needs 20.19+ (or 22+)."

[ -d node_modules ] || fail "dependencies are missing: run \`npm install\` first (or \`npm install && npm start\`)."
[ -f generated/prisma/client.ts ] || npm run --silent db:generate || fail "could not generate the Prisma client (npm run db:generate)."

[ -f server/index.ts ] || fail "server/index.ts is missing: the server entry point has not been written yet."

echo "start: migrating the database"
npm run --silent db:migrate || fail "the database migration failed (see above). Check DATA_DIR / DATABASE_URL."

echo "start: seeding the demo deck"
npm run --silent db:seed || fail "seeding the database failed (see above)."

# Rebuild when there is no production build, or anything the build depends on is newer than it.
needs_build=0
if [ ! -f .next/BUILD_ID ]; then
  needs_build=1
elif [ -n "$(find app lib public content next.config.js postcss.config.mjs tsconfig.json package-lock.json \
  -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  echo "start: building the web app (next build)"
  npm run --silent build || fail "next build failed (see above)."
else
  echo "start: the web app build is up to date"
fi

exec npm run --silent serve
