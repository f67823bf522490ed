import { processWide } from "@/lib/process-wide";
import { countedFirst, windowLimiter, type RateLimiter, type SharedRateLimiterDeps } from "./rate-limit";

/**
 * The code lookup's rate limits, per client address, matched to the socket's `session:join` limits
 * (server/realtime.ts DEFAULT_LIMITS) so that the lookup is no cheaper a way to guess codes than joining:
 * - every lookup: a burst of 300, ~50 a second after that (a class behind one campus NAT address checks freely);
 * - answers that a code leads to no live session (unknown or ended): 20 per 100 s, as wrong codes at join.
 * Both are lib/auth/rate-limit.ts sliding windows, with every counted lookup recorded as a "failure". A miss is
 * recorded before it is checked (race-free under parallel lookups), and a window refuses once it holds `limit`
 * entries, so the misses' window is built with one more entry than the number of misses answered.
 */
export const CODE_LOOKUP_LIMITS = {
  perClient: { limit: 300, windowMs: 6_000 },
  wrongPerClient: { limit: 20, windowMs: 100_000 },
} as const;

export interface CodeLookupLimiters {
  perClient: RateLimiter;
  wrongPerClient: RateLimiter;
}

/** In memory without `shared`; in Redis (keys `irsa:rl:codes:client:…`, `irsa:rl:codes:wrong:…`) with it. */
export function createCodeLookupLimiters(shared?: SharedRateLimiterDeps): CodeLookupLimiters {
  return {
    perClient: windowLimiter("codes:client", CODE_LOOKUP_LIMITS.perClient, shared),
    // Misses are recorded before they are checked.
    wrongPerClient: windowLimiter("codes:wrong", countedFirst(CODE_LOOKUP_LIMITS.wrongPerClient), shared),
  };
}

// One set per process (lib/process-wide.ts); with REDIS_URL the custom server provides shared ones
// (server/index.ts), so guesses spread over the processes behind a load balancer count against one budget, as joins do.
const codeLookup = processWide("code-lookup-limiters", () => createCodeLookupLimiters());
export const codeLookupLimiters = codeLookup.get;
export const provideCodeLookupLimiters = codeLookup.provide;
