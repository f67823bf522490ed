import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Realtime } from "./realtime";

/** The environment switch: `IRSA_DEBUG_STATS=1` (the live bench sets it on the server it starts). */
export const DEBUG_STATS_ENV = "IRSA_DEBUG_STATS";
/** Prefix of the stats line written to stdout, one JSON object after it. */
export const DEBUG_STATS_PREFIX = "[irsa-stats] ";

export interface DebugStats {
  writer: { batches: number; answers: number; commitMs: number; maxBatch: number };
  /** Since the previous dump: each batch's commit time and size, each answer's wait from queued to committed. */
  samples: { commitMs: number[]; batchSize: number[]; waitMs: number[] } | null;
  connections: number;
  rooms: number;
  memory: NodeJS.MemoryUsage;
  /**
   * Since the previous dump: how late the event loop ran its timers (perf_hooks.monitorEventLoopDelay, ms) — how
   * long the server's one thread was busy without a break (a commit waited for synchronously, a broadcast, a burst).
   */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

/**
 * For the live bench (tests/bench/live-bench.ts): with IRSA_DEBUG_STATS=1, the answer writer keeps latency
 * samples and every SIGUSR2 writes one `[irsa-stats] {…}` line to stdout. Off (the default), nothing is
 * installed and the hot path is unchanged. A signal rather than an HTTP route: nothing is exposed on the port.
 */
export function installDebugStats(realtime: Realtime, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[DEBUG_STATS_ENV] !== "1") return false;
  realtime.writer.recordLatencies();
  // The histogram samples the interval between ticks of a RESOLUTION_MS timer: an idle loop reads ~10 ms, so
  // the delay reported is what exceeds it.
  const RESOLUTION_MS = 10;
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4 - RESOLUTION_MS * 100) / 100);
  process.on("SIGUSR2", () => {
    const stats: DebugStats = {
      writer: { ...realtime.writer.stats },
      samples: realtime.writer.takeSamples(),
      connections: realtime.io.engine.clientsCount,
      rooms: realtime.registry.all().length,
      memory: process.memoryUsage(),
      eventLoopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    };
    loop.reset();
    process.stdout.write(`${DEBUG_STATS_PREFIX}${JSON.stringify(stats)}\n`);
  });
  return true;
}
