import { defineConfig } from "prisma/config";

// Only the Prisma CLI reads this (generate; migrate on a machine with the native engine). The app and
// scripts/db-migrate.ts take the database from lib/config.ts: DATABASE_URL, else <DATA_DIR>/irsa-classroom.db.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: {
    url: process.env.DATABASE_URL || `file:${(process.env.DATA_DIR || "./data").replace(/\/+$/, "")}/irsa-classroom.db`,
  },
});
