// The answer writer's worker thread (lib/db/answer-writer.ts, mode "worker"): its own better-sqlite3 connection
// to the server's SQLite file, committing one batch of statements per message in ONE transaction. better-sqlite3
// is synchronous, so on the server's thread every commit blocked the event loop; here it blocks only this thread.
//
// Plain JavaScript on purpose: a worker thread starts without the tsx loader of its parent (it is started with an
// empty execArgv), so the same file runs under `node --import tsx` (npm run serve / dev), `tsx` (bench, scripts)
// and vitest. It imports nothing of the app; the SQL and the connection pragmas come from the main thread.
import Database from "better-sqlite3";

/** Prepared statements kept by SQL text: one INSERT per batch size (1…maxBatch) and one UPDATE per shape. */
const MAX_CACHED_STATEMENTS = 1024;

/**
 * @typedef {{ file: string, pragmas: string, busyTimeoutMs: number }} WorkerConfig
 * @typedef {{ sql: string, params: (string | number | null)[] }} Statement
 * @typedef {{ id: number, statements: Statement[] }} BatchMessage
 * @typedef {{ id: number, ok: true }
 *   | { id: number, ok: false, error: { name: string, message: string, code?: string } }} BatchReply
 * @typedef {{ beforeCommit?: (statements: Statement[]) => void, afterCommit?: (statements: Statement[]) => void }} Hooks
 */

/**
 * Serves batches on `port` until the thread ends: each message is one transaction, answered with its id and
 * ok, or the error that rolled it back (a constraint, SQLITE_BUSY after the busy timeout…), so the main thread
 * can retry the batch one answer at a time. Messages are handled one after another, never in parallel.
 *
 * @param {import("node:worker_threads").MessagePort} port
 * @param {WorkerConfig} config
 * @param {Hooks} [hooks] for tests only: `beforeCommit` runs inside the transaction, after the statements;
 *   `afterCommit` after COMMIT, before the reply
 */
export function serveCommits(port, config, hooks = {}) {
  /** @type {Database.Database | null} */
  let db = null;
  /** @type {unknown} */
  let openError = null;
  try {
    db = new Database(config.file, { timeout: config.busyTimeoutMs, fileMustExist: true });
    // The pragmas of every connection the server opens (lib/db/client.ts CONNECTION_PRAGMAS): WAL, busy
    // timeout, foreign keys, synchronous=NORMAL. Two connections to one file in WAL mode: readers never wait,
    // writers take turns, and a writer that finds the lock taken waits up to busy_timeout.
    db.exec(config.pragmas);
  } catch (error) {
    openError = error;
  }

  /** @type {Map<string, Database.Statement>} */
  const cache = new Map();
  /** @param {string} sql */
  const prepared = (sql) => {
    let statement = cache.get(sql);
    if (statement) return statement;
    statement = /** @type {Database.Database} */ (db).prepare(sql);
    if (cache.size >= MAX_CACHED_STATEMENTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, statement);
    return statement;
  };

  const commit = db?.transaction(
    /** @param {Statement[]} statements */ (statements) => {
      for (const s of statements) prepared(s.sql).run(s.params);
      hooks.beforeCommit?.(statements);
    },
  );

  port.on("message", (/** @type {BatchMessage} */ message) => {
    /** @type {BatchReply} */
    let reply;
    try {
      if (!commit) throw openError;
      // BEGIN IMMEDIATE: the write lock is taken at BEGIN, where SQLite's busy handler (busy_timeout) waits for
      // the server's own connection (joins, phase saves) to finish its write, instead of failing the batch.
      commit.immediate(message.statements);
      hooks.afterCommit?.(message.statements);
      reply = { id: message.id, ok: true };
    } catch (error) {
      reply = { id: message.id, ok: false, error: describe(error) };
    }
    port.postMessage(reply);
  });
}

/** An error as plain data (SqliteError's `code`, e.g. SQLITE_CONSTRAINT_UNIQUE, survives the thread boundary). */
function describe(/** @type {unknown} */ error) {
  if (error instanceof Error) {
    const code = /** @type {{ code?: unknown }} */ (error).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { name: "Error", message: String(error) };
}
