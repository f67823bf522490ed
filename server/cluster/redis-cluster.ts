import { randomUUID } from "node:crypto";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Ack, HostCommand, HostView, ParticipantView, SubmitAnswerPayload } from "@/lib/contract";
import type { RedisScripts } from "@/lib/redis-script";
import type { TypedServer } from "../handlers/context";
import type { Logger, RoomTransport } from "../rooms/room";
import type { RoomRegistry } from "../rooms/registry";
import type { LiveSessions, LocalSessions, ParticipantLookup } from "./live-sessions";

/**
 * Several server processes behind one load balancer, sharing Redis (REDIS_URL) and one database.
 *
 * - socket.io's Redis adapter (@socket.io/redis-adapter) carries every room broadcast to the sockets of every
 *   process: a question opening (`session:phase` to `s:<id>`) and the dashboard (`host:view` to `h:<id>`).
 * - Each live session has ONE holder process at a time: a lease in Redis (`SET NX PX`, renewed every third of
 *   its life by the holder). Only the holder has the session's Room: it decides, scores, writes answers and
 *   runs the question timer, exactly as the single process does. Together with the database's unique
 *   (participantId, activityIndex), one holder is what makes every answer count once.
 * - Any other process forwards a handler's call (join, answer, host command, a participant's view) to the holder
 *   over Redis pub/sub (a request on the holder's channel `irsa:rpc:<processId>`, the reply on the caller's) and
 *   acks the client with the holder's reply. Per-participant views go back only to the processes that hold a
 *   connection of that participant (the holder's `presence`), on each one's channel `irsa:views:<processId>`;
 *   kicks go to every process as `serverSideEmit`. Both travel on the adapter's own Redis connections, so they
 *   keep their order with the broadcasts (see {@link RedisCluster.flushViews}).
 * - If the holder dies, nobody is subscribed to its channel any more: the next forward sees PUBLISH reach no one
 *   and takes the lease over at once (compare-and-set on the dead holder's id); otherwise the lease expires after
 *   LEASE_MS. The new holder loads the Room from the database (every acked answer is there), arms the timer
 *   again and asks every process to report its open connections. A forward that gets no reply within
 *   RPC_TIMEOUT_MS fails with INTERNAL ("try again"); a retried answer is refused if the first one committed.
 */

/** How long a holder's lease lives without renewal: the longest a session waits for a new holder after a hang. */
export const LEASE_MS = 10_000;
/** How long a forwarded call waits for the holder's reply. */
export const RPC_TIMEOUT_MS = 8_000;

const KEY_PREFIX = "irsa";
const leaseKey = (sessionId: string) => `${KEY_PREFIX}:holder:${sessionId}`;
const rpcChannel = (processId: string) => `${KEY_PREFIX}:rpc:${processId}`;
/** A process's per-participant views, from the holders of sessions: published on `cmd`, read on `adapterSub`. */
const viewsChannel = (processId: string) => `${KEY_PREFIX}:views:${processId}`;

// Lease scripts: each is one atomic step on the lease key (KEYS[1]); ARGV[1] = this process, ARGV[2] = ms.
/** The holder, taking the lease if nobody holds it. */
const CLAIM = `local v = redis.call('GET', KEYS[1]) if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return ARGV[1]`;
/** Takes the lease from a holder known to be gone (ARGV[3]), unless someone else took it already. */
const TAKE_OVER = `local v = redis.call('GET', KEYS[1]) if v and v ~= ARGV[3] then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return ARGV[1]`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const newClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof newClient>;

/** The calls a process forwards to a session's holder, with their arguments and replies. */
interface Calls {
  join: { args: [nickname: string]; result: Ack<{ participantId: string; view: ParticipantView }> };
  participant: { args: [participantId: string]; result: ParticipantLookup };
  submitAnswer: { args: [participantId: string, payload: SubmitAnswerPayload]; result: Ack<{ acceptedAt: number }> };
  hostView: { args: [instructorId: string]; result: Ack<HostView> };
  command: { args: [instructorId: string, command: HostCommand]; result: Ack<HostView> };
}
type Method = keyof Calls;
const METHODS = new Set<string>(["join", "participant", "submitAnswer", "hostView", "command"] satisfies Method[]);

