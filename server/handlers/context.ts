import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@/lib/contract";
import type { JoinedSessions } from "@/lib/auth/joined-sessions";
import type { SessionRepository } from "@/lib/db/sessions";
import type { LiveSessions } from "../cluster/live-sessions";
import type { RateBuckets, TokenBuckets } from "../rate-limit";
import type { Clock, Logger } from "../rooms/room";
import type { RoomRegistry } from "../rooms/registry";

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What every handler area gets: injected once by server/realtime.ts. */
export interface HandlerContext {
  io: TypedServer;
  registry: RoomRegistry;
  /** Live sessions by id, wherever their room is (this process, or the holder process with REDIS_URL). */
  sessions: LiveSessions;
  repo: SessionRepository;
  authSecret: Uint8Array;
  clock: Clock;
  log: Logger;
  limits: {
    /** All join attempts per client address. Shared by every process with REDIS_URL (one round-trip). */
    joinPerIp: RateBuckets;
    /** Join attempts with a code that matches no live session, per client address (code guessing). Shared too. */
    badCodePerIp: RateBuckets;
    /** Answers per participant (spam): in memory, synchronous, no Redis on the answer path (see server/realtime.ts). */
    answersPerParticipant: TokenBuckets;
  };
  /** The live sessions joined from each client address (lib/auth/joined-sessions.ts). */
  joinedSessions: JoinedSessions;
  /** Client address of a socket (X-Forwarded-For only when the proxy is trusted). */
  clientAddress(socket: TypedSocket): string;
  /** Registers a participant's socket with the transport (rooms, connection count, per-participant sends). */
  attachParticipant(socket: TypedSocket, participantId: string, sessionId: string): void;
}

export const socketRooms = {
  participants: (sessionId: string) => `s:${sessionId}`,
  hosts: (sessionId: string) => `h:${sessionId}`,
} as const;
