import { z } from "zod";

/**
 * Runs in the browser before the app's own code (Next's instrumentation-client convention).
 *
 * Pages run under a Content-Security-Policy without 'unsafe-eval' (proxy.ts). zod compiles object parsers with
 * `new Function` when it can, and probes for that as each object schema is built — a probe the browser
 * reports as a CSP violation, even though zod then falls back. The browser parses little, so it does without
 * the JIT; the server keeps it.
 */
z.config({ jitless: true });