type Wire =
  | { t: "call"; id: string; from: string; method: Method; sessionId: string; args: unknown[] }
  | { t: "reply"; id: string; status: "ok"; result: unknown }
  | { t: "reply"; id: string; status: "not-holder" | "error"; message?: string }
  /** This process's open connections of a participant (absolute, so a repeat or a late one is harmless). */
  | { t: "presence"; from: string; sessionId: string; participantId: string; count: number };

/** On a process's views channel: views for participants with a connection on that process, one session each. */
interface ViewsMessage {
  sessionId: string;
  views: [participantId: string, view: ParticipantView][];
}

/** What this process's views channel carried (tests check that a process gets only its participants' views). */
export interface ViewStats {
  /** Views this process sent to others, and in how many messages. */
  sent: number;
  messagesSent: number;
  /** Views this process received, and those of them for a participant with no connection here when they came. */
  received: number;
  receivedWithoutConnection: number;
}

type Reply = { status: "ok"; result: unknown } | { status: "not-holder" } | { status: "gone" } | { status: "error"; message: string };

export interface RedisClusterOptions {
  url: string;
  log: Logger;
  /** Overrides for tests. */
  leaseMs?: number;
  rpcTimeoutMs?: number;
}

/**
 * The Redis side of a process: its connections, its leases and its forwarding. Created before the realtime
 * server ({@link RedisCluster.connect}), then bound to it ({@link RedisCluster.bind}).
 */
export class RedisCluster {
  /** This process, as the lease holder and the RPC channel name. */
  readonly processId = randomUUID();
  private readonly leaseMs: number;
  private readonly rpcTimeoutMs: number;
  private readonly held = new Set<string>();
  private readonly pending = new Map<string, { resolve: (r: Reply) => void; timer: ReturnType<typeof setTimeout> }>();
  private seq = 0;
  private renewTimer: ReturnType<typeof setInterval> | null = null;
  private io: TypedServer | null = null;
  private local: LocalSessions | null = null;
  private registry: RoomRegistry | null = null;
  private localTransport: RoomTransport | null = null;
  /** Sessions whose Room this process loaded while holding them (presence was gathered for it). */
  private readonly loaded = new Set<string>();
  /** This process's open connections: session → participant → count. */
  private readonly localConnections = new Map<string, Map<string, number>>();
  /** As the holder: every process's open connections, session → participant → process → count. */
  private readonly presence = new Map<string, Map<string, Map<string, number>>>();
  /** Processes whose RPC channel had no subscriber at the last sweep: gone if still so at the next one. */
  private suspectedGone = new Set<string>();
  /** Per-participant views waiting for the end of the tick: process → session → views, one message per pair. */
  private readonly outbox = new Map<string, Map<string, [string, ParticipantView][]>>();
  private flushQueued = false;
  readonly viewStats: ViewStats = { sent: 0, messagesSent: 0, received: 0, receivedWithoutConnection: 0 };
  private closed = false;

