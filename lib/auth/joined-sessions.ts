import { processWide } from "@/lib/process-wide";
import { rateLimitKey, SharedScript, type RedisScripts, type SharedScriptLog } from "@/lib/redis-script";

/**
 * Which live sessions have been joined from a client address: what lets a class through once its address has run
 * out of wrong join codes, without letting a code guesser through.
 *
 * The wrong-code budget (server/realtime.ts `badCodePerIp`, lib/auth/code-lookup-limits.ts) alone cannot tell the
 * two apart. If an exhausted address were refused every code, a class behind one campus NAT address would lock
 * itself out with its own typos; if it were refused only wrong codes (as before), a guesser past the budget would
 * still learn each live code it hits — a join or a lookup that succeeds — at the general join rate (50 a second).
 * So an exhausted address may still reach the sessions it has already joined — the class's own session, which its
 * first students joined before the typos added up — and no other. A guesser has joined none of the sessions it is
 * looking for. Entries live a day after the address's last join (a class's session, with margin).
 */
export interface JoinedSessions {
  has(address: string, sessionId: string): Promise<boolean>;
  add(address: string, sessionId: string): Promise<void>;
}

export const JOINED_SESSIONS_TTL_MS = 24 * 60 * 60 * 1000;

export interface LocalJoinedSessionsOptions {
  now?: () => number;
  /** Forget the least recently used addresses beyond this many (bounded memory under a spray of addresses). */
  maxAddresses?: number;
  /** Sessions remembered per address (a NAT address of a busy campus joins many); the oldest go first. */
  maxSessionsPerAddress?: number;
}

/** In this process's memory. */
export function createLocalJoinedSessions({
  now = Date.now,
  maxAddresses = 50_000,
  maxSessionsPerAddress = 200,
}: LocalJoinedSessionsOptions = {}): JoinedSessions {
  const byAddress = new Map<string, { sessions: Set<string>; at: number }>();
  const current = (address: string) => {
    const entry = byAddress.get(address);
    if (entry && now() - entry.at > JOINED_SESSIONS_TTL_MS) {
      byAddress.delete(address);
      return undefined;
    }
    return entry;
  };
  return {
    async has(address, sessionId) {
      return current(address)?.sessions.has(sessionId) ?? false;
    },
    async add(address, sessionId) {
      const entry = current(address) ?? { sessions: new Set<string>(), at: now() };
      entry.sessions.delete(sessionId);
      entry.sessions.add(sessionId);
      while (entry.sessions.size > maxSessionsPerAddress) entry.sessions.delete(entry.sessions.values().next().value!);
      entry.at = now();
      byAddress.delete(address);
      byAddress.set(address, entry);
      while (byAddress.size > maxAddresses) byAddress.delete(byAddress.keys().next().value!);
    },
  };
}

const HAS = `return redis.call('SISMEMBER', KEYS[1], ARGV[1])`;
const ADD = `redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface SharedJoinedSessionsDeps {
  redis: RedisScripts;
  log: SharedScriptLog;
  timeoutMs?: number;
  pauseMs?: number;
}

/**
 * In the Redis that several processes share (a set per address, `irsa:rl:joined:<address>`): a class whose first
 * students joined on one process is let through on the others. Every join is also remembered locally, which
 * answers while Redis cannot (lib/redis-script.ts).
 */
export function createSharedJoinedSessions(deps: SharedJoinedSessionsDeps): JoinedSessions {
  const local = createLocalJoinedSessions();
  const script = new SharedScript(deps.redis, { what: "joined sessions", log: deps.log, timeoutMs: deps.timeoutMs, pauseMs: deps.pauseMs });
  return {
    async has(address, sessionId) {
      const shared = await script.eval(HAS, [rateLimitKey("joined", address)], [sessionId]);
      return shared === undefined ? local.has(address, sessionId) : Number(shared) === 1;
    },
    async add(address, sessionId) {
      await local.add(address, sessionId);
      await script.eval(ADD, [rateLimitKey("joined", address)], [sessionId, String(JOINED_SESSIONS_TTL_MS)]);
    },
  };
}

// One per process (lib/process-wide.ts): the socket handlers and the code-lookup route (a Next route handler in the
// same process) must see the same joins. With REDIS_URL, server/app-server.ts provides the shared one.
const joined = processWide("joined-sessions", () => createLocalJoinedSessions());
export const joinedSessions = joined.get;
export const provideJoinedSessions = joined.provide;
