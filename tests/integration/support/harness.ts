import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import type {
  Ack,
  ClientToServerEvents,
  HostCommand,
  HostView,
  JoinResult,
  ParticipantView,
  PhaseUpdate,
  ServerToClientEvents,
  SubmitAnswerPayload,
} from "@/lib/contract";
import { applyMeUpdate, applyPhaseUpdate, type ActivityKind, type MeUpdate } from "@/lib/contract";
import type { ActivityCatalog } from "@/lib/activities/types";
import { INSTRUCTOR_COOKIE } from "@/lib/auth/cookies";
import { signInstructorToken } from "@/lib/auth/tokens";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { SessionRepository } from "@/lib/db/sessions";
import type { RealtimeLimits } from "@/server/realtime";
import { startAppServer, type AppServer } from "@/server/app-server";
import { createTestCatalog, TEST_SCENARIOS } from "./test-catalog";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export const SECRET_KEY = new TextEncoder().encode("integration-test-signing-key-0123456789");

/** A clock the test moves: answers get exact, reproducible times (the server's timers still run on real time). */
export class TestClock {
  constructor(public t = 1_800_000_000_000) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestDb {
  url: string;
  dir: string;
  prisma: PrismaClient;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database: an SQLite file in a temp folder, or — with TEST_POSTGRES_URL set (scripts/test-postgres.sh)
 * — a new database on that PostgreSQL server, dropped again by cleanup().
 */
export async function createTestDb(): Promise<TestDb> {
  const postgres = process.env.TEST_POSTGRES_URL;
  if (postgres) return createPostgresTestDb(postgres);
  const dir = mkdtempSync(path.join(tmpdir(), "irsa-it-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrateDatabase(url);
  const prisma = createPrisma(url);
  return {
    url,
    dir,
    prisma,
    async cleanup() {
      await prisma.$disconnect().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestDb(serverUrl: string): Promise<TestDb> {
  const name = `irsa_it_${randomUUID().replace(/-/g, "")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const prisma = createPrisma(url.toString());
  const dir = mkdtempSync(path.join(tmpdir(), "irsa-it-"));
  return {
    url: url.toString(),
    dir,
    prisma,
    async cleanup() {
      await prisma.$disconnect().catch(() => undefined);
      // WITH (FORCE): a child server killed mid-test may leave connections behind (PostgreSQL 13+).
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DeckActivityInput {
  scenarioId: string;
  kind: ActivityKind;
  timeLimitSec: number;
  pointsMultiplier: number;
}

export const DEFAULT_DECK: DeckActivityInput[] = [
  { scenarioId: TEST_SCENARIOS[0] ?? "", kind: "pitfall", timeLimitSec: 20, pointsMultiplier: 1 },
  { scenarioId: TEST_SCENARIOS[1] ?? "", kind: "pitfall", timeLimitSec: 20, pointsMultiplier: 2 },
  { scenarioId: TEST_SCENARIOS[2] ?? "", kind: "which-step", timeLimitSec: 2, pointsMultiplier: 1 },
];

/** An instructor, a deck of the test scenarios and a live session; the instructor's cookie header. */
export async function seedSession(
  prisma: PrismaClient,
  opts: { scoring?: "speed" | "accuracy"; allowLateJoin?: boolean; deck?: DeckActivityInput[]; email?: string } = {},
) {
  const instructor = await prisma.instructor.create({
    data: { email: opts.email ?? `teacher-${Math.random().toString(36).slice(2)}@example.org`, name: "Teacher", passwordHash: "x" },
  });
  const deck = await prisma.deck.create({
    data: {
      instructorId: instructor.id,
      title: "IRSA test deck",
      activities: {
        create: (opts.deck ?? DEFAULT_DECK).map((a, position) => ({ ...a, position, config: "{}" })),
      },
    },
  });
  let seed = 12345;
  const created = await new SessionRepository(prisma).createSession({
    instructorId: instructor.id,
    deckId: deck.id,
    scoring: opts.scoring ?? "speed",
    allowLateJoin: opts.allowLateJoin ?? true,
    random: () => ((seed = (seed * 48271) % 2147483647) / 2147483647),
  });
  if (!created.ok) throw new Error(created.message);
  const token = await signInstructorToken({ instructorId: instructor.id }, SECRET_KEY);
  return { instructorId: instructor.id, deckId: deck.id, ...created.value, cookie: `${INSTRUCTOR_COOKIE}=${token}` };
}

export async function startTestServer(
  prisma: PrismaClient,
  opts: { clock?: TestClock; catalog?: ActivityCatalog; limits?: Partial<RealtimeLimits>; redisUrl?: string } = {},
): Promise<AppServer> {
  const quiet = { error: (m: string, c?: unknown) => console.error(m, c), warn: () => undefined, info: () => undefined };
  return startAppServer({
    port: 0,
    host: "127.0.0.1",
    prisma,
    catalog: opts.catalog ?? createTestCatalog(),
    authSecret: SECRET_KEY,
    clock: opts.clock,
    log: quiet,
    redisUrl: opts.redisUrl,
    limits: opts.limits ?? {
      joinPerIp: { capacity: 1000, refillPerSec: 100 },
      answersPerParticipant: { capacity: 20, refillPerSec: 10 },
    },
  });
}

export interface Frame {
  at: number;
  /** The raw engine.io payload as received: everything that reached this client. */
  raw: string;
}

/**
 * A typed socket.io client that records every frame it receives (raw engine.io packets, acks included) and
 * keeps its current view by applying `session:view` and `session:phase` as a phone would.
 */
export class TestClient {
  readonly socket: ClientSocket;
  readonly frames: Frame[] = [];
  readonly events: { event: string; payload: unknown }[] = [];
  view: ParticipantView | null = null;
  hostView: HostView | null = null;
  token: string | null = null;
  kicked: string | null = null;

  constructor(url: string, opts: { token?: string; cookie?: string } = {}) {
    this.socket = connect(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: opts.token ? { participantToken: opts.token } : {},
      extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    });
    this.token = opts.token ?? null;
    this.socket.io.on("open", () => this.socket.io.engine.on("packet", (p: { data?: unknown }) => this.record(p.data)));
    this.socket.on("session:view", (v) => {
      this.events.push({ event: "session:view", payload: v });
      this.view = v;
    });
    this.socket.on("session:phase", (u: PhaseUpdate) => {
      this.events.push({ event: "session:phase", payload: u });
      if (this.view) this.view = applyPhaseUpdate(this.view, u);
    });
    this.socket.on("session:me", (u: MeUpdate) => {
      this.events.push({ event: "session:me", payload: u });
      if (this.view) this.view = applyMeUpdate(this.view, u);
    });
    this.socket.on("host:view", (v) => {
      this.events.push({ event: "host:view", payload: v });
      this.hostView = v;
    });
    this.socket.on("session:kicked", (k) => {
      this.events.push({ event: "session:kicked", payload: k });
      this.kicked = k.message;
    });
  }

  private record(data: unknown): void {
    if (data === undefined) return;
    this.frames.push({ at: Date.now(), raw: typeof data === "string" ? data : JSON.stringify(data) });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (e) => reject(e));
    });
  }

  /** Resolves with the connect_error's data (a refused handshake). */
  refused(): Promise<{ code?: string; message?: string }> {
    return new Promise((resolve, reject) => {
      this.socket.once("connect", () => reject(new Error("connected, expected a refusal")));
      this.socket.once("connect_error", (e) => resolve(((e as Error & { data?: unknown }).data ?? {}) as { code?: string }));
    });
  }

  emit<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
    return new Promise((resolve) => {
      (this.socket as unknown as { emit(e: string, p: unknown, ack: (r: Ack<T>) => void): void }).emit(event, payload, resolve);
    });
  }

  async join(code: string, nickname: string): Promise<Ack<JoinResult>> {
    const r = await this.emit<JoinResult>("session:join", { code, nickname });
    if (r.ok) {
      this.token = r.data.participantToken;
      this.view = r.data.view;
    }
    return r;
  }

  answer(payload: SubmitAnswerPayload): Promise<Ack<{ acceptedAt: number }>> {
    return this.emit("answer:submit", payload);
  }

  command(sessionId: string, command: HostCommand): Promise<Ack<HostView>> {
    return this.emit("host:command", { sessionId, command });
  }

  /** Waits until `predicate` holds for this client's state (polls; no timing assertions). */
  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function untilAll(clients: TestClient[], predicate: (c: TestClient) => boolean, what: string): Promise<void> {
  await Promise.all(clients.map((c) => c.until(() => predicate(c), what)));
}
