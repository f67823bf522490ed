import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";
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
 * Exported for the answer writer's worker thread, which opens its own connection to the same file.
 */
export const CONNECTION_PRAGMAS = [
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

/**
 * Makes the adapter's transactions begin with BEGIN IMMEDIATE (take the write lock at once, waiting up to
 * busy_timeout) instead of a deferred BEGIN. The answer writer commits on a connection of its own (a worker
 * thread, lib/db/answer-writer.ts); a deferred transaction that reads and then writes (createSession,
 * replaceDeck, deleteSession) finds that another connection committed since its read, cannot upgrade its
 * snapshot, and gets SQLITE_BUSY at once — busy_timeout does not apply to that case (sqlite.org/isolation.html;
 * lang_transaction.html: "IMMEDIATE causes the database connection to start a new write immediately"). Measured:
 * 17–28 of 40 createSession calls failed during a 20,000-answer burst with a deferred BEGIN.
 * @prisma/adapter-better-sqlite3 (pinned in package.json) starts a transaction with `client.prepare("BEGIN")` on
 * its better-sqlite3 handle; that one statement is rewritten. tests/integration/sqlite-write-lock.test.ts fails
 * if an upgrade changes this.
 */
function beginImmediate(adapter: SqlDriverAdapter): void {
  const db = (adapter as unknown as { client?: { prepare?: (sql: string) => unknown } }).client;
  if (!db || typeof db.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its better-sqlite3 handle as `client`: see beginImmediate in lib/db/client.ts");
  }
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
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
    beginImmediate(adapter);
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

/** The SQL dialect behind a database URL: SQLite (`file:`, the default) or PostgreSQL (`postgresql://`). */
export type SqlDialect = "sqlite" | "postgresql";

export function dialectOfUrl(url: string): SqlDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

const dialects = new WeakMap<object, SqlDialect>();
const sqliteFiles = new WeakMap<object, string>();

/** The dialect of a client made by {@link createPrisma}, for the few raw SQL statements (answer writer, reports). */
export function sqlDialect(prisma: PrismaClient): SqlDialect {
  return dialects.get(prisma) ?? "sqlite";
}

/**
 * The absolute path of the SQLite file behind a client made by {@link createPrisma}, for a second connection to
 * the same database (the answer writer's worker thread); null for PostgreSQL, `:memory:` or a client made elsewhere.
 */
export function sqliteFileOf(prisma: PrismaClient): string | null {
  return sqliteFiles.get(prisma) ?? null;
}

/** PostgreSQL's one-byte internal type `"char"` (pg_catalog columns such as pg_class.relkind) and `text`. */
const PG_CATALOG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const PG_CATALOG_CHAR_ARRAY_OID = 1002;
const PG_TEXT_ARRAY_OID = 1009;

export interface PgAdapterOptions {
  /**
   * For the schema engine: it reads pg_catalog columns of type `"char"` and `"char"[]`, which the WebAssembly
   * engine cannot read as @prisma/adapter-pg 7.10 types them ("Column type 'char' could not be deserialized").
   * Report them as text and text[] (their values already arrive as one-letter strings), on every connection.
   */
  catalogCharAsText?: boolean;
}

/**
 * A PostgreSQL driver-adapter factory (@prisma/adapter-pg over a pg.Pool) for `postgresql://…` URLs.
 * Timestamps are `timestamp(3)` in UTC, as Prisma writes them.
 */
export function createPgAdapterFactory(
  url: string,
  options: PgAdapterOptions = {},
): SqlMigrationAwareDriverAdapterFactory & { end?: () => Promise<void> } {
  if (!options.catalogCharAsText) return new PrismaPg({ connectionString: url, max: PG_POOL_SIZE });
  // Pools of our own, so that disposing one connection does not end a pool another still uses; idle
  // connections close on their own and never keep a migration script alive.
  const makePool = (u: string) => {
    const pool = new pg.Pool({ connectionString: u, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    pool.on("connect", (client) => reportCatalogCharAsText(client));
    return pool;
  };
  const mainPool = makePool(url);
  const main = new PrismaPg(mainPool);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    end: () => mainPool.end(),
    // As PrismaPg's own (a throwaway database, dropped on dispose), but on a pool that reads "char" as text too.
    async connectToShadowDb() {
      const admin = await main.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${database}`;
      const shadowPool = makePool(shadowUrl.toString());
      const shadow = await new PrismaPg(shadowPool).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await shadowPool.end();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

function reportCatalogCharAsText(client: pg.PoolClient): void {
  type Result = { fields?: { dataTypeID: number }[] } | undefined;
  const asText = (r: Result): Result => {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === PG_CATALOG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      else if (field.dataTypeID === PG_CATALOG_CHAR_ARRAY_OID) field.dataTypeID = PG_TEXT_ARRAY_OID;
    }
    return r;
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    // pg.Pool#query calls client.query with a callback; the adapter's transactions call it without one.
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, r: Result) => (last as (e: unknown, r: Result) => void)(error, asText(r));
      return query(...args);
    }
    const result = query(...args);
    return result instanceof Promise ? result.then((r: Result) => asText(r)) : result;
  };
}

/** Connections per process: the answer writer commits one batch at a time, the rest is reads. */
export const PG_POOL_SIZE = 10;

/**
 * The Prisma client for DATABASE_URL: SQLite at a `file:` URL (`file:./data/irsa-classroom.db`, the default), or
 * PostgreSQL at a `postgresql://` URL through the pg driver adapter (processes on several machines need one
 * database). lib/db is the only code that imports the generated clients (STYLE.md §1).
 *
 * The PostgreSQL client is generated from prisma/postgres/schema.prisma, the same models: it has the same API,
 * and is typed as the SQLite one so callers need not care which it is.
 *
 * @example
 * const prisma = createPrisma("file:./data/irsa-classroom.db");
 * await prisma.instructor.count();
 */
export function createPrisma(url: string): PrismaClient {
  if (dialectOfUrl(url) === "postgresql") {
    const client = new PgPrismaClient({ adapter: createPgAdapterFactory(url) }) as unknown as PrismaClient;
    dialects.set(client, "postgresql");
    return client;
  }
  const client = new PrismaClient({ adapter: createSqliteAdapterFactory(url) });
  const file = sqlitePathFromUrl(url);
  // Resolved now, against the same working directory better-sqlite3 opens the relative path from.
  if (file !== ":memory:" && file !== "") sqliteFiles.set(client, path.resolve(file));
  return client;
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
