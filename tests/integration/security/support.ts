import { createHash } from "node:crypto";
import { sqlDialect, type PrismaClient } from "@/lib/db/client";

/**
 * Every table of the database: its row count and a SHA-256 over all its rows in rowid order. Two equal
 * snapshots mean nothing was inserted, updated or deleted anywhere.
 */
export async function databaseSnapshot(prisma: PrismaClient): Promise<Record<string, { rows: number; sha256: string }>> {
  // On PostgreSQL (scripts/test-postgres.sh) the tables are listed by information_schema; rows go in id order.
  const postgres = sqlDialect(prisma) === "postgresql";
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    postgres
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY ${postgres ? '"id"' : "rowid"}`);
    const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    out[name] = { rows: rows.length, sha256: createHash("sha256").update(json).digest("hex") };
  }
  return out;
}

/** A stack-trace line ("at fn (file.ts:12:3)") or an internal path must never reach a client. */
export const STACK_TRACE = /\bat .*\.(ts|js|tsx):\d+|node_modules\/|\/work\//;
