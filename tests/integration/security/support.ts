import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";

/**
 * Every table of the database: its row count and a SHA-256 over all its rows in rowid order. Two equal
 * snapshots mean nothing was inserted, updated or deleted anywhere.
 */
export async function databaseSnapshot(prisma: PrismaClient): Promise<Record<string, { rows: number; sha256: string }>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY rowid`);
    const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    out[name] = { rows: rows.length, sha256: createHash("sha256").update(json).digest("hex") };
  }
  return out;
}

/** A stack-trace line ("at fn (file.ts:12:3)") or an internal path must never reach a client. */
export const STACK_TRACE = /\bat .*\.(ts|js|tsx):\d+|node_modules\/|\/work\//;
