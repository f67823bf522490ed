import { io, type Socket } from "socket.io-client";
import type { Ack, AppError, ClientToServerEvents, ServerToClientEvents } from "@/lib/contract";
import { estimateFromSamples, type ClockEstimate, type ClockSample } from "./clock";

export type ClassroomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A typed socket.io connection to the custom server on the same origin (server/index.ts serves Next and
 * socket.io on one port). Reconnection is on: socket.io-client retries with back-off and, thanks to the
 * server's connection state recovery, short drops resume without a re-join.
 * The instructor's identity is the HttpOnly session cookie, sent with the handshake by the browser.
 */
export function connectSocket(auth?: { participantToken: string }): ClassroomSocket {
  return io({
    auth: auth ?? {},
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    withCredentials: true,
    transports: ["websocket", "polling"],
  });
}

const ACK_TIMEOUT_MS = 8000;

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type AckDataOf<E extends EventName> =
  Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

/** Emit a command and wait for its ack; a lost ack becomes an error value, never an exception. */
export async function request<E extends EventName>(
  socket: ClassroomSocket,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<Ack<AckDataOf<E>>> {
  try {
    // socket.io's typed overloads do not narrow a generic event name; the public signature above stays typed.
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> };
    return (await timed.emitWithAck(event, payload)) as Ack<AckDataOf<E>>;
  } catch {
    const error: AppError = {
      code: "INTERNAL",
      message: socket.connected
        ? "The server did not answer in time. Please try again."
        : "You are offline. We will retry when the connection is back.",
    };
    return { ok: false, error };
  }
}

/**
 * Estimate the clock offset with a few `time:sync` round trips; keep the min-RTT sample
 * (see clock.ts). Returns null if the server never answered.
 */
export async function syncClock(socket: ClassroomSocket, rounds = 5): Promise<ClockEstimate | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < rounds; i++) {
    const clientSentAt = Date.now();
    const r = await request(socket, "time:sync", { clientSentAt }, 3000);
    const clientReceivedAt = Date.now();
    if (r.ok) samples.push({ clientSentAt, serverNow: r.data.serverNow, clientReceivedAt });
  }
  return estimateFromSamples(samples);
}
