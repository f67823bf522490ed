/**
 * Imported first by server/index.ts, for its side effect: in production, stop Node from keeping a source map for
 * every module it loads.
 *
 * `--import tsx` turns Node's source-map support on (process.setSourceMapsEnabled(true)), and from then on Node
 * reads and keeps in memory the map of every module loaded later — tsx's inline maps of our TypeScript, and the
 * `.map` files (with the whole original sources in `sourcesContent`) of Next.js's server chunks, React and zod.
 * Measured on the idle production server (README "Performance"): 314 → 223 MB of RSS, 115 → 72 MB of heap, before
 * any student connects. The cost: stack traces in production logs point at the transpiled code instead of the
 * TypeScript line. `IRSA_SOURCE_MAPS=1` (or `node --enable-source-maps`) keeps them; dev always keeps them.
 */
const keep =
  process.env.NODE_ENV !== "production" ||
  process.env.IRSA_SOURCE_MAPS === "1" ||
  process.execArgv.includes("--enable-source-maps") ||
  /(^|\s)--enable-source-maps(\s|$)/.test(process.env.NODE_OPTIONS ?? "");

if (!keep) process.setSourceMapsEnabled(false);

export {};
