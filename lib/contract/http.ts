import { z } from "zod";
import { ScoringMode } from "./events";
import { ACTIVITY_KINDS, type ActivityKind } from "./activities";

/**
 * HTTP bodies and responses of app/api/** (validated with these schemas at the route, STYLE.md §4).
 * Errors are `{ error: AppError }` with a 4xx/5xx status.
 */

export const signUpSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(80),
  password: z.string().min(10).max(200),
});
export const signInSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) });

export interface InstructorDto {
  id: string;
  email: string;
  name: string;
}

export const activityInputSchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  scenarioId: z.string().min(1).max(120),
  config: z.record(z.string(), z.unknown()).default({}),
  timeLimitSec: z.number().int().min(5).max(600).default(30),
  pointsMultiplier: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
});
export const deckInputSchema = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().max(1000).default(""),
  activities: z.array(activityInputSchema).max(100),
});
export type DeckInput = z.infer<typeof deckInputSchema>;

export interface DeckDto {
  id: string;
  title: string;
  description: string;
  /** null: the shared demo deck (read-only; copy it to edit). */
  ownerId: string | null;
  activities: (z.infer<typeof activityInputSchema> & { id: string; position: number; title: string })[];
  updatedAt: string;
}

export const createSessionSchema = z.object({
  deckId: z.string().min(1).max(64),
  scoring: z.enum([ScoringMode.speed, ScoringMode.accuracy]).default("speed"),
  allowLateJoin: z.boolean().default(true),
});
export interface CreatedSessionDto {
  sessionId: string;
  code: string;
  joinUrl: string;
}

export interface SessionListItemDto {
  sessionId: string;
  code: string;
  /** The deck it was started from; null once that deck was deleted. */
  deckId: string | null;
  deckTitle: string;
  status: "live" | "ended";
  createdAt: string;
  participants: number;
}

/** Largest authored scenario YAML accepted by POST /api/scenarios (the bank's biggest file is ~6 KB). */
export const MAX_SCENARIO_YAML_CHARS = 50_000;

/** POST /api/scenarios: an instructor-authored pitfall scenario, validated by the simulator before it is saved. */
export const customScenarioInputSchema = z.object({
  /** A label for the instructor's list; the scenario's own title comes from its Pitfall document. */
  name: z.string().trim().max(120).optional(),
  yaml: z.string().min(1).max(MAX_SCENARIO_YAML_CHARS),
});
export type CustomScenarioInput = z.infer<typeof customScenarioInputSchema>;

/** One of the instructor's authored scenarios, offered in the deck builder as `scenarioId` ("custom:<id>"). */
export interface CustomScenarioDto {
  id: string;
  scenarioId: string;
  name: string;
  title: string;
  kinds: ActivityKind[];
  failingStep: number | null;
  errorCode: string | null;
  createdAt: string;
}
