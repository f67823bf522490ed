import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { Answer } from "@/lib/contract";
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS, sqlDialect, sqliteFileOf, type PrismaClient } from "./client";

/** One accepted answer, with the participant's totals after it (the live room is authoritative for those). */
export interface AnswerRecord {
  sessionId: string;
  participantId: string;
  activityIndex: number;
  answer: Answer;
  correct: boolean;
  points: number;
  streakBonus: number;
  timeTakenMs: number;
  pickedStep?: number | null;
  correctStep?: number | null;
  /** Participant.score and Participant.streak after this answer, written in the same transaction. */
  scoreAfter: number;
  streakAfter: number;
}

/**
 * Where an SQLite batch is committed: "worker", a worker thread with its own connection to the same file (the
 * default), or "inline", on the calling thread through Prisma, blocking the event loop for the commit (kept for
 * comparison in the bench). PostgreSQL and `:memory:` are always inline: the pg driver's I/O is already async, and a
 * second connection to an in-memory database would be another database.
 */
export type AnswerWriterMode = "worker" | "inline";

/** The environment switch for the mode when the options name none: `IRSA_ANSWER_WRITER=inline` (default worker). */
export const ANSWER_WRITER_ENV = "IRSA_ANSWER_WRITER";

export interface AnswerWriterOptions {
  /** How long the first answer of a batch waits for company before the batch commits (ms). */
  tickMs?: number;
  /** A batch commits at once when it reaches this many answers. */
  maxBatch?: number;
  onError?: (error: unknown, context: string) => void;
  /** Overrides {@link ANSWER_WRITER_ENV}. */
  mode?: AnswerWriterMode;
  /** The worker thread's entry module (default lib/db/answer-worker.mjs); tests substitute one that crashes. */
  workerUrl?: URL;
}

/** Latency samples for the bench: each batch's commit (ms) and size, each answer's wait from write() to committed. */
export interface WriterSamples {
  commitMs: number[];
  batchSize: number[];
  waitMs: number[];
}

/** How many times the writer looks whether a dead worker's batch was committed before it gives up. */
const COMMITTED_CHECK_ATTEMPTS = 3;

/** A bound on the samples kept between two takeSamples() calls. */
const MAX_SAMPLES = 100_000;

function emptySamples(): WriterSamples {
  return { commitMs: [], batchSize: [], waitMs: [] };
}

