/**
 * The live bench (issue 6, "Load, measured side by side"):
 *
 *   npm run bench:live -- --students N [--questions K] [--json] [--kill] [--server auto|prod|app] [--spread MS] [--profile]
 *
 * Starts the server as a child process on a free loopback port with a fresh temporary SQLite database, opens N
 * students with socket.io-client (websocket transport) in THIS process plus an instructor, and runs K questions
 * where every student answers within --spread ms (default 3,000) of seeing the question. Then the same N and
 * payload size against a bare socket.io server (tests/bench/support/bare-server.ts) as the baseline. Prints one
 * JSON object (with --json; otherwise a table too). Bounded: every wait has a timeout; it stops by itself.
 *
 * --server prod: `NODE_ENV=production node --import tsx server/index.ts` (needs `next build` and
 *                lib/activities/catalog.ts). app: tests/bench/support/bench-server.ts — the same startAppServer,
 *                limits and writer without Next (real catalog if present, else the integration test catalog).
 *                auto (default): prod when both are there.
 * --kill:        kill -9 the server mid-question with answers in flight, start it again on the same port, and check
 *                that every acked answer is in the database and the students reconnect by themselves with their scores.
 * --profile:     run the server with `node --cpu-prof` and print its top self-time functions.
 * --no-warmup:   skip the client warm-up (by default this process first exercises socket.io-client against a
 *                throwaway bare server, so that neither measured run pays for the client's JIT; see warmUpClient).
 *
 * Students connect from 127.0.<k>.1 source addresses, 100 per address (Linux routes all of 127/8 to loopback):
 * the server's per-address join limit (300, 50/s) is what one campus NAT address gets, and 5,000 students on one
 * address would measure that limit, not the server. File descriptors: each socket is one fd on each side; the
 * limit here is 20,000 (ulimit -n), enough for 10,000 students; the bench says so when it is lower than 2N + 200.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execSync } from "node:child_process";
import { io as connect, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, HostView, JoinResult, MeUpdate, ParticipantView, PhaseUpdate, ServerToClientEvents } from "@/lib/contract";
import type { ActivityCatalog } from "@/lib/activities/types";
import { INSTRUCTOR_COOKIE } from "@/lib/auth/cookies";
import { signInstructorToken } from "@/lib/auth/tokens";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { SessionRepository } from "@/lib/db/sessions";
import { DEBUG_STATS_PREFIX, type DebugStats } from "@/server/debug-stats";
import { TEST_SCENARIOS } from "../integration/support/test-catalog";
import {
  cpuSeconds,
  freePort,
  loadAverage,
  memoryMb,
  seededRandom,
  sleep,
  startChild,
  summarize,
  topSelfTime,
  type Child,
  type Summary,
} from "./support/proc";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// ---------- arguments ----------

interface Args {
  students: number;
  questions: number;
  json: boolean;
  kill: boolean;
  server: "auto" | "prod" | "app";
  spreadMs: number;
  timeLimitSec: number;
  profile: boolean;
  /** Heap snapshots of the server before and after the joins and after the questions (node --heapsnapshot-signal). */
  heap: boolean;
  concurrency: number;
  baseline: boolean;
  /** Warm the client process up before measuring (see warmUpClient). */
  warmup: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    students: 500,
    questions: 3,
    json: false,
    kill: false,
    server: "auto",
    spreadMs: 3000,
    timeLimitSec: 30,
    profile: false,
    heap: false,
    concurrency: 200,
    baseline: true,
    warmup: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--students" || a === "-n") args.students = Number(value());
    else if (a === "--questions" || a === "-k") args.questions = Number(value());
    else if (a === "--json") args.json = true;
    else if (a === "--kill") args.kill = true;
    else if (a === "--profile") args.profile = true;
    else if (a === "--heap") args.heap = true;
    else if (a === "--no-baseline") args.baseline = false;
    else if (a === "--no-warmup") args.warmup = false;
    else if (a === "--server") args.server = value() as Args["server"];
    else if (a === "--spread") args.spreadMs = Number(value());
    else if (a === "--time-limit") args.timeLimitSec = Number(value());
    else if (a === "--concurrency") args.concurrency = Number(value());
    else if (a === "--") continue;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.students) || args.students < 1 || args.students > 20_000) throw new Error("--students: 1..20000");
  if (!Number.isInteger(args.questions) || args.questions < 1 || args.questions > 20) throw new Error("--questions: 1..20");
  if (!["auto", "prod", "app"].includes(args.server)) throw new Error("--server: auto | prod | app");
  return args;
}