  private constructor(
    private readonly cmd: RedisClient,
    private readonly adapterSub: RedisClient,
    private readonly rpcSub: RedisClient,
    private readonly log: Logger,
    options: RedisClusterOptions,
  ) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.rpcTimeoutMs = options.rpcTimeoutMs ?? RPC_TIMEOUT_MS;
  }

  /** Connects to Redis (three connections: commands and publishing, the adapter's subscriber, the RPC subscriber). */
  static async connect(options: RedisClusterOptions): Promise<RedisCluster> {
    const cmd = newClient(options.url);
    const adapterSub = cmd.duplicate();
    const rpcSub = cmd.duplicate();
    const cluster = new RedisCluster(cmd, adapterSub, rpcSub, options.log, options);
    for (const [name, client] of [["commands", cmd], ["adapter", adapterSub], ["rpc", rpcSub]] as const) {
      client.on("error", (error: unknown) => {
        if (!cluster.closed) options.log.error(`redis (${name} connection)`, error);
      });
    }
    try {
      await Promise.all([cmd.connect(), adapterSub.connect(), rpcSub.connect()]);
    } catch (error) {
      for (const c of [cmd, adapterSub, rpcSub]) c.destroy();
      throw new Error(`REDIS_URL: cannot connect to ${options.url}: ${(error as Error).message}`, { cause: error });
    }
    await rpcSub.subscribe(rpcChannel(cluster.processId), (message) => cluster.onWire(message));
    // On the adapter's subscriber, not rpcSub: see flushViews for why the connection matters.
    await adapterSub.subscribe(viewsChannel(cluster.processId), (message) => cluster.onViews(message));
    cluster.renewTimer = setInterval(() => {
      void cluster.renewAll();
      void cluster.sweepGoneProcesses();
    }, Math.max(100, Math.floor(cluster.leaseMs / 3)));
    cluster.renewTimer.unref?.();
    return cluster;
  }

  /** The commands connection, for the shared rate limits' scripts (server/rate-limit.ts, lib/auth/rate-limit.ts). */
  get scripts(): RedisScripts {
    return this.cmd;
  }

  /**
   * The transport the rooms of this process use: the local one, plus per-participant views and kicks for the
   * sockets that other processes hold. Room broadcasts already reach every process through the adapter.
   *
   * Views wait for the end of the tick (one message per process and session, not one per participant), and
   * whatever waits goes out before the next broadcast or kick, so that they leave in the order the room made them.
   */
  transport(local: RoomTransport): RoomTransport {
    this.localTransport = local;
    return {
      toParticipant: (sessionId, participantId, view) => {
        local.toParticipant(sessionId, participantId, view);
        const byProcess = this.presence.get(sessionId)?.get(participantId);
        for (const [process, count] of byProcess ?? []) {
          if (process !== this.processId && count > 0) this.queueView(process, sessionId, participantId, view);
        }
      },
      toAllParticipants: (sessionId, update) => {
        this.flushViews();
        local.toAllParticipants(sessionId, update);
      },
      toHosts: (sessionId, view) => {
        this.flushViews();
        local.toHosts(sessionId, view);
      },
      // The instructor's dashboard may be open on any process: always send it (it is throttled by the room).
      hasHosts: () => true,
      kick: (sessionId, participantId, message) => {
        this.flushViews();
        local.kick(sessionId, participantId, message);
        this.io?.serverSideEmit("cluster:kick", sessionId, participantId, message);
      },
    };
  }

  /** Installs the Redis adapter on `io` and returns the handlers' view of the live sessions. */
  bind(io: TypedServer, local: LocalSessions, registry: RoomRegistry): LiveSessions {
    this.io = io;
    this.local = local;
    this.registry = registry;
    io.adapter(createAdapter(this.cmd, this.adapterSub, { key: `${KEY_PREFIX}:socket.io` }));
    io.on("cluster:kick", (sessionId, participantId, message) => this.localTransport?.kick(sessionId, participantId, message));
    io.on("cluster:presence", (sessionId) => {
      for (const [participantId, count] of this.localConnections.get(sessionId) ?? []) this.sendPresence(sessionId, participantId, count);
    });
    return this.sessions(local);
  }

  private sessions(local: LocalSessions): LiveSessions {
    return {
      sessionIdForCode: (code) => local.sessionIdForCode(code),
      join: (sessionId, nickname) => this.route(sessionId, "join", [nickname]),
      participant: (sessionId, participantId) => this.route(sessionId, "participant", [participantId]),
      submitAnswer: (sessionId, participantId, payload) => this.route(sessionId, "submitAnswer", [participantId, payload]),
      hostView: (sessionId, instructorId) => this.route(sessionId, "hostView", [instructorId]),
      command: (sessionId, instructorId, command) => this.route(sessionId, "command", [instructorId, command]),
      connected: (sessionId, participantId) => this.countConnection(sessionId, participantId, +1),
      disconnected: (sessionId, participantId) => this.countConnection(sessionId, participantId, -1),
    };
  }

  // ---------- routing ----------

  private async route<M extends Method>(sessionId: string, method: M, args: Calls[M]["args"]): Promise<Calls[M]["result"]> {
    let holder = await this.holderOf(sessionId);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (holder === this.processId) return this.runLocal(sessionId, method, args);
      const reply = await this.call(holder, { t: "call", id: "", from: this.processId, method, sessionId, args });
      switch (reply.status) {
        case "ok":
          return reply.result as Calls[M]["result"];
        case "gone":
          // Nobody listens on the holder's channel: that process is gone. Take its sessions over now.
          this.log.warn("session holder is gone; taking the session over", { sessionId, holder });
          holder = await this.takeOver(sessionId, holder);
          break;
        case "not-holder":
          holder = await this.holderOf(sessionId);
          break;
        case "error":
          throw new Error(`the process holding session ${sessionId} failed on "${method}": ${reply.message}`);
      }
    }
    throw new Error(`session ${sessionId} changed holder three times during "${method}"`);
  }

  private async runLocal<M extends Method>(sessionId: string, method: M, args: Calls[M]["args"]): Promise<Calls[M]["result"]> {
    const local = this.local;
    const registry = this.registry;
    if (!local || !registry) throw new Error("the cluster is not bound to a realtime server");
    const a = args as unknown[];
    let result: unknown;
    switch (method) {
      case "join":
        result = await local.join(sessionId, a[0] as string);
        break;
      case "participant":
        result = await local.participant(sessionId, a[0] as string);
        break;
      case "submitAnswer":
        result = await local.submitAnswer(sessionId, a[0] as string, a[1] as SubmitAnswerPayload);
        break;
      case "hostView":
        result = await local.hostView(sessionId, a[0] as string);
        break;
      case "command":
        result = await local.command(sessionId, a[0] as string, a[1] as HostCommand);
        break;
    }
    if (!registry.peek(sessionId)) {
      // No such session (a guessed id): do not hold a lease for it.
      if (!this.loaded.has(sessionId)) await this.release(sessionId);
    } else if (!this.loaded.has(sessionId)) {
      this.loaded.add(sessionId);
      this.gatherPresence(sessionId);
    }
    return result as Calls[M]["result"];
  }

  /** Sends a call to the holder's channel and waits for its reply. */
  private async call(holder: string, message: Extract<Wire, { t: "call" }>): Promise<Reply> {
    const id = `${this.processId}:${++this.seq}`;
    const reply = new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ status: "error", message: `no reply within ${this.rpcTimeoutMs} ms` });
      }, this.rpcTimeoutMs);
      this.pending.set(id, { resolve, timer });
    });
    const receivers = await this.cmd.publish(rpcChannel(holder), JSON.stringify({ ...message, id }));
    if (receivers === 0) {
      const waiting = this.pending.get(id);
      if (waiting) clearTimeout(waiting.timer);
      this.pending.delete(id);
      return { status: "gone" };
    }
    return reply;
  }

  private onWire(raw: string): void {
    let message: Wire;
    try {
      message = JSON.parse(raw) as Wire;
    } catch {
      this.log.warn("cluster: unreadable message", raw.slice(0, 200));
      return;
    }
    switch (message.t) {
      case "reply": {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        this.pending.delete(message.id);
        waiting.resolve(
          message.status === "ok"
            ? { status: "ok", result: message.result }
            : message.status === "not-holder"
              ? { status: "not-holder" }
              : { status: "error", message: message.message ?? "unknown error" },
        );
        return;
      }
      case "call":
        void this.answerCall(message);
        return;
      case "presence":
        this.applyPresence(message.sessionId, message.from, message.participantId, message.count);
        return;
    }
  }

  private async answerCall(message: Extract<Wire, { t: "call" }>): Promise<void> {
    let reply: Extract<Wire, { t: "reply" }>;
    if (!METHODS.has(message.method) || !this.held.has(message.sessionId) || this.closed) {
      reply = { t: "reply", id: message.id, status: "not-holder" };
    } else {
      try {
        const result = await this.runLocal(message.sessionId, message.method, message.args as Calls[Method]["args"]);
        reply = { t: "reply", id: message.id, status: "ok", result };
      } catch (error) {
        this.log.error(`cluster: forwarded "${message.method}" failed`, { sessionId: message.sessionId, error });
        reply = { t: "reply", id: message.id, status: "error", message: "the session's process failed" };
      }
    }
    await this.cmd.publish(rpcChannel(message.from), JSON.stringify(reply)).catch((error: unknown) => {
      this.log.error("cluster: reply could not be sent", error);
    });
  }

  // ---------- the lease ----------

  /** The process holding the session, taking the lease if nobody holds it. */
  private async holderOf(sessionId: string): Promise<string> {
    if (this.held.has(sessionId)) return this.processId;
    const holder = String(await this.cmd.eval(CLAIM, { keys: [leaseKey(sessionId)], arguments: [this.processId, String(this.leaseMs)] }));
    if (holder === this.processId) this.held.add(sessionId);
    return holder;
  }

  private async takeOver(sessionId: string, gone: string): Promise<string> {
    const holder = String(
      await this.cmd.eval(TAKE_OVER, { keys: [leaseKey(sessionId)], arguments: [this.processId, String(this.leaseMs), gone] }),
    );
    if (holder === this.processId) this.held.add(sessionId);
    return holder;
  }

  private async renewAll(): Promise<void> {
    for (const sessionId of [...this.held]) {
      try {
        const renewed = await this.cmd.eval(RENEW, { keys: [leaseKey(sessionId)], arguments: [this.processId, String(this.leaseMs)] });
        if (Number(renewed) !== 1) this.lost(sessionId);
      } catch (error) {
        // Redis unreachable: nobody else can take the lease either; try again at the next renewal.
        if (!this.closed) this.log.warn("cluster: lease renewal failed", { sessionId, error });
      }
    }
  }

  /** Another process holds the session now (our lease expired during a pause): drop our Room of it. */
  private lost(sessionId: string): void {
    this.log.warn("cluster: lost the lease of a session; unloading its room", { sessionId });
    this.held.delete(sessionId);
    this.loaded.delete(sessionId);
    this.presence.delete(sessionId);
    this.registry?.evict(sessionId);
  }

  private async release(sessionId: string): Promise<void> {
    this.held.delete(sessionId);
    this.loaded.delete(sessionId);
    this.presence.delete(sessionId);
    await this.cmd.eval(RELEASE, { keys: [leaseKey(sessionId)], arguments: [this.processId] });
  }

  // ---------- presence: open connections per participant, across processes ----------

  private countConnection(sessionId: string, participantId: string, delta: 1 | -1): void {
    let counts = this.localConnections.get(sessionId);
    if (!counts) this.localConnections.set(sessionId, (counts = new Map()));
    const count = Math.max(0, (counts.get(participantId) ?? 0) + delta);
    if (count === 0) counts.delete(participantId);
    else counts.set(participantId, count);
    if (counts.size === 0) this.localConnections.delete(sessionId);
    this.sendPresence(sessionId, participantId, count);
  }

  private sendPresence(sessionId: string, participantId: string, count: number): void {
    if (this.held.has(sessionId)) {
      this.applyPresence(sessionId, this.processId, participantId, count);
      return;
    }
    void (async () => {
      const holder = await this.cmd.get(leaseKey(sessionId));
      if (!holder) return; // the next holder gathers presence when it loads the session
      if (holder === this.processId) this.applyPresence(sessionId, this.processId, participantId, count);
      else {
        const message: Wire = { t: "presence", from: this.processId, sessionId, participantId, count };
        await this.cmd.publish(rpcChannel(holder), JSON.stringify(message));
      }
    })().catch((error: unknown) => {
      if (!this.closed) this.log.warn("cluster: presence could not be sent", { sessionId, error });
    });
  }

  /** The holder's side: one process's count of one participant; the Room sees the change of the total. */
  private applyPresence(sessionId: string, from: string, participantId: string, count: number): void {
    if (!this.held.has(sessionId)) return;
    let session = this.presence.get(sessionId);
    if (!session) this.presence.set(sessionId, (session = new Map()));
    let byProcess = session.get(participantId);
    if (!byProcess) session.set(participantId, (byProcess = new Map()));
    const before = total(byProcess);
    if (count > 0) byProcess.set(from, count);
    else byProcess.delete(from);
    if (byProcess.size === 0) session.delete(participantId);
    if (!this.loaded.has(sessionId)) return; // applied in full by gatherPresence when the room loads
    const room = this.registry?.peek(sessionId);
    for (let d = total(byProcess) - before; room && d !== 0; d += d > 0 ? -1 : 1) {
      if (d > 0) room.connected(participantId);
      else room.disconnected(participantId);
    }
  }

  /**
   * The holder's side of a process killed for good: its connections are gone, but no message said so. A process
   * is alive while its RPC subscriber is connected (Redis drops a subscription the moment its connection closes,
   * which the kernel does for a killed process), so the holder asks PUBSUB NUMSUB for every other process it
   * counts connections of, and forgets one that has no subscriber at two sweeps in a row (one miss may be a
   * reconnect in progress). Its participants show offline on the dashboard; those who reconnect elsewhere are
   * counted there as usual.
   */
  private async sweepGoneProcesses(): Promise<void> {
    const others = new Set<string>();
    for (const sessionId of this.held) {
      for (const byProcess of this.presence.get(sessionId)?.values() ?? []) {
        for (const process of byProcess.keys()) if (process !== this.processId) others.add(process);
      }
    }
    if (others.size === 0) {
      this.suspectedGone.clear();
      return;
    }
    let subscribers: Record<string, number>;
    try {
      subscribers = await this.cmd.pubSubNumSub([...others].map(rpcChannel));
    } catch (error) {
      if (!this.closed) this.log.warn("cluster: could not check which processes are alive", { error });
      return;
    }
    const silent = new Set([...others].filter((process) => Number(subscribers[rpcChannel(process)] ?? 0) === 0));
    for (const process of silent) {
      if (!this.suspectedGone.has(process)) continue;
      this.log.warn("cluster: a process is gone; its participants' connections no longer count", { process });
      this.forgetProcess(process);
    }
    this.suspectedGone = silent;
  }

  /** Every count of `process`, in every session held here, to zero (the rooms see each participant leave). */
  private forgetProcess(process: string): void {
    for (const [sessionId, session] of this.presence) {
      for (const [participantId, byProcess] of [...session]) {
        if (byProcess.has(process)) this.applyPresence(sessionId, process, participantId, 0);
      }
    }
  }

  /** A Room just loaded here: count what is already known, ours included, and ask the other processes. */
  private gatherPresence(sessionId: string): void {
    const room = this.registry?.peek(sessionId);
    for (const [participantId, count] of this.localConnections.get(sessionId) ?? []) {
      this.applyPresenceQuietly(sessionId, participantId, count);
    }
    for (const [participantId, byProcess] of this.presence.get(sessionId) ?? []) {
      for (let n = total(byProcess); room && n > 0; n--) room.connected(participantId);
    }
    this.io?.serverSideEmit("cluster:presence", sessionId);
  }

  private applyPresenceQuietly(sessionId: string, participantId: string, count: number): void {
    let session = this.presence.get(sessionId);
    if (!session) this.presence.set(sessionId, (session = new Map()));
    let byProcess = session.get(participantId);
    if (!byProcess) session.set(participantId, (byProcess = new Map()));
    byProcess.set(this.processId, count);
  }

  // ---------- per-participant views, to the processes that hold the participant's connections ----------

  private queueView(process: string, sessionId: string, participantId: string, view: ParticipantView): void {
    let sessions = this.outbox.get(process);
    if (!sessions) this.outbox.set(process, (sessions = new Map()));
    let batch = sessions.get(sessionId);
    if (!batch) sessions.set(sessionId, (batch = []));
    batch.push([participantId, view]);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flushViews());
    }
  }

  /**
   * Publishes the waiting views, each process's on its own channel.
   *
   * Order. The views must not overtake, nor be overtaken by, the room broadcasts around them (a phone that got
   * the reveal's view and then an older `session:phase` would show the wrong screen). Those broadcasts are
   * published by the Redis adapter on `pubClient` (our `cmd`: `this.pubClient.publish(channel, msg)` in its
   * `broadcast`, @socket.io/redis-adapter 8.3.0 dist/index.js) and read on `subClient` (our `adapterSub`, its
   * `pSubscribe(channel + "*")`), and the adapter hands a received broadcast to the sockets synchronously in its
   * `onmessage`. These views are published on that same `cmd` and read on that same `adapterSub`. Redis runs one
   * connection's commands in the order sent, and a PUBLISH appends to each subscriber connection's output at once,
   * so one subscriber connection receives the messages of one publisher connection in publish order, whatever
   * their channels; node-redis parses one connection's replies in order and calls the listeners synchronously.
   * Hence views, broadcasts and kicks (`serverSideEmit`, also `cmd` → `adapterSub`) arrive in the order this
   * process published them — and views are published before any later broadcast (see {@link transport}).
   */
  private flushViews(): void {
    if (!this.flushQueued) return;
    this.flushQueued = false;
    const outbox = [...this.outbox];
    this.outbox.clear();
    for (const [process, sessions] of outbox) {
      for (const [sessionId, views] of sessions) {
        const message: ViewsMessage = { sessionId, views };
        this.viewStats.sent += views.length;
        this.viewStats.messagesSent++;
        this.cmd.publish(viewsChannel(process), JSON.stringify(message)).catch((error: unknown) => {
          if (!this.closed) this.log.warn("cluster: views could not be sent", { sessionId, process, error });
        });
      }
    }
  }

  /** This process's views channel: deliver to the participant's connections here. */
  private onViews(raw: string): void {
    let message: ViewsMessage;
    try {
      message = JSON.parse(raw) as ViewsMessage;
    } catch {
      this.log.warn("cluster: unreadable views message", raw.slice(0, 200));
      return;
    }
    const here = this.localConnections.get(message.sessionId);
    for (const [participantId, view] of message.views) {
      this.viewStats.received++;
      if (!here?.has(participantId)) this.viewStats.receivedWithoutConnection++;
      this.localTransport?.toParticipant(message.sessionId, participantId, view);
    }
  }

  // ---------- shutdown ----------

  /** Graceful: hand every session back (after the rooms drained), so another process takes it at once. */
  async releaseAll(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    await Promise.allSettled([...this.held].map((sessionId) => this.release(sessionId)));
  }

  /** Closes the Redis connections (after socket.io closed its adapter). */
  async quit(): Promise<void> {
    this.closed = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    for (const waiting of this.pending.values()) clearTimeout(waiting.timer);
    this.pending.clear();
    await Promise.allSettled([this.rpcSub.close(), this.adapterSub.close(), this.cmd.close()]);
  }

  /** As a crash: drop the connections without handing anything back (the leases expire or are taken over). */
  destroy(): void {
    this.closed = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    for (const c of [this.rpcSub, this.adapterSub, this.cmd]) c.destroy();
  }
}

function total(byProcess: Map<string, number>): number {
  let n = 0;
  for (const count of byProcess.values()) n += count;
  return n;
}