interface Queued {
  record: AnswerRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Batches accepted answers and commits each batch in ONE transaction: the Response rows and the participants'
 * new score and streak together. `write()` resolves only after its batch committed, so a student's "answer
 * received" is sent for answers that are on disk (issue 3, "Nothing lost"). One transaction per batch instead of
 * one per answer: STACK.md measured 1,000 sequential writes at ~1.25 s and 1,000 in one transaction at ~130 ms.
 * Group commit: an idle writer waits `tickMs` (10 ms) for company; while a batch commits, new answers queue and
 * go together the moment it ends, so under a burst batches grow by themselves and no answer waits for a timer.
 *
 * If a batch fails (a constraint, say), its answers are retried one by one so one bad record cannot take the
 * others down; each failing record rejects its own promise. Batches commit one after another, never in parallel.
 *
 * On SQLite the commit runs in a worker thread (see {@link AnswerWriterMode}): better-sqlite3 is synchronous, and
 * at 10,000 students the commits on the server's one thread were what held the acks back (README, "Where it
 * breaks at 10,000"). If that worker dies, the batch it had is acked if its rows are found committed, else
 * rejected (its students are told to send again), and the next batch starts a new worker.
 *
 * @example
 *   const writer = new AnswerWriter(prisma, { tickMs: 10 });
 *   await writer.write(record); // committed
 *   await writer.close();       // flush and refuse new writes (graceful shutdown)
 */
export class AnswerWriter {
  private queue: Queued[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A batch's transaction is under way (group commit: later answers wait for its end, not for a timer). */
  private committing = false;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly tickMs: number;
  private readonly maxBatch: number;
  private readonly onError: (error: unknown, context: string) => void;
  /** Figures for the bench: batches committed and their total commit time. */
  readonly stats = { batches: 0, answers: 0, commitMs: 0, maxBatch: 0 };
  /**
   * Per-batch commit times and per-answer waits (write() to committed), kept only once
   * {@link recordLatencies} was called (the bench, through IRSA_DEBUG_STATS): off, the hot path does nothing more.
   */
  private samples: WriterSamples | null = null;
  /** Where batches are committed (see {@link AnswerWriterMode}); "inline" after {@link ready} found no worker. */
  get mode(): AnswerWriterMode {
    return this.currentMode;
  }
  private currentMode: AnswerWriterMode;
  private committer: BatchCommitter;

  constructor(
    private readonly prisma: PrismaClient,
    options: AnswerWriterOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 10;
    this.maxBatch = options.maxBatch ?? 200;
    this.onError = options.onError ?? ((error, context) => console.error(`[answer-writer] ${context}`, error));
    this.postgres = sqlDialect(prisma) === "postgresql";
    const file = this.postgres ? null : sqliteFileOf(prisma);
    this.currentMode = requestedMode(options.mode) === "worker" && file ? "worker" : "inline";
    this.committer =
      this.currentMode === "worker" && file
        ? new WorkerCommitter(
            { file, pragmas: CONNECTION_PRAGMAS, busyTimeoutMs: BUSY_TIMEOUT_MS },
            options.workerUrl ?? new URL("./answer-worker.mjs", import.meta.url),
            this.onError,
          )
        : new PrismaCommitter(prisma);
  }

  /** PostgreSQL: numbered placeholders, real booleans and typed VALUES (see {@link positional}). */
  private readonly postgres: boolean;

  /** Answers queued and not yet committed. */
  get pending(): number {
    return this.queue.length;
  }

  /** Starts keeping latency samples (bounded); {@link takeSamples} hands them over and starts afresh. */
  recordLatencies(): void {
    this.samples ??= emptySamples();
  }

  /** The samples since the last call (null when not recording). */
  takeSamples(): WriterSamples | null {
    const taken = this.samples;
    if (taken) this.samples = emptySamples();
    return taken;
  }

  write(record: AnswerRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The answer writer is closed."));
    return new Promise<void>((resolve, reject) => {
      const samples = this.samples;
      if (samples) {
        const queuedAt = performance.now();
        const settle = resolve;
        resolve = () => {
          if (samples.waitMs.length < MAX_SAMPLES) samples.waitMs.push(performance.now() - queuedAt);
          settle();
        };
      }
      this.queue.push({ record, resolve, reject });
      this.committer.warm();
      // Group commit: while a batch is being committed, new answers only queue; the commit's end takes them all
      // at once (see `startBatch`). An idle writer waits `tickMs` for company before it commits.
      if (this.committing) return;
      if (this.queue.length >= this.maxBatch) this.schedule(0);
      else if (!this.timer) this.schedule(this.tickMs);
    });
  }

  /**
   * Checks, before the first student answers, that answers can be committed: in worker mode it starts the worker
   * and commits an empty transaction through it. If that fails (the worker's module cannot load, or its connection
   * cannot open or write the database file), the writer commits on the server's thread instead and says so once:
   * a class must not find every answer refused. Inline, there is nothing to check.
   */
  async ready(): Promise<void> {
    if (this.currentMode !== "worker") return;
    try {
      await this.committer.commit([]);
    } catch (error) {
      this.onError(error, "the answer worker cannot commit; answers will be committed on the server's thread instead");
      await this.committer.dispose().catch(() => undefined);
      this.committer = new PrismaCommitter(this.prisma);
      this.currentMode = "inline";
    }
  }

  /** Commits everything queued now and resolves when it is committed. */
  flush(): Promise<void> {
    this.clearTimer();
    const batch = this.queue.splice(0);
    this.running = this.running.then(() => this.commit(batch));
    return this.running;
  }

  /** Flushes and refuses new writes (graceful shutdown); then stops the worker thread, if any. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.committer.dispose();
  }

  /**
   * Drops what is queued without committing it, as a crash would: those answers were never acknowledged.
   * Their promises never settle. For crash tests and for a process that must stop at once. A batch already
   * being committed finishes (as on the inline path), then the worker thread stops.
   */
  abandon(): void {
    this.closed = true;
    this.clearTimer();
    this.queue = [];
    void this.running
      .catch(() => undefined)
      .then(() => this.committer.dispose())
      .catch((error: unknown) => this.onError(error, "stopping the answer worker"));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startBatch();
    }, ms);
  }

