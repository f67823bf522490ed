import { processWide } from "@/lib/process-wide";
import { clientAddress, errorResponse, handler } from "./route";
import { windowLimiter, type RateLimiter, type SharedRateLimiterDeps } from "./rate-limit";

/**
 * The self-paced lab's routes (app/api/lab/*) run the simulator for anyone, signed in or not. A request with claims
 * of its own defeats the simulator's caches and costs about a millisecond of the server's one JavaScript thread
 * (RS256 sign + verify: `npm run bench:sim`, "every trace a new token", ~1,000 per CPU-second) — the thread that
 * also serves the live classrooms. So every lab request counts against its client address: a burst of 300, then 50
 * a second (a 6 s sliding window, as the code lookup's). A class of 300 behind one campus NAT address, each student
 * clicking every few seconds, stays under it; one client flooding the lab gets at most ~5 % of a core.
 */
export const LAB_LIMITS = { perClient: { limit: 300, windowMs: 6_000 } } as const;

/** In memory without `shared`; in Redis (`irsa:rl:lab:client:…`) with it. */
export function createLabLimiter(shared?: SharedRateLimiterDeps): RateLimiter {
  return windowLimiter("lab:client", LAB_LIMITS.perClient, shared);
}

// One per process (lib/process-wide.ts); with REDIS_URL the custom server provides a shared one (server/index.ts).
const lab = processWide("lab-limiter", () => createLabLimiter());
export const labLimiter = lab.get;
export const provideLabLimiter = lab.provide;

/** {@link handler} for a lab route: over the address's limit, 429 RATE_LIMITED with Retry-After, before any work. */
export function labHandler<A extends unknown[]>(
  name: string,
  run: (req: Request, ...rest: A) => Promise<Response>,
): (req: Request, ...rest: A) => Promise<Response> {
  return handler(name, async (req, ...rest: A) => {
    const ip = clientAddress(req);
    const limiter = labLimiter();
    const wait = await limiter.retryAfterMs(ip);
    if (wait > 0) {
      return errorResponse(429, "RATE_LIMITED", "Too many lab requests from your network; wait a few seconds.", {
        headers: { "retry-after": String(Math.ceil(wait / 1000)) },
      });
    }
    await limiter.recordFailure(ip);
    return run(req, ...rest);
  });
}