const log = (...parts: unknown[]) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`);

/** Waits until `done()` holds, polling; false on timeout (never throws: the bench reports what it saw). */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) return false;
    await sleep(20);
  }
  return true;
}

/** Source address of the i-th student: 100 per address. */
const sourceAddress = (i: number) => `127.0.${1 + Math.floor(i / 100)}.1`;

async function inWaves<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

function emitAck<T>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 30_000): Promise<Ack<T> | null> {
  return new Promise((resolve) => {
    (socket as unknown as { timeout(ms: number): { emit(e: string, p: unknown, cb: (err: unknown, r: Ack<T>) => void): void } })
      .timeout(timeoutMs)
      .emit(event, payload, (err, r) => resolve(err ? null : r));
  });
}

// ---------- the database of a run ----------

interface Seeded {
  dir: string;
  url: string;
  secret: string;
  sessionId: string;
  code: string;
  cookie: string;
  prisma: PrismaClient;
}

async function loadRealCatalog(): Promise<ActivityCatalog | null> {
  if (!existsSync(path.join(root, "lib/activities/catalog.ts"))) return null;
  try {
    const mod = (await import(new URL("../../lib/activities/catalog.ts", import.meta.url).href)) as {
      createCatalog?: () => ActivityCatalog | Promise<ActivityCatalog>;
    };
    return typeof mod.createCatalog === "function" ? await mod.createCatalog() : null;
  } catch (error) {
    log("the real catalog does not load:", (error as Error).message);
    return null;
  }
}

async function seed(questions: number, timeLimitSec: number, realCatalog: ActivityCatalog | null): Promise<Seeded> {
  const dir = mkdtempSync(path.join(tmpdir(), "irsa-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrateDatabase(url);
  const prisma = createPrisma(url);
  const scenarios = realCatalog
    ? realCatalog
        .list()
        .filter((e) => e.kinds.includes("pitfall"))
        .map((e) => e.scenarioId)
    : TEST_SCENARIOS.slice(0, 2);
  if (scenarios.length === 0) throw new Error("no pitfall scenario in the catalog");
  const instructor = await prisma.instructor.create({ data: { email: "bench@example.org", name: "Bench", passwordHash: "x" } });
  const deck = await prisma.deck.create({
    data: {
      instructorId: instructor.id,
      title: "Live bench",
      activities: {
        create: Array.from({ length: questions }, (_, position) => ({
          position,
          kind: "pitfall",
          scenarioId: scenarios[position % scenarios.length]!,
          config: "{}",
          timeLimitSec,
          pointsMultiplier: 1,
        })),
      },
    },
  });
  const random = seededRandom(7);
  const created = await new SessionRepository(prisma).createSession({
    instructorId: instructor.id,
    deckId: deck.id,
    scoring: "speed",
    allowLateJoin: true,
    random,
  });
  if (!created.ok) throw new Error(created.message);
  const secret = "bench-signing-key-0123456789abcdef-0123456789";
  const token = await signInstructorToken({ instructorId: instructor.id }, new TextEncoder().encode(secret));
  return { dir, url, secret, ...created.value, cookie: `${INSTRUCTOR_COOKIE}=${token}`, prisma };
}

// ---------- servers ----------

interface ServerHandle extends Child {
  port: number;
  mode: "prod" | "app";
  catalog: "real" | "test";
}

async function startRealServer(
  mode: "prod" | "app",
  db: Seeded,
  port: number,
  profileDir: string | null,
  catalogKind: "real" | "test",
  heapDir: string | null = null,
): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: db.url,
    DATA_DIR: db.dir,
    AUTH_SECRET: db.secret,
    IRSA_DEBUG_STATS: "1",
    BENCH_CATALOG: catalogKind,
  };
  const prof = [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(heapDir ? ["--heapsnapshot-signal=SIGUSR1", `--diagnostic-dir=${heapDir}`] : []),
  ];
  let child: Child;
  if (mode === "prod") {
    (env as Record<string, string>).NODE_ENV = "production";
    child = startChild([...prof, "--import", "tsx", "server/index.ts"], env, root, "server");
    await child.waitFor(/ready on/);
  } else {
    child = startChild([...prof, "--import", "tsx", "tests/bench/support/bench-server.ts"], env, root, "server");
    await child.waitFor(/^PORT \d+/);
  }
  return { ...child, port, mode, catalog: catalogKind };
}

async function serverStats(server: Child): Promise<DebugStats | null> {
  const line = server.nextLine(new RegExp(`^${DEBUG_STATS_PREFIX.replace(/[[\]]/g, "\\$&")}`), 10_000);
  process.kill(server.pid, "SIGUSR2");
  try {
    const m = await line;
    return JSON.parse(m.input.slice(DEBUG_STATS_PREFIX.length)) as DebugStats;
  } catch {
    return null;
  }
}

const usageMb = (m: NodeJS.MemoryUsage): Record<string, number> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 1024 / 1024)]));

// ---------- one student of the real app ----------

interface Student {
  i: number;
  socket: ClientSocket;
  token: string | null;
  participantId: string | null;
  view: ParticipantView | null;
  /** performance.now() when question q reached this student. */
  questionAt: number[];
  revealAt: number[];
  answer: { q: number; choiceId: string; sentAt: number; ackAt: number | null; ok: boolean | null; code?: string }[];
  /** session:view received after a reconnect (the kill run), and the score the first one showed. */
  viewsAfterReconnect: number;
  scoreOnReconnect: number | null;
}

function openStudent(url: string, i: number, reconnection: boolean): Student {
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
    timeout: 60_000,
    auth: {},
    localAddress: sourceAddress(i),
  } as Parameters<typeof connect>[1]);
  const s: Student = { i, socket, token: null, participantId: null, view: null, questionAt: [], revealAt: [], answer: [], viewsAfterReconnect: 0, scoreOnReconnect: null };
  return s;
}

function connected(socket: { connected: boolean; once(e: string, f: (...a: unknown[]) => void): unknown }, timeoutMs = 60_000): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    socket.once("connect", () => (clearTimeout(t), resolve(true)));
  });
}

// ---------- the real run ----------

interface HostSample {
  at: number;
  activityIndex: number | null;
  answered: number;
}

interface RunFigures {
  server: { mode: string; catalog: string; pid: number };
  join: { allMs: number; perStudent: Summary; failed: number };
  fanout: Summary & { missing: number };
  perQuestionFanoutP95: number[];
  revealFanout: Summary;
  ack: Summary & { refused: Record<string, number>; unanswered: number };
  commit: { batches: number; perBatchMs: Summary; batchSize: Summary; answerWaitMs: Summary; shareOfAckP50: number } | null;
  dashboardLag: Summary;
  /** The server's event-loop delay during the questions (server/debug-stats.ts), ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  hostViewBytes: number;
  questionPayloadBytes: number;
  answers: { sent: number; acked: number; inDb: number; lost: number; duplicates: number };
  cpu: { seconds: number; avgCorePct: number; duringQuestionsCorePct: number };
  memory: {
    baseRssMb: number;
    afterJoinRssMb: number;
    peakRssMb: number;
    perStudentKb: number;
    peakRssByStageMb: Record<string, number>;
    heapPerStudentKb: number | null;
    usageMb: Record<string, Record<string, number> | null>;
  };
  kill?: KillFigures;
}

interface KillFigures {
  killedAfterMs: number;
  ackedBeforeKill: number;
  ackedBeforeKillMissingInDb: number;
  restartMs: number;
  reconnectedAll: boolean;
  reconnectMs: number;
  /** Phones whose first screen after the restart showed the score committed before the crash. */
  viewsWithRightScore: number;
  viewsWithWrongScore: number;
  resentAfterRestart: { ok: number; alreadyAnswered: number; other: number };
  phaseAfterRestart: string;
  answeredInDb: number;
  duplicateRows: number;
}

async function realRun(args: Args, mode: "prod" | "app", catalogKind: "real" | "test", realCatalog: ActivityCatalog | null): Promise<RunFigures> {
  const db = await seed(args.questions, args.timeLimitSec, realCatalog);
  const port = await freePort();
  const profileDir = args.profile ? mkdtempSync(path.join(tmpdir(), "irsa-prof-")) : null;
  const heapDir = args.heap ? mkdtempSync(path.join(tmpdir(), "irsa-heap-")) : null;
  let server = await startRealServer(mode, db, port, profileDir, catalogKind, heapDir);
  const snapshot = async (label: string) => {
    if (!heapDir) return;
    const count = readdirSync(heapDir).length;
    process.kill(server.pid, "SIGUSR1");
    await until(() => readdirSync(heapDir).length > count, 120_000);
    // The file is complete once its size stops changing; snapshots take a few seconds.
    const file = path.join(heapDir, readdirSync(heapDir).sort().at(-1)!);
    let size = -1;
    for (let i = 0; i < 120 && size !== statSync(file).size; i++) {
      size = statSync(file).size;
      await sleep(2000);
    }
    log(`heap snapshot (${label}) in ${heapDir}`);
  };
  const url = `http://127.0.0.1:${port}`;
  const random = seededRandom(42);
  log(`real server (${mode}, ${catalogKind} catalog) pid ${server.pid} on ${url}`);

  const host = connect(url, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie: db.cookie } }) as ClientSocket;
  await connected(host);
  const hostSamples: HostSample[] = [];
  let lastHostView: HostView | null = null;
  host.on("host:view", (v) => {
    lastHostView = v;
    const index = v.phase.type === "question" || v.phase.type === "reveal" ? v.phase.activityIndex : null;
    hostSamples.push({ at: performance.now(), activityIndex: index, answered: v.progress?.answered ?? 0 });
  });
  const watch = await emitAck<HostView>(host, "host:watch", { sessionId: db.sessionId });
  if (!watch?.ok) throw new Error(`host:watch failed: ${JSON.stringify(watch)}`);
  await sleep(500);
  await snapshot("before the joins");
  const before = await serverStats(server);
  const baseRss = memoryMb(server.pid).rss;
  const cpu0 = cpuSeconds(server.pid);

  // Where the memory peaks: VmRSS sampled every 100 ms, the highest value per stage of the run.
  let stage = "join";
  const rssByStage: Record<string, number> = {};
  const rssPoller = setInterval(() => {
    try {
      const rss = Math.round(memoryMb(server.pid).rss);
      rssByStage[stage] = Math.max(rssByStage[stage] ?? 0, rss);
    } catch {
      // the server is between a kill and its restart
    }
  }, 100);

  // ---- join ----
  const students: Student[] = [];
  const joinMs: number[] = [];
  let failedJoins = 0;
  const joinStart = performance.now();
  await inWaves(args.students, args.concurrency, async (i) => {
    const t = performance.now();
    const s = openStudent(url, i, args.kill);
    students[i] = s;
    if (!(await connected(s.socket))) {
      failedJoins++;
      return;
    }
    const r = await emitAck<JoinResult>(s.socket, "session:join", { code: db.code, nickname: `Student ${i}` });
    if (!r?.ok) {
      failedJoins++;
      if (failedJoins <= 3) log("join failed:", JSON.stringify(r));
      return;
    }
    s.token = r.data.participantToken;
    s.participantId = r.data.view.me.participantId;
    s.view = r.data.view;
    // A reconnect (the kill run) presents the token: the server finds the participant and sends the screen.
    (s.socket as unknown as { auth: Record<string, string> }).auth = { participantToken: s.token };
    joinMs.push(performance.now() - t);
  });
  const joinAll = performance.now() - joinStart;
  log(`${args.students - failedJoins}/${args.students} joined in ${Math.round(joinAll)} ms`);
  await sleep(1500);
  const afterJoin = await serverStats(server);
  const afterJoinRss = memoryMb(server.pid).rss;
  await snapshot("after the joins");

  // ---- questions ----
  let currentQ = -1;
  let questionPayloadBytes = 0;
  let cmdAt = 0;
  const live = students.filter((s) => s.participantId);
  for (const s of live) {
    s.socket.on("session:phase", (u: PhaseUpdate) => {
      const now = performance.now();
      if (s.view) s.view = { ...s.view, phase: u.phase, session: u.session, serverNow: u.serverNow };
      if (u.phase.type === "reveal" && s.revealAt[u.phase.activityIndex] === undefined) s.revealAt[u.phase.activityIndex] = now;
      if (u.phase.type !== "question" || s.questionAt[u.phase.activityIndex] !== undefined) return;
      const q = u.phase.activityIndex;
      s.questionAt[q] = now;
      if (s.i === 0) questionPayloadBytes = JSON.stringify(u).length;
      const choices = u.phase.prompt.kind === "pitfall" ? u.phase.prompt.choices : [];
      const choiceId = choices[Math.floor(random() * choices.length)]?.id ?? "a";
      setTimeout(() => sendAnswer(s, q, choiceId), random() * args.spreadMs);
    });
    s.socket.on("session:me", (u: MeUpdate) => {
      if (s.view) s.view = { ...s.view, me: u.me, serverNow: u.serverNow };
    });
    s.socket.on("session:view", (v: ParticipantView) => {
      s.view = v;
      if (v.phase.type === "reveal" && s.revealAt[v.phase.activityIndex] === undefined) s.revealAt[v.phase.activityIndex] = performance.now();
      if (killState.restarted && s.viewsAfterReconnect++ === 0) s.scoreOnReconnect = v.me.score;
    });
  }
  const killState = { armed: args.kill, killed: false, restarted: false, killedAt: 0 };

  function sendAnswer(s: Student, q: number, choiceId: string): void {
    const entry: Student["answer"][number] = { q, choiceId, sentAt: performance.now(), ackAt: null, ok: null };
    s.answer.push(entry);
    void emitAck<{ acceptedAt: number }>(s.socket, "answer:submit", { activityIndex: q, answer: { kind: "pitfall", choiceId } }, 60_000).then((r) => {
      if (!r) return; // no ack: lost in flight (the kill run) or timed out
      entry.ackAt = performance.now();
      entry.ok = r.ok;
      if (!r.ok) entry.code = r.error.code;
    });
  }

  const fanout: number[] = [];
  const fanoutP95: number[] = [];
  const reveal: number[] = [];
  const dashLag: number[] = [];
  let missingQuestion = 0;
  let kill: KillFigures | undefined;
  const cpuQ0 = cpuSeconds(server.pid);
  const qStart = performance.now();

  for (let q = 0; q < args.questions; q++) {
    currentQ = q;
    stage = `question ${q}`;
    cmdAt = performance.now();
    const cmd = await emitAck<HostView>(host, "host:command", { sessionId: db.sessionId, command: { type: q === 0 ? "start" : "next" } });
    const cmdAckMs = performance.now() - cmdAt;
    if (!cmd?.ok) throw new Error(`open question ${q}: ${JSON.stringify(cmd)}`);
    await until(() => live.every((s) => s.questionAt[q] !== undefined), 30_000);
    const lat = live.filter((s) => s.questionAt[q] !== undefined).map((s) => s.questionAt[q]! - cmdAt);
    missingQuestion += live.length - lat.length;
    fanout.push(...lat);
    fanoutP95.push(summarize(lat).p95);

    if (killState.armed && q === 0) {
      kill = await killMidQuestion();
    }

    // Every student answers within the spread; wait for the acks (bounded by the time limit).
    const answeredQ = () => live.every((s) => s.answer.some((a) => a.q === q && a.ackAt !== null));
    await until(answeredQ, args.spreadMs + args.timeLimitSec * 1000);
    await sleep(800); // the last throttled host:view
    // Dashboard lag: the k-th ack (in time order) is counted once a host:view shows ≥ k answers. The kill
    // question is left out (the count restarts from the database there).
    if (!(kill && q === 0)) {
      const acks = live
        .flatMap((s) => s.answer.filter((a) => a.q === q && a.ok && a.ackAt !== null))
        .map((a) => a.ackAt!)
        .sort((a, b) => a - b);
      const views = hostSamples.filter((h) => h.activityIndex === q);
      let v = 0;
      acks.forEach((ackAt, k) => {
        while (v < views.length && views[v]!.answered < k + 1) v++;
        if (v < views.length) dashLag.push(Math.max(0, views[v]!.at - ackAt));
      });
    }

    stage = `reveal ${q}`;
    const closeAt = performance.now();
    const closed = await emitAck<HostView>(host, "host:command", { sessionId: db.sessionId, command: { type: "close" } });
    if (!closed?.ok) log(`close ${q}: ${JSON.stringify(closed)}`);
    await until(() => live.every((s) => s.revealAt[q] !== undefined), 30_000);
    reveal.push(...live.filter((s) => s.revealAt[q] !== undefined).map((s) => s.revealAt[q]! - closeAt));
    const f = summarize(lat);
    log(`question ${q}: fan-out first ${Math.round(Math.min(...lat))} p50 ${f.p50} p95 ${f.p95} ms (host command acked after ${Math.round(cmdAckMs)} ms)`);
  }
  const cpuQ1 = cpuSeconds(server.pid);
  const qElapsed = (performance.now() - qStart) / 1000;
  void currentQ;

  clearInterval(rssPoller);
  const final = await serverStats(server);
  const cpu1 = cpuSeconds(server.pid);
  const mem = memoryMb(server.pid);
  const elapsed = (performance.now() - joinStart) / 1000;
  await snapshot("after the questions"); // after the CPU and memory readings: a snapshot costs both

  // ---- what is in the database ----
  const rows = await db.prisma.response.findMany({ where: { sessionId: db.sessionId }, select: { participantId: true, activityIndex: true } });
  const inDb = new Set(rows.map((r) => `${r.participantId}:${r.activityIndex}`));
  const all = live.flatMap((s) => s.answer.map((a) => ({ s, a })));
  const acked = all.filter(({ a }) => a.ok === true);
  const lost = acked.filter(({ s, a }) => !inDb.has(`${s.participantId}:${a.q}`)).length;
  const refused: Record<string, number> = {};
  for (const { a } of all) if (a.ok === false) refused[a.code ?? "?"] = (refused[a.code ?? "?"] ?? 0) + 1;
  // The kill run's crashed question is left out of the ack latency (answers waited for the restart there).
  const ackLatencies = acked.filter(({ a }) => !kill || a.q > 0).map(({ a }) => a.ackAt! - a.sentAt);

  const samples = final?.samples ?? null;
  const commitSummary = samples ? summarize(samples.commitMs) : null;
  const ackSummary = summarize(ackLatencies);
  const hostViewBytes = lastHostView ? JSON.stringify(lastHostView).length : 0;

  host.disconnect();
  for (const s of students) s?.socket.disconnect();
  await server.stop("SIGTERM");
  let profile: ReturnType<typeof topSelfTime> | undefined;
  if (profileDir) {
    const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
    if (file) {
      profile = topSelfTime(readFileSync(path.join(profileDir, file), "utf8"), 25);
      log(`cpu profile: ${path.join(profileDir, file)}`);
    }
  }
  await db.prisma.$disconnect();
  rmSync(db.dir, { recursive: true, force: true });

  const figures: RunFigures = {
    server: { mode, catalog: catalogKind, pid: server.pid },
    join: { allMs: Math.round(joinAll), perStudent: summarize(joinMs), failed: failedJoins },
    fanout: { ...summarize(fanout), missing: missingQuestion },
    perQuestionFanoutP95: fanoutP95,
    revealFanout: summarize(reveal),
    ack: { ...ackSummary, refused, unanswered: live.length * args.questions - all.length },
    commit:
      samples && commitSummary
        ? {
            batches: samples.commitMs.length,
            perBatchMs: commitSummary,
            batchSize: summarize(samples.batchSize),
            answerWaitMs: summarize(samples.waitMs),
            shareOfAckP50: Math.round((summarize(samples.waitMs).p50 / (ackSummary.p50 || 1)) * 100) / 100,
          }
        : null,
    dashboardLag: summarize(dashLag),
    eventLoopDelayMs: final?.eventLoopDelayMs ?? null,
    hostViewBytes,
    questionPayloadBytes,
    answers: { sent: all.length, acked: acked.length, inDb: rows.length, lost, duplicates: rows.length - inDb.size },
    cpu: {
      seconds: Math.round((cpu1 - cpu0) * 100) / 100,
      avgCorePct: Math.round(((cpu1 - cpu0) / elapsed) * 100),
      duringQuestionsCorePct: Math.round(((cpuQ1 - cpuQ0) / qElapsed) * 100),
    },
    memory: {
      baseRssMb: Math.round(baseRss),
      afterJoinRssMb: Math.round(afterJoinRss),
      peakRssMb: Math.round(mem.peak),
      perStudentKb: Math.round(((afterJoinRss - baseRss) * 1024) / Math.max(1, live.length)),
      peakRssByStageMb: rssByStage,
      heapPerStudentKb:
        before && afterJoin ? Math.round((afterJoin.memory.heapUsed - before.memory.heapUsed) / 1024 / Math.max(1, live.length)) : null,
      // process.memoryUsage() of the server before the joins, after them and after the questions (MB).
      usageMb: Object.fromEntries(
        ([["beforeJoins", before], ["afterJoins", afterJoin], ["afterQuestions", final]] as const).map(([k, st]) => [k, st ? usageMb(st.memory) : null]),
      ),
    },
    ...(kill ? { kill } : {}),
  };
  if (profile) (figures as RunFigures & { profile?: unknown }).profile = profile;
  return figures;

  // ---- the kill run: SIGKILL with answers in flight, restart on the same port ----
  async function killMidQuestion(): Promise<KillFigures> {
    const q = 0;
    const sentCount = () => live.filter((s) => s.answer.some((a) => a.q === q)).length;
    await until(() => sentCount() >= live.length / 2, args.spreadMs + 5000);
    killState.killedAt = performance.now();
    const ackedBefore = live.flatMap((s) => s.answer.filter((a) => a.q === q && a.ok === true).map((a) => ({ s, a })));
    process.kill(server.pid, "SIGKILL");
    await server.exited;
    killState.armed = false;
    log(`killed the server with ${ackedBefore.length} answers acked, ${sentCount()} sent`);
    const restartStart = performance.now();
    server = await startRealServer(mode, db, port, null, catalogKind);
    const restartMs = performance.now() - restartStart;
    killState.restarted = true;
    const reconnectStart = performance.now();
    const reconnectedAll = await until(() => live.every((s) => s.socket.connected && s.viewsAfterReconnect > 0), 60_000);
    const reconnectMs = performance.now() - reconnectStart;
    const wallAtRestart = Date.now() - Math.round(performance.now() - restartStart);
    const rows = await db.prisma.response.findMany({ where: { sessionId: db.sessionId, activityIndex: q } });
    const inDb = new Set(rows.map((r) => r.participantId));
    const missing = ackedBefore.filter(({ s }) => !inDb.has(s.participantId!)).length;
    // The score a phone finds on reconnecting is what was committed before the crash (answers sent later are
    // committed after it and show at the reveal).
    const before = new Map(rows.filter((r) => r.createdAt.getTime() < wallAtRestart).map((r) => [r.participantId, r.points + r.streakBonus]));
    let right = 0;
    let wrong = 0;
    for (const s of live) {
      if (s.scoreOnReconnect === (before.get(s.participantId!) ?? 0)) right++;
      else wrong++;
    }
    // Answers without an ack (in flight when the process died, or written into the dead connection before the
    // phone noticed) are sent again, as the phone does: they count once, or were already in.
    await sleep(2000);
    const resent = { ok: 0, alreadyAnswered: 0, other: 0 };
    await Promise.all(
      live.map(async (s) => {
        const unacked = s.answer.find((a) => a.q === q && a.ok === null);
        if (!unacked) return;
        const r = await emitAck<{ acceptedAt: number }>(s.socket, "answer:submit", { activityIndex: q, answer: { kind: "pitfall", choiceId: unacked.choiceId } });
        unacked.ackAt = performance.now();
        if (r?.ok) {
          resent.ok++;
          unacked.ok = true;
        } else if (r && r.error.code === "ALREADY_ANSWERED") {
          resent.alreadyAnswered++;
          unacked.ok = false;
          unacked.code = "ALREADY_ANSWERED (resent after the crash)";
        } else resent.other++;
      }),
    );
    const phase = live[0]?.view?.phase.type ?? "?";
    log(`restarted in ${Math.round(restartMs)} ms; reconnected ${reconnectedAll ? "all" : "NOT all"} in ${Math.round(reconnectMs)} ms`);
    return {
      killedAfterMs: Math.round(killState.killedAt - cmdAt),
      ackedBeforeKill: ackedBefore.length,
      ackedBeforeKillMissingInDb: missing,
      restartMs: Math.round(restartMs),
      reconnectedAll,
      reconnectMs: Math.round(reconnectMs),
      viewsWithRightScore: right,
      viewsWithWrongScore: wrong,
      resentAfterRestart: resent,
      phaseAfterRestart: phase,
      answeredInDb: rows.length,
      duplicateRows: rows.length - inDb.size,
    };
  }
}

