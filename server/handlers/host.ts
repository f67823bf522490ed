import { fail, hostCommandSchema, hostWatchSchema } from "@/lib/contract";
import { socketRooms, type HandlerContext, type TypedSocket } from "./context";
import { onEvent } from "./validate";

/** `host:watch` and `host:command`: the session's own instructor only (identity from the verified cookie). */
export function registerHostHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  // The session's own instructor only: ctx.sessions answers NOT_FOUND / FORBIDDEN for any other.

  onEvent(
    socket,
    "host:watch",
    hostWatchSchema,
    async ({ sessionId }) => {
      const me = socket.data.instructor;
      if (!me) return fail("UNAUTHORIZED", "Sign in as an instructor first.");
      const view = await ctx.sessions.hostView(sessionId, me.instructorId);
      if (view.ok) await socket.join(socketRooms.hosts(sessionId));
      return view;
    },
    ctx.log,
  );

  onEvent(
    socket,
    "host:command",
    hostCommandSchema,
    async ({ sessionId, command }) => {
      const me = socket.data.instructor;
      if (!me) return fail("UNAUTHORIZED", "Sign in as an instructor first.");
      return ctx.sessions.command(sessionId, me.instructorId, command);
    },
    ctx.log,
  );
}
