import type { Server as HttpServer } from "node:http";
import { Server, type ExtendedError } from "socket.io";
import {
  fail,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "@/lib/contract";
import type { ActivityCatalog } from "@/lib/activities/types";
import { INSTRUCTOR_COOKIE, parseCookieHeader } from "@/lib/auth/cookies";
import { joinedSessions } from "@/lib/auth/joined-sessions";
import { verifyInstructorToken, verifyParticipantToken } from "@/lib/auth/tokens";
import { AnswerWriter, type AnswerWriterOptions } from "@/lib/db/answer-writer";
import { crossOriginRefusal } from "@/lib/http/same-origin";
import type { PrismaClient } from "@/lib/db/client";
import { SessionRepository } from "@/lib/db/sessions";
import { registerAnswerHandlers } from "./handlers/answer";
import { socketRooms, type HandlerContext, type TypedServer, type TypedSocket } from "./handlers/context";
import { registerHostHandlers } from "./handlers/host";
import { registerSessionHandlers } from "./handlers/session";
import { registerTimeHandlers } from "./handlers/time";
import { LocalSessions, type LiveSessions } from "./cluster/live-sessions";
import type { RedisCluster } from "./cluster/redis-cluster";
import { SharedTokenBuckets, TokenBuckets, type BucketOptions, type RateBuckets } from "./rate-limit";
import { RoomRegistry } from "./rooms/registry";
import { Room, type Clock, type Logger, type RoomTransport } from "./rooms/room";

export type { TypedServer, TypedSocket } from "./handlers/context";
export type { Clock, Logger } from "./rooms/room";

export interface RealtimeLimits {
  /** Every `session:join` per client address. Generous: a whole class may sit behind one campus NAT address. */
  joinPerIp: BucketOptions;
  /** Joins with a code matching no live session, per client address: what slows down code guessing. */
  badCodePerIp: BucketOptions;
  /**
   * `answer:submit` per participant, over all of its connections to this process: one answer per question is
   * legitimate, retries after a refusal too. Per participant, not per connection: a spammer opening more
   * connections with the same participant token (or reconnecting) gets no more answers through.
   */
  answersPerParticipant: BucketOptions;
}

export const DEFAULT_LIMITS: RealtimeLimits = {
  joinPerIp: { capacity: 300, refillPerSec: 50 },
  badCodePerIp: { capacity: 20, refillPerSec: 0.2 },
  answersPerParticipant: { capacity: 5, refillPerSec: 1 },
};

/** Socket.IO's payload limit: the largest legitimate message (a join or an answer) is well under 1 KB. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
/** How long a dropped connection may come back with its rooms and missed broadcasts (socket.io recovery). */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

export interface RealtimeOptions {
  httpServer: HttpServer;
  prisma: PrismaClient;
  catalog: ActivityCatalog;
  authSecret: Uint8Array;
  /** Base URL of join links, e.g. "https://quiz.example.org" (no trailing slash). */
  publicUrl: string;
  clock?: Clock;
  random?: () => number;
  log?: Logger;
  /** Take the client address from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
  limits?: Partial<RealtimeLimits>;
  answerWriter?: AnswerWriterOptions;
  /** Several processes sharing sessions through Redis (REDIS_URL); without it, one process holds everything. */
  cluster?: RedisCluster;
}

export interface Realtime {
  io: TypedServer;
  registry: RoomRegistry;
  /** The live sessions as the handlers see them: this process's rooms, or forwarded to their holder. */
  sessions: LiveSessions;
  repo: SessionRepository;
  writer: AnswerWriter;
  /**
   * Graceful stop: waits for accepted answers, commits what is queued, stops the timers, disconnects every
   * socket (they reconnect to the next process with their tokens) and closes the socket.io server.
   */
  close(): Promise<void>;
  /**
   * Stops at once, as a crash would: nothing queued is committed, nothing pending is acknowledged.
   * For crash tests; a real crash is SIGKILL.
   */
  abandon(): Promise<void>;
}

export const consoleLogger: Logger = {
  error: (message, context) => console.error(`[realtime] ${message}`, context ?? ""),
  warn: (message, context) => console.warn(`[realtime] ${message}`, context ?? ""),
  info: (message, context) => console.log(`[realtime] ${message}`, context ?? ""),
};

const KNOWN_EVENTS = new Set<string>([
  "session:join",
  "session:sync",
  "answer:submit",
  "time:sync",
  "host:watch",
  "host:command",
] satisfies (keyof ClientToServerEvents)[]);

/**
 * Writes one event to one connection, outside socket.io's connection-state-recovery buffer.
 *
 * With `connectionStateRecovery` on, `socket.emit` is a broadcast to the socket's own room, and the adapter keeps
 * every such packet, payload included, for the recovery window (RECOVERY_WINDOW_MS, purged once a minute, so up
 * to 3 minutes): at 5,000 students that was 5,000 `session:me` per reveal and 5,000 `session:view` after a
 * restart, plus every dashboard refresh — most of the ~30 MB of RSS each question added. None of them needs a
 * replay: they are the receiver's whole current state (a returning phone is sent its whole view on connection,
 * and asks for it with `session:sync`; a returning console sends `host:watch`), and the shared broadcasts that a
 * recovered phone applies on top still go through the buffer. `Socket.packet` is socket.io's own write under
 * `emit` (socket.io is pinned in package.json; tests/integration/recovery-buffer.test.ts checks both halves).
 */
/** socket.io-parser's PacketType.EVENT. */
const EVENT_PACKET = 2;

function sendDirect<E extends keyof ServerToClientEvents>(socket: TypedSocket, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
  const raw = socket as unknown as { packet?: (packet: { type: number; data: unknown[] }) => void };
  if (typeof raw.packet === "function") raw.packet({ type: EVENT_PACKET, data: [event, ...args] });
  else socket.emit(event, ...args);
}

function connectError(code: string, message: string): ExtendedError {
  const error = new Error(message) as ExtendedError;
  error.data = { code, message };
  return error;
}

/**
 * Builds the typed socket.io server of the live classroom on an existing http server, from injected
 * dependencies (database, activity catalog, signing key, clock, randomness): nothing here is a module singleton.
 *
 * Identity (STYLE.md §4) comes from `io.use()` only: a participant from `handshake.auth.participantToken`
 * (jose-verified, refused when the participant was kicked), an instructor from the `irsa_session` cookie of
 * the handshake. A socket with neither may only `session:join` and `time:sync`.
 */
export function createRealtime(options: RealtimeOptions): Realtime {
  const clock = options.clock ?? { now: () => Date.now() };
  const log = options.log ?? consoleLogger;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const repo = new SessionRepository(options.prisma);
  const writer = new AnswerWriter(options.prisma, {
    onError: (error, context) => log.error(`answer writer: ${context}`, error),
    ...options.answerWriter,
  });

  const io: TypedServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(options.httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    serveClient: false,
    // A page of another origin must not open a socket with the instructor's cookie (lib/http/same-origin.ts);
    // engine.io answers 403 with this message, on the handshake of either transport.
    allowRequest: (req, callback) => {
      const refusal = crossOriginRefusal(req.headers, { trustProxy: options.trustProxy ?? false, publicUrl: options.publicUrl });
      callback(refusal, refusal === null);
    },
  });

  // participantId → its open sockets: per-person views go straight to them (sendDirect), which neither looks up
  // a socket.io room per send nor fills the recovery buffer with thousands of one-off packets.
  const sockets = new Map<string, Set<TypedSocket>>();

  const localTransport: RoomTransport = {
    toParticipant(_sessionId, participantId, view) {
      for (const s of sockets.get(participantId) ?? []) sendDirect(s, "session:view", view);
    },
    toParticipantMe(_sessionId, participantId, update) {
      for (const s of sockets.get(participantId) ?? []) sendDirect(s, "session:me", update);
    },
    toAllParticipants(sessionId, update) {
      io.to(socketRooms.participants(sessionId)).emit("session:phase", update);
    },
    toHosts(sessionId, view) {
      // With REDIS_URL the dashboard may be open on another process: only the adapter's broadcast reaches it.
      if (options.cluster) {
        io.to(socketRooms.hosts(sessionId)).emit("host:view", view);
        return;
      }
      // One process: the room's few sockets directly, so that the dashboard (up to 4 a second, ~33 KB at 5,000
      // students) is not kept in the recovery buffer; a console that comes back sends host:watch and gets the view.
      const nsp = io.of("/");
      for (const id of nsp.adapter.rooms.get(socketRooms.hosts(sessionId)) ?? []) {
        const s = nsp.sockets.get(id);
        if (s) sendDirect(s, "host:view", view);
      }
    },
    hasHosts(sessionId) {
      return (io.of("/").adapter.rooms.get(socketRooms.hosts(sessionId))?.size ?? 0) > 0;
    },
    kick(_sessionId, participantId, message) {
      for (const s of [...(sockets.get(participantId) ?? [])]) {
        s.emit("session:kicked", { message });
        s.disconnect(true);
      }
    },
  };

  const transport = options.cluster ? options.cluster.transport(localTransport) : localTransport;

  const registry = new RoomRegistry(async (sessionId) => {
    const data = await repo.loadSession(sessionId);
    if (!data) return null;
    // Each activity is prepared once per room (a simulator run), then kept: prompts, reveal and checker.
    const activities = await Promise.all(data.session.activities.map((spec) => options.catalog.prepare(spec)));
    return Room.restore(data, activities, {
      store: repo,
      answers: writer,
      transport,
      clock,
      log,
      // Read at each use: a server listening on port 0 learns its own URL after this is built.
      joinUrl: (code) => `${options.publicUrl.replace(/\/+$/, "")}/join/${code}`,
    });
  });

  const local = new LocalSessions(registry, repo);
  const sessions: LiveSessions = options.cluster ? options.cluster.bind(io, local, registry) : local;

  const clientAddress = (socket: TypedSocket): string => {
    if (options.trustProxy) {
      const forwarded = socket.handshake.headers["x-forwarded-for"];
      // The last entry: the one our proxy appended. Anything before it came from the client and can be
      // anything (a guesser would put a fresh address there on each connection to dodge the limits).
      const list = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
      const last = list?.split(",").map((s) => s.trim()).filter(Boolean).pop();
      if (last) return last;
    }
    return socket.handshake.address;
  };

  // Per client address: with REDIS_URL, in Redis, so that attempts spread over the processes behind the load
  // balancer share one budget (server/rate-limit.ts SharedTokenBuckets); otherwise in memory.
  const perAddress = (name: string, bucket: BucketOptions): RateBuckets =>
    options.cluster
      ? new SharedTokenBuckets(name, bucket, { redis: options.cluster.scripts, clock, log })
      : new TokenBuckets(bucket, clock);

  const attached = new WeakSet<TypedSocket>();
  const attachParticipant = (socket: TypedSocket, participantId: string, sessionId: string): void => {
    if (attached.has(socket)) return;
    attached.add(socket);
    void socket.join(socketRooms.participants(sessionId));
    let set = sockets.get(participantId);
    if (!set) sockets.set(participantId, (set = new Set()));
    set.add(socket);
    sessions.connected(sessionId, participantId);
    socket.once("disconnect", () => {
      const current = sockets.get(participantId);
      current?.delete(socket);
      if (current?.size === 0) sockets.delete(participantId);
      sessions.disconnected(sessionId, participantId);
    });
  };

  const ctx: HandlerContext = {
    io,
    registry,
    sessions,
    repo,
    authSecret: options.authSecret,
    clock,
    log,
    limits: {
      joinPerIp: perAddress("join", limits.joinPerIp),
      badCodePerIp: perAddress("badcode", limits.badCodePerIp),
      // In memory, so an answer never waits for Redis: a participant's connections normally all reach the
      // process holding its session, and one spread over several processes gets one budget on each. A bucket is
      // kept after its participant disconnects (a reconnection must not refill it); the least recently used go
      // beyond TokenBuckets' key bound.
      answersPerParticipant: new TokenBuckets(limits.answersPerParticipant, clock),
    },
    joinedSessions: joinedSessions(),
    clientAddress,
    attachParticipant,
  };

  io.use((socket, next) => {
    authenticate(socket).then(
      (error) => next(error ?? undefined),
      (error: unknown) => {
        log.error("handshake authentication failed", error);
        next(connectError("INTERNAL", "The server could not check your credentials."));
      },
    );
  });

  async function authenticate(socket: TypedSocket): Promise<ExtendedError | null> {
    const auth: unknown = socket.handshake.auth;
    const token = auth && typeof auth === "object" ? (auth as Record<string, unknown>).participantToken : undefined;
    delete socket.data.participant;
    delete socket.data.instructor;
    if (typeof token === "string" && token.length > 0) {
      const claims = token.length <= 4096 ? await verifyParticipantToken(token, options.authSecret) : null;
      if (!claims) return connectError("UNAUTHORIZED", "Your session link has expired; join again with the code.");
      const found = await sessions.participant(claims.sessionId, claims.participantId);
      if (found.status === "unknown") {
        return connectError("UNAUTHORIZED", "This session no longer exists; join again with the code.");
      }
      if (found.status === "kicked") return connectError("KICKED", "You were removed from this session.");
      socket.data.participant = claims;
    }
    const cookie = parseCookieHeader(socket.handshake.headers.cookie)[INSTRUCTOR_COOKIE];
    if (cookie) {
      const instructor = await verifyInstructorToken(cookie, options.authSecret);
      if (instructor) socket.data.instructor = instructor;
    }
    return null;
  }

  io.on("connection", (socket) => {
    registerSessionHandlers(socket, ctx);
    registerAnswerHandlers(socket, ctx);
    registerHostHandlers(socket, ctx);
    registerTimeHandlers(socket, ctx);
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === "function") ack(fail("INVALID_PAYLOAD", `Unknown event "${event}".`));
    });

    const me = socket.data.participant;
    if (me) {
      // A returning phone (token rejoin or recovered connection) gets its current screen at once.
      attachParticipant(socket, me.participantId, me.sessionId);
      const room = registry.peek(me.sessionId);
      const view = room?.participantView(me.participantId);
      if (view) sendDirect(socket, "session:view", view);
      // Another process holds the session (several processes): ask it.
      else if (!room) void sessions.participant(me.sessionId, me.participantId).then(
        (found) => {
          if (found.status === "ok") sendDirect(socket, "session:view", found.view);
        },
        (error: unknown) => log.error("the view of a returning participant could not be read", { socketId: socket.id, error }),
      );
    }
  });

  let closing: Promise<void> | null = null;
  return {
    io,
    registry,
    sessions,
    repo,
    writer,
    close() {
      closing ??= (async () => {
        await Promise.allSettled(registry.all().map((room) => room.drain()));
        await writer.close();
        registry.dispose();
        await options.cluster?.releaseAll();
        await io.close();
        await options.cluster?.quit();
      })();
      return closing;
    },
    async abandon() {
      writer.abandon();
      registry.dispose();
      await io.close();
      options.cluster?.destroy();
    },
  };
}