  /** Commits up to `maxBatch` queued answers; when that commit ends, whatever queued meanwhile goes next at once. */
  private startBatch(): void {
    if (this.closed || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.committing = true;
    this.running = this.running
      .then(() => this.commit(batch))
      .catch((error: unknown) => this.onError(error, "answer batch"))
      .finally(() => {
        this.committing = false;
        if (this.queue.length > 0 && !this.timer) this.startBatch();
      });
  }

  private async commit(batch: Queued[]): Promise<void> {
    if (batch.length === 0) return;
    const started = performance.now();
    const records = batch.map((q) => q.record);
    const ids = records.map(() => randomUUID());
    try {
      try {
        await this.committer.commit([this.responseInsert(records, ids), this.scoreUpdate(records)]);
      } catch (error) {
        if (!(error instanceof AnswerWorkerExitedError) || !(await this.committedAnyway(ids, error))) throw error;
      }
      this.stats.batches++;
      this.stats.answers += batch.length;
      this.stats.commitMs += performance.now() - started;
      this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
      if (this.samples && this.samples.commitMs.length < MAX_SAMPLES) {
        this.samples.commitMs.push(performance.now() - started);
        this.samples.batchSize.push(batch.length);
      }
      for (const q of batch) q.resolve();
    } catch (error) {
      if (error instanceof AnswerWorkerExitedError) {
        // Not committed: nobody is acked and there is no retry (the batch may be what killed the worker); each
        // student is told to send again (the room's INTERNAL ack), which goes to the next worker.
        this.onError(error, `the answer worker stopped during a batch of ${batch.length}; its answers are refused, a new worker takes the next batch`);
        for (const q of batch) q.reject(error);
        return;
      }
      if (batch.length === 1) {
        this.onError(error, "commit of one answer failed");
        batch[0]?.reject(error);
        return;
      }
      this.onError(error, `commit of a batch of ${batch.length} failed; retrying one by one`);
      for (const q of batch) await this.commit([q]);
    }
  }

  /**
   * After the worker died with a batch in hand: did its transaction commit before the thread ended (between COMMIT
   * and its reply)? SQLite commits all of a transaction or none of it, and a dead thread commits nothing more (its
   * connection is closed with the thread, rolling back what was open), so one look at the batch's own Response ids
   * from the server's connection says which. Committed answers are then acked like any other: without this, the
   * room would refuse their second try forever (unique participant × activity) while the row is in the database.
   */
  private async committedAnyway(ids: string[], exit: AnswerWorkerExitedError): Promise<boolean> {
    // Tried a few times: answering "not committed" for a batch that is on disk would make the room refuse its
    // students' second try forever (the unique participant × activity), so a failed look is not taken as a no.
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await this.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
          `SELECT COUNT(*) AS "n" FROM "Response" WHERE "id" IN (${ids.map(() => "?").join(",")})`,
          ...ids,
        );
        const committed = Number(rows[0]?.n ?? 0) === ids.length;
        if (committed) this.onError(exit, `the answer worker stopped right after committing a batch of ${ids.length}; acked, a new worker takes the next batch`);
        return committed;
      } catch (error) {
        this.onError(error, `could not check whether the stopped answer worker had committed its batch (attempt ${attempt} of ${COMMITTED_CHECK_ATTEMPTS})`);
        if (attempt >= COMMITTED_CHECK_ATTEMPTS) return false;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /**
   * One multi-row INSERT for the batch. Through the driver adapter, `createMany` of 200 rows measured 110–180 ms
   * on a loaded 2-core machine and this statement 6–11 ms: the difference is most of an answer's ack latency.
   * Values are bound parameters; dates are written as Prisma writes them on SQLite (ISO-8601 text). On PostgreSQL
   * every value is cast: in a multi-row VALUES an untyped parameter resolves to text, which an integer,
   * boolean or timestamp column refuses.
   */
  private responseInsert(records: AnswerRecord[], ids: string[]): Statement {
    const params: SqlParam[] = [];
    const placeholders = this.postgres
      ? "(?,?,?,?::int,?,?::boolean,?::int,?::int,?::int,?::int,?::int,?::timestamp(3))"
      : "(?,?,?,?,?,?,?,?,?,?,?,?)";
    const createdAt = new Date().toISOString();
    const rows = records.map((r, i) => {
      const row = responseRow(r);
      params.push(
        ids[i]!,
        row.sessionId,
        row.participantId,
        row.activityIndex,
        row.answer,
        this.postgres ? row.correct : row.correct ? 1 : 0,
        row.points,
        row.streakBonus,
        row.timeTakenMs,
        row.pickedStep,
        row.correctStep,
        createdAt,
      );
      return placeholders;
    });
    const sql =
      `INSERT INTO "Response" ("id","sessionId","participantId","activityIndex","answer","correct","points",` +
      `"streakBonus","timeTakenMs","pickedStep","correctStep","createdAt") VALUES ${rows.join(",")}`;
    return { sql: this.positional(sql), params };
  }

  /**
   * One UPDATE for the whole batch (`SET score = CASE id WHEN … END`): an update per participant costs about a
   * millisecond each through the driver adapter, which at 200 answers a tick would be most of the ack latency.
   * At most one record per participant is in a batch (one answer per activity, activities one at a time).
   */
  private scoreUpdate(records: AnswerRecord[]): Statement {
    const params: SqlParam[] = [];
    const scoreCases: string[] = [];
    const streakCases: string[] = [];
    for (const r of records) {
      scoreCases.push("WHEN ? THEN ?");
      params.push(r.participantId, r.scoreAfter);
    }
    for (const r of records) {
      streakCases.push("WHEN ? THEN ?");
      params.push(r.participantId, r.streakAfter);
    }
    const ids = records.map((r) => r.participantId);
    const sessionIds = [...new Set(records.map((r) => r.sessionId))];
    params.push(...ids, ...sessionIds);
    const sql =
      `UPDATE "Participant" SET "score" = CASE "id" ${scoreCases.join(" ")} ELSE "score" END, ` +
      `"streak" = CASE "id" ${streakCases.join(" ")} ELSE "streak" END ` +
      `WHERE "id" IN (${ids.map(() => "?").join(",")}) AND "sessionId" IN (${sessionIds.map(() => "?").join(",")})`;
    return { sql: this.positional(sql), params };
  }

  /** SQLite binds `?` in order; PostgreSQL wants `$1, $2, …` (the statements above hold no other `?`). */
  private positional(sql: string): string {
    if (!this.postgres) return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }
}

function responseRow(r: AnswerRecord) {
  return {
    sessionId: r.sessionId,
    participantId: r.participantId,
    activityIndex: r.activityIndex,
    answer: JSON.stringify(r.answer),
    correct: r.correct,
    points: r.points,
    streakBonus: r.streakBonus,
    timeTakenMs: Math.round(r.timeTakenMs),
    pickedStep: r.pickedStep ?? null,
    correctStep: r.correctStep ?? null,
  };
}

function requestedMode(option: AnswerWriterMode | undefined): AnswerWriterMode {
  const value = option ?? (process.env[ANSWER_WRITER_ENV] || "worker");
  if (value !== "worker" && value !== "inline") {
    throw new Error(`${ANSWER_WRITER_ENV} must be "worker" or "inline" (got "${value}").`);
  }
  return value;
}

/** A bound value of a raw statement: SQLite gets booleans as 0/1 already (see `responseInsert`). */
type SqlParam = string | number | boolean | null;

/** One raw SQL statement and its bound values: plain data, so it can be posted to the worker thread. */
interface Statement {
  sql: string;
  params: SqlParam[];
}

/** Runs a batch's statements in ONE transaction; rejects when it rolled back. One call at a time. */
interface BatchCommitter {
  commit(statements: Statement[]): Promise<void>;
  /** Gets ready for a commit soon (starts the worker thread while the first answer waits for company). */
  warm(): void;
  /** Releases what the committer holds (the worker thread); after it, commit() refuses. */
  dispose(): Promise<void>;
}

/** The calling thread, through Prisma (PostgreSQL, or SQLite in mode "inline"). */
class PrismaCommitter implements BatchCommitter {
  constructor(private readonly prisma: PrismaClient) {}

