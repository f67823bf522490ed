/**
 * Clock-offset estimation (NTP-style, one request/response pair per sample).
 * offset = serverNow − (clientSentAt + rtt/2): add it to Date.now() to get the server's time.
 * The sample with the smallest round trip has the least room for asymmetric delay, so it wins.
 */
export interface ClockSample {
  clientSentAt: number;
  serverNow: number;
  clientReceivedAt: number;
}

export interface ClockEstimate {
  offsetMs: number;
  rttMs: number;
}

export function estimateFromSamples(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const s of samples) {
    const rtt = s.clientReceivedAt - s.clientSentAt;
    if (rtt < 0) continue;
    const offset = s.serverNow - (s.clientSentAt + rtt / 2);
    if (!best || rtt < best.rttMs) best = { offsetMs: offset, rttMs: rtt };
  }
  return best;
}

/** Seconds left until a server-time deadline, never negative, rounded up (so "1" shows until the very end). */
export function secondsLeft(deadline: number, offsetMs: number, clientNow: number = Date.now()): number {
  const ms = deadline - (clientNow + offsetMs);
  return ms <= 0 ? 0 : Math.ceil(ms / 1000);
}
