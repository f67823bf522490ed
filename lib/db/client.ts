import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";
import { getConfig } from "@/lib/config";

export type { PrismaClient } from "@/generated/prisma/client";

/** How long a connection waits for another writer's lock before SQLITE_BUSY (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Run on every connection the adapter opens. better-sqlite3 opens SQLite with its defaults, so:
 * - foreign_keys is per-connection and OFF by default in SQLite; the schema's `onDelete: Cascade`/`SetNull`
 *   are real FOREIGN KEY clauses (relationMode "foreignKeys"), so without it deletes would not cascade.
 * - journal_mode=WAL lets readers run while a writer commits (answers batched per tick, dashboards reading).
 * - synchronous=NORMAL is the setting SQLite recommends with WAL: durable across a process crash,
 *   which is the failure the "nothing lost" requirement is about.
 */
const CONNECTION_PRAGMAS = [
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`,
  "PRAGMA foreign_keys = ON;",
  "PRAGMA journal_mode = WAL;",
  "PRAGMA synchronous = NORMAL;",
].join("\n");

/** The file path inside a `file:` URL (":memory:" stays as is). */
export function sqlitePathFromUrl(url: string): string {
  return url.replace(/^file:/, "");
}

/** Create the folder that will hold the database file, so a fresh clone can start without set-up. */
export function ensureDatabaseDir(url: string): void {
  const file = sqlitePathFromUrl(url);
  if (file === ":memory:" || file === "") return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

function isMultiStatementError(error: unknown): boolean {
  // better-sqlite3: "The supplied SQL string contains more than one statement" (from Database#prepare).
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const text = JSON.stringify(current) + String((current as { message?: unknown }).message ?? "");
    if (text.includes("more than one statement")) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The schema engine replays migration.sql files through `executeRaw`, one script at a time, but
 * better-sqlite3 refuses to prepare several statements at once. Argument-less scripts go to `exec`
 * (the adapter's `executeScript`) instead; inside a transaction the same connection runs them.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const runScript = async (query: SqlQuery, run: (q: SqlQuery) => Promise<number>): Promise<number> => {
    try {
      return await run(query);
    } catch (error) {
      if (query.args.length === 0 && isMultiStatementError(error)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  const wrapTransaction = (tx: Transaction): Transaction => ({
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q) => tx.queryRaw(q),
    executeRaw: (q) => runScript(q, (x) => tx.executeRaw(x)),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  });
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => adapter.queryRaw(q),
    executeRaw: (q) => runScript(q, (x) => adapter.executeRaw(x)),
    executeScript: (s) => adapter.executeScript(s),
    startTransaction: async (isolation) => wrapTransaction(await adapter.startTransaction(isolation)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

export interface SqliteAdapterOptions {
  /** Route multi-statement, argument-less `executeRaw` calls to `executeScript` (needed by the schema engine). */
  scriptFallback?: boolean;
}

/**
 * A driver-adapter factory for a SQLite file that sets the connection pragmas above on every connection
 * (PrismaBetterSqlite3 has no hook for them, so its `connect` is wrapped).
 */
export function createSqliteAdapterFactory(
  url: string,
  options: SqliteAdapterOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  ensureDatabaseDir(url);
  const inner = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS });
  const prepare = async (adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> => {
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return options.scriptFallback ? withScriptFallback(adapter) : adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => prepare(await inner.connect()),
    connectToShadowDb: async () => prepare(await inner.connectToShadowDb()),
  };
}

/**
 * The Prisma client for the SQLite database at `url` (`file:./data/irsa-classroom.db`).
 * lib/db is the only code that imports the generated client (STYLE.md §1).
 *
 * @example
 * const prisma = createPrisma("file:./data/irsa-classroom.db");
 * await prisma.instructor.count();
 */
export function createPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: createSqliteAdapterFactory(url) });
}

const SHARED = Symbol.for("irsa-classroom.prisma");
type WithShared = typeof globalThis & { [SHARED]?: PrismaClient };

/**
 * The process's Prisma client for route handlers, on DATABASE_URL from the validated config.
 * Kept on globalThis because Next bundles route handlers into their own module graph (and reloads them in
 * dev): one client per process, not per module copy. The custom server may hand in its own client first
 * with {@link provideSharedPrisma} so HTTP and socket.io share one connection.
 */
export function getPrisma(): PrismaClient {
  const g = globalThis as WithShared;
  g[SHARED] ??= createPrisma(getConfig().databaseUrl);
  return g[SHARED];
}

/** Make `prisma` the client {@link getPrisma} returns (the server at start-up; tests with a temp database). */
export function provideSharedPrisma(prisma: PrismaClient): void {
  (globalThis as WithShared)[SHARED] = prisma;
}
