import { z } from "zod";
import type { SessionState } from "./phase";

/** LiveSession.phaseState is JSON of {@link SessionState}; this schema guards what a restart reads back. */
const phaseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("lobby") }),
  z.object({
    type: z.literal("question"),
    activityIndex: z.number().int().min(0),
    openedAt: z.number(),
    deadline: z.number(),
  }),
  z.object({ type: z.literal("reveal"), activityIndex: z.number().int().min(0), replayStep: z.number().int().min(0).max(9).optional() }),
  z.object({ type: z.literal("leaderboard"), activityIndex: z.number().int().min(0) }),
  z.object({ type: z.literal("podium") }),
  z.object({ type: z.literal("ended"), endedAt: z.number(), reached: z.number().int().min(0).optional() }),
]);

export const sessionStateSchema = z.object({
  phase: phaseSchema,
  timeLimitsSec: z.array(z.number().int().min(1)),
  lobbyLocked: z.boolean(),
  allowLateJoin: z.boolean(),
});

export function serializeState(state: SessionState): string {
  return JSON.stringify(state);
}

/** Parses a stored state; throws with the zod issues when the JSON is not a session state. */
export function parseState(json: string): SessionState {
  return sessionStateSchema.parse(JSON.parse(json));
}
