/**
 * What a deck save checks of its activities beyond their shape (lib/contract's deckInputSchema), so that a deck is
 * refused when it is saved rather than when its session starts:
 * - the options (`config`) of the kinds built on presets: jwt-predict, setup-challenge and node-role honour the fields
 *   they take and refuse every other one, naming it (kinds/*.ts say which). The bank's kinds take no options yet and
 *   keep their config as given;
 * - that a scenario the catalog knows can be played as the kind: the bank's list for its own scenarios, and for an
 *   instructor-authored one the same preparation a session runs, so a chain fix that cannot be one is refused with
 *   the simulator's reason ("the flow already succeeds…", "the break is outside the chain…").
 */
import type { ActivityCatalog, ActivitySpec } from "./types";
import { KIND_ERROR } from "./catalog";
import type { ConfigIssue, ConfigResult } from "./kinds/common";
import { jwtPredictConfig } from "./kinds/jwt-predict";
import { nodeRoleConfig } from "./kinds/node-role";
import { SETUP_CHALLENGES, setupChallengeConfig } from "./kinds/setup-challenge";

export interface DeckIssue {
  /** Where in the deck body: "activities.<i>.config.<field>", "activities.<i>.kind" or "activities.<i>.scenarioId". */
  path: string;
  message: string;
}

const issuesOf = (r: ConfigResult<unknown>): ConfigIssue[] => (r.ok ? [] : r.issues);

/**
 * @example
 * activityConfigIssues({ kind: "jwt-predict", scenarioId: "jwt/namespace-typo", config: { claims: {} } })
 * // [{ field: "claims", message: "config.claims: jwt-predict activities take no options (…)" }]
 */
export function activityConfigIssues(spec: Pick<ActivitySpec, "kind" | "scenarioId" | "config">): ConfigIssue[] {
  const config = spec.config ?? {};
  switch (spec.kind) {
    case "jwt-predict":
      return issuesOf(jwtPredictConfig(config));
    case "setup-challenge":
      return issuesOf(setupChallengeConfig(config, SETUP_CHALLENGES.find((c) => `setup/${c.id}` === spec.scenarioId)));
    case "node-role":
      return issuesOf(nodeRoleConfig(config));
    case "pitfall":
    case "which-step":
    case "flow-replay":
    case "chain-fix":
      return [];
  }
}

/** Scenario ids the catalog judges. Any other id (typed by hand while the bank was unavailable) is left to the session's start. */
const JUDGED_PREFIXES = ["pitfalls/", "jwt/", "setup/", "node-role/", "custom:"];

/**
 * The deck's activities that cannot be played as saved; empty when every one can. The catalog is asked for only
 * when an activity names a scenario it judges (loading the bank runs every scenario through the simulator once).
 * Custom ids must already be the instructor's own (lib/auth/deck-errors.ts refuses the others first).
 * @example
 * await deckActivityIssues([{ kind: "chain-fix", scenarioId: "custom:abc", config: {}, timeLimitSec: 60, pointsMultiplier: 1 }], getSharedCatalog)
 * // [{ path: "activities.0.kind", message: "scenario custom:abc cannot be played as chain-fix: the flow already succeeds … (it supports …)" }]
 */
export async function deckActivityIssues(activities: readonly ActivitySpec[], getCatalog: () => Promise<ActivityCatalog>): Promise<DeckIssue[]> {
  const issues: DeckIssue[] = [];
  let catalog: ActivityCatalog | undefined;
  for (const [i, a] of activities.entries()) {
    const config = activityConfigIssues(a);
    issues.push(...config.map((c) => ({ path: `activities.${i}.config.${c.field}`, message: c.message })));
    if (config.length > 0 || !JUDGED_PREFIXES.some((p) => a.scenarioId.startsWith(p))) continue;
    catalog ??= await getCatalog();
    if (!a.scenarioId.startsWith("custom:")) {
      const entry = catalog.list().find((e) => e.scenarioId === a.scenarioId);
      if (!entry) issues.push({ path: `activities.${i}.scenarioId`, message: `unknown scenario ${a.scenarioId}` });
      else if (!entry.kinds.includes(a.kind)) issues.push({ path: `activities.${i}.kind`, message: `scenario ${a.scenarioId} cannot be played as ${a.kind} (it supports ${entry.kinds.join(", ")})` });
      continue;
    }
    try {
      await catalog.prepare(a);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      issues.push({ path: `activities.${i}.${e.name === KIND_ERROR ? "kind" : "scenarioId"}`, message: e.message });
    }
  }
  return issues;
}
