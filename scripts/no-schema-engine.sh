#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# `prisma generate` only checks that the file exists; migrations run through the WebAssembly engine (scripts/db-migrate.ts).
echo "native schema engine unavailable: use npm run db:migrate" >&2
exit 1
