import { fail, submitAnswerSchema } from "@/lib/contract";
import type { HandlerContext, TypedSocket } from "./context";
import { onEvent } from "./validate";

/** `answer:submit`: a participant answers the open question; acked once the answer is committed. */
export function registerAnswerHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  onEvent(
    socket,
    "answer:submit",
    submitAnswerSchema,
    async (payload) => {
      const me = socket.data.participant;
      if (!me) return fail("UNAUTHORIZED", "Join a session first.");
      // Keyed by the participant, not the connection: more sockets with one token are still one student.
      if (!ctx.limits.answersPerParticipant.take(me.participantId)) return fail("RATE_LIMITED", "Too many answers; slow down.");
      return ctx.sessions.submitAnswer(me.sessionId, me.participantId, payload);
    },
    ctx.log,
  );
}