// ---------- the baseline: a bare socket.io server ----------

interface BaselineFigures {
  pid: number;
  join: { allMs: number; perStudent: Summary; failed: number };
  fanout: Summary & { missing: number };
  perQuestionFanoutP95: number[];
  ack: Summary;
  cpu: { seconds: number; avgCorePct: number };
  memory: { baseRssMb: number; afterJoinRssMb: number; peakRssMb: number; perStudentKb: number };
}

/**
 * Warms THIS process (socket.io-client, engine.io-client, ws and the bench's own handlers) against a throwaway
 * bare server before anything is measured. Without it, whichever run came first paid for the client's JIT: with
 * the real server first, its question 0 measured ~2× its later questions at 2,000 students (206 vs 120/67 ms p95);
 * with the bare server first, the bare server's question 0 did (130 vs 74/52 ms) and the real one did not (106 vs
 * 89/101 ms). The server under test is not warmed: its own first question after a start is part of the figures.
 */
async function warmUpClient(args: Args): Promise<void> {
  const students = Math.min(args.students, 500);
  log(`warming up the bench client: ${students} clients × 5 messages on a throwaway bare server (not measured)`);
  await baselineRun({ ...args, students, questions: 5 }, 3000);
}

async function baselineRun(args: Args, payloadBytes: number): Promise<BaselineFigures> {
  const server = startChild(["--import", "tsx", "tests/bench/support/bare-server.ts"], { ...process.env, PORT: "0" }, root, "bare");
  const port = Number((await server.waitFor(/^PORT (\d+)/))[1]);
  const url = `http://127.0.0.1:${port}`;
  const random = seededRandom(42);
  log(`bare socket.io server pid ${server.pid} on ${url}`);
  const host = connect(url, { transports: ["websocket"], forceNew: true }) as ClientSocket;
  await connected(host);
  await sleep(500);
  const baseRss = memoryMb(server.pid).rss;
  const cpu0 = cpuSeconds(server.pid);
  type Bare = { socket: Socket; questionAt: number[]; acks: { sentAt: number; ackAt: number | null; q: number }[] };
  const clients: Bare[] = [];
  const joinMs: number[] = [];
  let failed = 0;
  const start = performance.now();
  await inWaves(args.students, args.concurrency, async (i) => {
    const t = performance.now();
    const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 60_000, localAddress: sourceAddress(i) } as Parameters<typeof connect>[1]);
    const c: Bare = { socket, questionAt: [], acks: [] };
    clients[i] = c;
    if (!(await connected(socket))) return void failed++;
    const r = await emitAck(socket as ClientSocket, "bench:join", {});
    if (!r) return void failed++;
    joinMs.push(performance.now() - t);
    socket.on("bench:question", (m: { index: number }) => {
      if (c.questionAt[m.index] !== undefined) return;
      c.questionAt[m.index] = performance.now();
      setTimeout(() => {
        const a = { sentAt: performance.now(), ackAt: null as number | null, q: m.index };
        c.acks.push(a);
        socket.timeout(60_000).emit("bench:answer", { activityIndex: m.index, answer: { kind: "pitfall", choiceId: "a" } }, (err: unknown) => {
          if (!err) a.ackAt = performance.now();
        });
      }, random() * args.spreadMs);
    });
  });
  const joinAll = performance.now() - start;
  await sleep(1500);
  const afterJoinRss = memoryMb(server.pid).rss;
  const live = clients.filter((c) => c && c.socket.connected);
  const fanout: number[] = [];
  const p95: number[] = [];
  let missing = 0;
  for (let q = 0; q < args.questions; q++) {
    const at = performance.now();
    await emitAck(host, "bench:fanout", { index: q, bytes: payloadBytes });
    await until(() => live.every((c) => c.questionAt[q] !== undefined), 30_000);
    const lat = live.filter((c) => c.questionAt[q] !== undefined).map((c) => c.questionAt[q]! - at);
    missing += live.length - lat.length;
    fanout.push(...lat);
    p95.push(summarize(lat).p95);
    await until(() => live.every((c) => c.acks.some((a) => a.q === q && a.ackAt !== null)), args.spreadMs + 30_000);
    await sleep(800);
    log(`baseline question ${q}: fan-out p95 ${summarize(lat).p95} ms`);
  }
  const cpu1 = cpuSeconds(server.pid);
  const mem = memoryMb(server.pid);
  const elapsed = (performance.now() - start) / 1000;
  const acks = live.flatMap((c) => c.acks.filter((a) => a.ackAt !== null).map((a) => a.ackAt! - a.sentAt));
  host.disconnect();
  for (const c of clients) c?.socket.disconnect();
  await server.stop("SIGTERM");
  return {
    pid: server.pid,
    join: { allMs: Math.round(joinAll), perStudent: summarize(joinMs), failed },
    fanout: { ...summarize(fanout), missing },
    perQuestionFanoutP95: p95,
    ack: summarize(acks),
    cpu: { seconds: Math.round((cpu1 - cpu0) * 100) / 100, avgCorePct: Math.round(((cpu1 - cpu0) / elapsed) * 100) },
    memory: {
      baseRssMb: Math.round(baseRss),
      afterJoinRssMb: Math.round(afterJoinRss),
      peakRssMb: Math.round(mem.peak),
      perStudentKb: Math.round(((afterJoinRss - baseRss) * 1024) / Math.max(1, live.length)),
    },
  };
}

