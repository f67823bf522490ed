import { fail, ok, type Ack, type HostCommand, type HostView, type ParticipantView, type SubmitAnswerPayload } from "@/lib/contract";
import type { SessionRepository } from "@/lib/db/sessions";
import type { Room } from "../rooms/room";
import type { RoomRegistry } from "../rooms/registry";

/**
 * What the socket handlers ask of a live session, whichever process holds it. Every method takes the session id
 * and returns plain data (no Room), so that a process that does not hold the session can forward the call to
 * the one that does (server/cluster/redis-cluster.ts). In one process, {@link LocalSessions} answers from the
 * room registry directly.
 */
export interface LiveSessions {
  /** The session id of the live (not ended) session with this normalised join code, if any. */
  sessionIdForCode(code: string): Promise<string | null>;
  /** A new participant. NOT_FOUND when the session does not exist or has ended (the caller rate-limits those). */
  join(sessionId: string, nickname: string): Promise<Ack<{ participantId: string; view: ParticipantView }>>;
  /** A participant's current view, or why there is none. */
  participant(sessionId: string, participantId: string): Promise<ParticipantLookup>;
  /** Acked once the answer is committed (Room.submitAnswer). */
  submitAnswer(sessionId: string, participantId: string, payload: SubmitAnswerPayload): Promise<Ack<{ acceptedAt: number }>>;
  /** The instructor's dashboard of their own session: NOT_FOUND / FORBIDDEN otherwise. */
  hostView(sessionId: string, instructorId: string): Promise<Ack<HostView>>;
  command(sessionId: string, instructorId: string, command: HostCommand): Promise<Ack<HostView>>;
  /** One more / one fewer open connection of a participant on this process (the dashboard's "connected"). */
  connected(sessionId: string, participantId: string): void;
  disconnected(sessionId: string, participantId: string): void;
}

export type ParticipantLookup = { status: "ok"; view: ParticipantView } | { status: "kicked" } | { status: "unknown" };

export const NOT_FOUND_CODE_MESSAGE = "No live session has this code. Check it on the projector.";

/** The single-process implementation: the rooms are in this process's registry. */
export class LocalSessions implements LiveSessions {
  constructor(
    readonly registry: RoomRegistry,
    private readonly repo: SessionRepository,
  ) {}

  async sessionIdForCode(code: string): Promise<string | null> {
    return this.registry.sessionIdForCode(code) ?? (await this.repo.findLiveByCode(code))?.id ?? null;
  }

  async join(sessionId: string, nickname: string): Promise<Ack<{ participantId: string; view: ParticipantView }>> {
    const room = await this.registry.get(sessionId);
    if (!room || room.phase.type === "ended") return fail("NOT_FOUND", NOT_FOUND_CODE_MESSAGE);
    const joined = await room.join(nickname);
    if (!joined.ok) return fail(joined.code, joined.message);
    const view = room.participantView(joined.participantId);
    if (!view) return fail("INTERNAL", "The new participant could not be found.");
    return ok({ participantId: joined.participantId, view });
  }

  async participant(sessionId: string, participantId: string): Promise<ParticipantLookup> {
    const room = await this.registry.get(sessionId);
    if (!room || !room.hasParticipant(participantId)) return { status: "unknown" };
    if (room.isKicked(participantId)) return { status: "kicked" };
    const view = room.participantView(participantId);
    return view ? { status: "ok", view } : { status: "unknown" };
  }

  async submitAnswer(sessionId: string, participantId: string, payload: SubmitAnswerPayload): Promise<Ack<{ acceptedAt: number }>> {
    const room = await this.registry.get(sessionId);
    if (!room) return fail("NOT_FOUND", "This session no longer exists.");
    return room.submitAnswer(participantId, payload);
  }

  async hostView(sessionId: string, instructorId: string): Promise<Ack<HostView>> {
    const room = await this.ownRoom(sessionId, instructorId);
    return "ok" in room ? room : ok(room.hostView());
  }

  async command(sessionId: string, instructorId: string, command: HostCommand): Promise<Ack<HostView>> {
    const room = await this.ownRoom(sessionId, instructorId);
    return "ok" in room ? room : room.command(command);
  }

  connected(sessionId: string, participantId: string): void {
    this.registry.peek(sessionId)?.connected(participantId);
  }

  disconnected(sessionId: string, participantId: string): void {
    this.registry.peek(sessionId)?.disconnected(participantId);
  }

  private async ownRoom(sessionId: string, instructorId: string): Promise<Room | ReturnType<typeof fail>> {
    const room = await this.registry.get(sessionId);
    if (!room) return fail("NOT_FOUND", "No such session.");
    if (room.instructorId !== instructorId) return fail("FORBIDDEN", "This session belongs to another instructor.");
    return room;
  }
}