  async commit(statements: Statement[]): Promise<void> {
    await this.prisma.$transaction(statements.map((s) => this.prisma.$executeRawUnsafe(s.sql, ...s.params)));
  }

  warm(): void {}

  async dispose(): Promise<void> {}
}

/** The worker thread ended (crashed, exited or was terminated) before it answered for the batch it had. */
export class AnswerWorkerExitedError extends Error {
  constructor(detail: string, duringBatch: boolean, options?: { cause?: unknown }) {
    super(
      `The answer writer's worker thread stopped (${detail})` +
        (duringBatch ? " before confirming the commit of its batch: none of its answers was acknowledged." : "."),
      options,
    );
    this.name = "AnswerWorkerExitedError";
  }
}

/** A commit the worker's SQLite connection refused (better-sqlite3's SqliteError, carried across as plain data). */
export class SqliteCommitError extends Error {
  constructor(
    message: string,
    /** SQLite's extended result code as better-sqlite3 names it, e.g. `SQLITE_CONSTRAINT_UNIQUE`. */
    readonly code: string | undefined,
    name: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** What lib/db/answer-worker-core.mjs receives and answers, one message per batch. */
interface WorkerConfig {
  file: string;
  pragmas: string;
  busyTimeoutMs: number;
}
type BatchReply =
  | { id: number; ok: true }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

interface InFlight {
  id: number;
  worker: Worker;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * A worker thread (lib/db/answer-worker.mjs) with its own better-sqlite3 connection to the server's file commits
 * each batch, so the server's thread only builds the statements and waits. Started with the first answer (it takes
 * ~100 ms to load better-sqlite3 and open the file, overlapping the first batch's wait) and again after it died;
 * kept unref'd while idle, so an open writer never keeps a process alive on its own.
 */
class WorkerCommitter implements BatchCommitter {
  private worker: Worker | null = null;
  private inFlight: InFlight | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly url: URL,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  commit(statements: Statement[]): Promise<void> {
    if (this.disposed) return Promise.reject(new Error("The answer writer is closed."));
    if (this.inFlight) return Promise.reject(new Error("The answer worker commits one batch at a time."));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.inFlight = { id, worker, resolve, reject };
      worker.ref(); // a commit under way keeps the process alive until it is confirmed
      worker.postMessage({ id, statements });
    });
  }

  warm(): void {
    if (!this.worker && !this.disposed) this.start();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // execArgv []: the worker is plain JavaScript and needs neither the parent's tsx loader nor its flags
    // (--cpu-prof would write a second profile). It resolves better-sqlite3 from lib/db like any module.
    const worker = new Worker(this.url, { workerData: this.config, execArgv: [] });
    worker.unref();
    let crash: unknown = null;
    worker.on("message", (reply: BatchReply) => this.settle(worker, reply));
    worker.on("error", (error) => {
      crash = error; // an uncaught exception in the worker; "exit" follows
    });
    worker.on("messageerror", (error) => {
      // A reply that cannot be read would leave its batch waiting forever: end the worker, and the exit below
      // settles the batch (acked if it is found committed, refused otherwise).
      crash = error;
      this.onError(error, "a reply of the answer worker could not be read; stopping it");
      void worker.terminate();
    });
    worker.on("exit", (code) => this.exited(worker, code, crash));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: BatchReply): void {
    const current = this.inFlight;
    if (!current || current.worker !== worker || current.id !== reply.id) return;
    this.inFlight = null;
    worker.unref();
    if (reply.ok) current.resolve();
    else current.reject(new SqliteCommitError(reply.error.message, reply.error.code, reply.error.name));
  }

  private exited(worker: Worker, code: number, crash: unknown): void {
    if (this.worker === worker) this.worker = null;
    const current = this.inFlight?.worker === worker ? this.inFlight : null;
    if (!current && this.disposed) return; // close() or abandon() stopped it
    const detail = crash instanceof Error ? `exit code ${code}: ${crash.message}` : `exit code ${code}`;
    const error = new AnswerWorkerExitedError(detail, current !== null, crash ? { cause: crash } : undefined);
    if (current) {
      this.inFlight = null;
      current.reject(error);
    } else {
      this.onError(error, "the answer worker stopped while idle; a new one starts with the next batch");
    }
  }
}