// ---------- main ----------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const fdLimit = Number(execSync("ulimit -n", { shell: "/bin/bash" }).toString().trim());
  const fdNeeded = args.students + 200;
  if (fdLimit < fdNeeded) {
    throw new Error(
      `ulimit -n is ${fdLimit}; ${args.students} students need about ${fdNeeded} file descriptors in this process ` +
        `(and as many in the server). Run: bash -c 'ulimit -n ${2 * fdNeeded} && npm run bench:live -- …'`,
    );
  }
  const realCatalog = await loadRealCatalog();
  const built = existsSync(path.join(root, ".next/BUILD_ID"));
  const mode: "prod" | "app" = args.server === "auto" ? (realCatalog && built ? "prod" : "app") : args.server;
  if (mode === "prod" && !realCatalog) throw new Error("--server prod needs lib/activities/catalog.ts (createCatalog)");
  if (mode === "prod" && !built) throw new Error("--server prod needs a production build: npm run build");
  const catalogKind = realCatalog ? "real" : "test";

  const loadBefore = loadAverage();
  const started = Date.now();
  if (args.warmup) await warmUpClient(args);
  const real = await realRun(args, mode, catalogKind, realCatalog);
  const baseline = args.baseline && !args.kill ? await baselineRun(args, real.questionPayloadBytes) : null;
  const ratio = (a: number, b: number | undefined) => (b ? Math.round((a / b) * 100) / 100 : null);
  const result = {
    bench: "live",
    n: args.students,
    questions: args.questions,
    spreadMs: args.spreadMs,
    server: `${mode === "prod" ? "NODE_ENV=production node --import tsx server/index.ts" : "tests/bench/support/bench-server.ts (startAppServer, no Next)"}; ${catalogKind} catalog`,
    machine: { cores: (await import("node:os")).cpus().length, loadBefore, loadAfter: loadAverage(), fdLimit, node: process.version },
    durationSec: Math.round((Date.now() - started) / 1000),
    real,
    baseline,
    ratios: baseline
      ? {
          fanoutP50: ratio(real.fanout.p50, baseline.fanout.p50),
          fanoutP95: ratio(real.fanout.p95, baseline.fanout.p95),
          fanoutP99: ratio(real.fanout.p99, baseline.fanout.p99),
          ackP99: ratio(real.ack.p99, baseline.ack.p99),
          peakRss: ratio(real.memory.peakRssMb, baseline.memory.peakRssMb),
          cpuSeconds: ratio(real.cpu.seconds, baseline.cpu.seconds),
          joinAll: ratio(real.join.allMs, baseline.join.allMs),
        }
      : null,
    targets: baseline
      ? {
          fanoutP95Within2x: real.fanout.p95 <= 2 * baseline.fanout.p95,
          fanoutP99Within2x: real.fanout.p99 <= 2 * baseline.fanout.p99,
          ackP99Le100ms: real.ack.p99 <= 100,
          dashboardLagP95Le500ms: real.dashboardLag.p95 <= 500,
          zeroLost: real.answers.lost === 0,
          rssLe3xBaseline: real.memory.peakRssMb <= 3 * baseline.memory.peakRssMb,
        }
      : { zeroLost: real.answers.lost === 0 },
  };
  if (!args.json) printTable(result);
  process.stdout.write(JSON.stringify(result, null, args.json ? 0 : 2) + "\n");
}

