import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A throw-away folder for a test's database and signing key. */
export function tempDir(prefix = "irsa-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

import { resetConfigCache } from "@/lib/config";
import { createPrisma, provideSharedPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

/**
 * A fresh, migrated SQLite database in a temp folder, wired as the process's config and shared Prisma client,
 * so route handlers (which call getConfig()/getPrisma()) run against it.
 */
export async function useTempDatabase(): Promise<{ prisma: PrismaClient; url: string; dir: string; cleanup: () => Promise<void> }> {
  const t = tempDir();
  const url = `file:${path.join(t.dir, "test.db")}`;
  process.env.DATA_DIR = t.dir;
  process.env.DATABASE_URL = url;
  delete process.env.AUTH_SECRET;
  resetConfigCache();
  await migrateDatabase(url);
  const prisma = createPrisma(url);
  provideSharedPrisma(prisma);
  return {
    prisma,
    url,
    dir: t.dir,
    cleanup: async () => {
      await prisma.$disconnect();
      t.cleanup();
    },
  };
}

/** A JSON request to a route handler, with an optional Cookie header. */
export function jsonRequest(
  method: string,
  urlPath: string,
  body?: unknown,
  init: { cookie?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = init.cookie;
  return new Request(`http://localhost:3000${urlPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** "irsa_session=<token>" from a Set-Cookie response header. */
export function sessionCookieFrom(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  const first = set.split(";")[0] ?? "";
  if (!first.startsWith("irsa_session=")) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return first;
}
