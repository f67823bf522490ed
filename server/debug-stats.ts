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
}

/**
 * For the live bench (tests/bench/live-bench.ts): with IRSA_DEBUG_STATS=1, the answer writer keeps latency
 * samples and every SIGUSR2 writes one `[irsa-stats] {…}` line to stdout. Off (the default), nothing is
 * installed and the hot path is unchanged. A signal rather than an HTTP route: nothing is exposed on the port.
 */
export function installDebugStats(realtime: Realtime, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[DEBUG_STATS_ENV] !== "1") return false;
  realtime.writer.recordLatencies();
  process.on("SIGUSR2", () => {
    const stats: DebugStats = {
      writer: { ...realtime.writer.stats },
      samples: realtime.writer.takeSamples(),
      connections: realtime.io.engine.clientsCount,
      rooms: realtime.registry.all().length,
      memory: process.memoryUsage(),
    };
    process.stdout.write(`${DEBUG_STATS_PREFIX}${JSON.stringify(stats)}\n`);
  });
  return true;
}
