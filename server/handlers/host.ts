import { fail, hostCommandSchema, hostWatchSchema, ok } from "@/lib/contract";
import type { Room } from "../rooms/room";
import { socketRooms, type HandlerContext, type TypedSocket } from "./context";
import { onEvent } from "./validate";

/** `host:watch` and `host:command`: the session's own instructor only (identity from the verified cookie). */
export function registerHostHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  const ownRoom = async (sessionId: string): Promise<Room | { code: "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN"; message: string }> => {
    const me = socket.data.instructor;
    if (!me) return { code: "UNAUTHORIZED", message: "Sign in as an instructor first." };
    const room = await ctx.registry.get(sessionId);
    if (!room) return { code: "NOT_FOUND", message: "No such session." };
    if (room.instructorId !== me.instructorId) return { code: "FORBIDDEN", message: "This session belongs to another instructor." };
    return room;
  };

  onEvent(
    socket,
    "host:watch",
    hostWatchSchema,
    async ({ sessionId }) => {
      const room = await ownRoom(sessionId);
      if (!("sessionId" in room)) return fail(room.code, room.message);
      await socket.join(socketRooms.hosts(sessionId));
      return ok(room.hostView());
    },
    ctx.log,
  );

  onEvent(
    socket,
    "host:command",
    hostCommandSchema,
    async ({ sessionId, command }) => {
      const room = await ownRoom(sessionId);
      if (!("sessionId" in room)) return fail(room.code, room.message);
      return room.command(command);
    },
    ctx.log,
  );
}
