import type { Room } from "./room";

/**
 * The live rooms of this process, by session id. Passed in (never a module singleton), so tests and a second
 * server in the same process each have their own. A room is loaded from the database on first use: after a
 * restart, the first student or instructor to come back brings the session back in the phase it was in.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly byCode = new Map<string, string>();

  constructor(private readonly loader: (sessionId: string) => Promise<Room | null>) {}

  /** The room of a session, loading it once even when many sockets ask at the same time; null if no such session. */
  get(sessionId: string): Promise<Room | null> {
    const room = this.rooms.get(sessionId);
    if (room) return Promise.resolve(room);
    let loading = this.loading.get(sessionId);
    if (!loading) {
      loading = this.loader(sessionId)
        .then((loaded) => {
          if (loaded) {
            this.rooms.set(sessionId, loaded);
            if (loaded.phase.type !== "ended") this.byCode.set(loaded.code, sessionId);
          }
          return loaded;
        })
        .finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, loading);
    }
    return loading;
  }

  peek(sessionId: string): Room | undefined {
    return this.rooms.get(sessionId);
  }

  /** The session id of a live room with this code, if one is loaded (the caller falls back to the database). */
  sessionIdForCode(code: string): string | undefined {
    const id = this.byCode.get(code);
    const room = id ? this.rooms.get(id) : undefined;
    if (room && room.phase.type === "ended") {
      this.byCode.delete(code);
      return undefined;
    }
    return id;
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** Stops one room's timers and forgets it (another process holds its session now: server/cluster). */
  evict(sessionId: string): void {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    room.dispose();
    this.rooms.delete(sessionId);
    if (this.byCode.get(room.code) === sessionId) this.byCode.delete(room.code);
  }

  /** Stops every room's timers and forgets them. */
  dispose(): void {
    for (const room of this.rooms.values()) room.dispose();
    this.rooms.clear();
    this.byCode.clear();
  }
}