function printTable(r: {
  n: number;
  real: RunFigures;
  baseline: BaselineFigures | null;
  machine: { loadBefore: string; loadAfter: string };
}): void {
  const row = (label: string, real: string, base = "") => process.stderr.write(`${label.padEnd(28)}${real.padEnd(36)}${base}\n`);
  const s = (x: Summary) => `p50 ${x.p50} p95 ${x.p95} p99 ${x.p99} max ${x.max}`;
  process.stderr.write(`\nN = ${r.n}   load ${r.machine.loadBefore} → ${r.machine.loadAfter}\n`);
  row("", "real server", "bare socket.io");
  row("join all (ms)", String(r.real.join.allMs), String(r.baseline?.join.allMs ?? ""));
  row("fan-out (ms)", s(r.real.fanout), r.baseline ? s(r.baseline.fanout) : "");
  row("answer ack (ms)", s(r.real.ack), r.baseline ? s(r.baseline.ack) : "");
  if (r.real.commit) row("commit per batch (ms)", s(r.real.commit.perBatchMs), `answer wait ${s(r.real.commit.answerWaitMs)}`);
  row("dashboard lag (ms)", s(r.real.dashboardLag));
  if (r.real.eventLoopDelayMs) {
    const d = r.real.eventLoopDelayMs;
    row("event-loop delay (ms)", `p50 ${d.p50} p99 ${d.p99} max ${d.max} (during the questions)`);
  }
  row("reveal fan-out (ms)", s(r.real.revealFanout));
  row("answers sent/acked/db/lost", `${r.real.answers.sent}/${r.real.answers.acked}/${r.real.answers.inDb}/${r.real.answers.lost}`);
  row("cpu s (avg % of a core)", `${r.real.cpu.seconds} (${r.real.cpu.avgCorePct}%)`, r.baseline ? `${r.baseline.cpu.seconds} (${r.baseline.cpu.avgCorePct}%)` : "");
  row("peak RSS (MB)", String(r.real.memory.peakRssMb), String(r.baseline?.memory.peakRssMb ?? ""));
  row("RSS per student (KB)", String(r.real.memory.perStudentKb), String(r.baseline?.memory.perStudentKb ?? ""));
  process.stderr.write("\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
