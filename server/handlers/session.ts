import { z } from "zod";
import { fail, joinSessionSchema, ok } from "@/lib/contract";
import { signParticipantToken } from "@/lib/auth/tokens";
import { normalizeJoinCode, normalizeNickname } from "@/lib/quiz";
import { NOT_FOUND_CODE_MESSAGE } from "../cluster/live-sessions";
import type { HandlerContext, TypedSocket } from "./context";
import { onEvent } from "./validate";

const TOO_MANY_WRONG_CODES = "Too many wrong codes; wait a minute.";

/** `session:join` (anyone) and `session:sync` (a participant). */
export function registerSessionHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  onEvent(
    socket,
    "session:join",
    joinSessionSchema,
    async ({ code: rawCode, nickname: rawNickname }) => {
      const ip = ctx.clientAddress(socket);
      if (!(await ctx.limits.joinPerIp.take(ip))) return fail("RATE_LIMITED", "Too many join attempts; wait a few seconds.");
      if (socket.data.participant) return fail("CONFLICT", "This connection has already joined a session.");
      const nickname = normalizeNickname(rawNickname);
      if (!nickname.ok) return fail("INVALID_PAYLOAD", nickname.message, [{ path: "nickname", message: nickname.message }]);

      const code = normalizeJoinCode(rawCode);
      const sessionId = code ? await ctx.sessions.sessionIdForCode(code) : null;
      // Past its wrong-code budget, an address reaches only the sessions it has joined already: its class's, not
      // the ones a guesser is hunting for (lib/auth/joined-sessions.ts).
      if (sessionId && !(await ctx.limits.badCodePerIp.has(ip)) && !(await ctx.joinedSessions.has(ip, sessionId))) {
        return fail("RATE_LIMITED", TOO_MANY_WRONG_CODES);
      }
      // NOT_FOUND: no such session, or it has ended.
      const joined = sessionId ? await ctx.sessions.join(sessionId, nickname.nickname) : fail("NOT_FOUND", NOT_FOUND_CODE_MESSAGE);
      if (!joined.ok && joined.error.code === "NOT_FOUND") {
        // Only failed codes drain this bucket: a class behind one NAT address joins freely, a guesser does not.
        if (!(await ctx.limits.badCodePerIp.take(ip))) return fail("RATE_LIMITED", TOO_MANY_WRONG_CODES);
        return fail("NOT_FOUND", NOT_FOUND_CODE_MESSAGE);
      }
      if (!joined.ok || !sessionId) return joined.ok ? fail("INTERNAL", "The session could not be found.") : joined;
      await ctx.joinedSessions.add(ip, sessionId);

      const claims = { participantId: joined.data.participantId, sessionId };
      const participantToken = await signParticipantToken(claims, ctx.authSecret);
      socket.data.participant = claims;
      ctx.attachParticipant(socket, claims.participantId, claims.sessionId);
      return ok({ participantToken, view: joined.data.view });
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
      const found = await ctx.sessions.participant(me.sessionId, me.participantId);
      if (found.status === "kicked") return fail("KICKED", "You were removed from this session.");
      return found.status === "ok" ? ok(found.view) : fail("NOT_FOUND", "You are not in this session.");
    },
    ctx.log,
  );
}
