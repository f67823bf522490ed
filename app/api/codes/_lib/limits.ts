import { createRateLimiter, type RateLimiter } from "@/lib/auth/rate-limit";

/**
 * The code lookup's rate limits, per client address, matched to the socket's `session:join` limits
 * (server/realtime.ts DEFAULT_LIMITS) so that the lookup is no cheaper a way to guess codes than joining:
 * - every lookup: a burst of 300, ~50 a second after that (a class behind one campus NAT address checks freely);
 * - lookups of a code with no live session (unknown or ended): 20 per 100 s, as a wrong code at join.
 * Both are lib/auth/rate-limit.ts sliding windows, with every counted lookup recorded as a "failure".
 */
export const CODE_LOOKUP_LIMITS = {
  perClient: { limit: 300, windowMs: 6_000 },
  wrongPerClient: { limit: 20, windowMs: 100_000 },
} as const;

export interface CodeLookupLimiters {
  perClient: RateLimiter;
  wrongPerClient: RateLimiter;
}

// On globalThis, as lib/auth/rate-limit.ts keeps the sign-in limiters: one set per process whatever module copy
// Next bundles, and a server running several processes on Redis (REDIS_URL) can put shared ones under this symbol.
const SHARED = Symbol.for("irsa-classroom.code-lookup-limiters");
type WithShared = typeof globalThis & { [SHARED]?: CodeLookupLimiters };

export function codeLookupLimiters(): CodeLookupLimiters {
  const g = globalThis as WithShared;
  g[SHARED] ??= {
    perClient: createRateLimiter(CODE_LOOKUP_LIMITS.perClient),
    wrongPerClient: createRateLimiter(CODE_LOOKUP_LIMITS.wrongPerClient),
  };
  return g[SHARED];
}
