import { z } from "zod";
import { fail, joinSessionSchema, ok } from "@/lib/contract";
import { signParticipantToken } from "@/lib/auth/tokens";
import { normalizeJoinCode, normalizeNickname } from "@/lib/quiz";
import type { HandlerContext, TypedSocket } from "./context";
import { onEvent } from "./validate";

/** `session:join` (anyone) and `session:sync` (a participant). */
export function registerSessionHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  onEvent(
    socket,
    "session:join",
    joinSessionSchema,
    async ({ code: rawCode, nickname: rawNickname }) => {
      const ip = ctx.clientAddress(socket);
      if (!ctx.limits.joinPerIp.take(ip)) return fail("RATE_LIMITED", "Too many join attempts; wait a few seconds.");
      if (socket.data.participant) return fail("CONFLICT", "This connection has already joined a session.");
      const nickname = normalizeNickname(rawNickname);
      if (!nickname.ok) return fail("INVALID_PAYLOAD", nickname.message, [{ path: "nickname", message: nickname.message }]);

      const code = normalizeJoinCode(rawCode);
      const sessionId = code ? (ctx.registry.sessionIdForCode(code) ?? (await ctx.repo.findLiveByCode(code))?.id) : undefined;
      const room = sessionId ? await ctx.registry.get(sessionId) : null;
      if (!room || room.phase.type === "ended") {
        // Only failed codes drain this bucket: a class behind one NAT address joins freely, a guesser does not.
        if (!ctx.limits.badCodePerIp.take(ip)) return fail("RATE_LIMITED", "Too many wrong codes; wait a minute.");
        return fail("NOT_FOUND", "No live session has this code. Check it on the projector.");
      }

      const joined = await room.join(nickname.nickname);
      if (!joined.ok) return fail(joined.code, joined.message);
      const claims = { participantId: joined.participantId, sessionId: room.sessionId };
      const participantToken = await signParticipantToken(claims, ctx.authSecret);
      socket.data.participant = claims;
      ctx.attachParticipant(socket, claims.participantId, claims.sessionId);
      const view = room.participantView(claims.participantId);
      if (!view) return fail("INTERNAL", "The new participant could not be found.");
      return ok({ participantToken, view });
    },
    ctx.log,
  );

  onEvent(
    socket,
    "session:sync",
    z.object({}).optional(),
    async () => {
      const me = socket.data.participant;
      if (!me) return fail("UNAUTHORIZED", "Join a session first.");
      const room = await ctx.registry.get(me.sessionId);
      if (!room) return fail("NOT_FOUND", "This session no longer exists.");
      if (room.isKicked(me.participantId)) return fail("KICKED", "You were removed from this session.");
      const view = room.participantView(me.participantId);
      return view ? ok(view) : fail("NOT_FOUND", "You are not in this session.");
    },
    ctx.log,
  );
}
