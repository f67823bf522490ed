import type { ActivitySpec } from "@/lib/activities/types";
import type { ActivityLabels } from "./types";

/** One session of a deck, with its answer counts per activity index (from a GROUP BY, not every row). */
export interface CompareSessionInput {
  id: string;
  code: string;
  createdAt: Date;
  status: "live" | "ended";
  participants: number;
  activities: ActivitySpec[];
  counts: Map<number, { answered: number; correct: number }>;
}

export interface CompareCell {
  answered: number;
  correct: number;
  /** correct / answered; null when the activity was in the session but nobody answered it. */
  accuracy: number | null;
}

export interface DeckComparison {
  deckId: string;
  deckTitle: string;
  sessions: { id: string; code: string; createdAt: string; status: "live" | "ended"; participants: number; accuracy: number | null }[];
  /**
   * One row per activity (kind + scenario); a deck edited between two runs can have rows a session did not play
   * (its cell is null). Rows are in the order of the newest session's deck, then the others' leftovers.
   */
  rows: { key: string; kind: string; scenarioId: string; title: string; cells: (CompareCell | null)[] }[];
}

function activityKey(spec: ActivitySpec): string {
  return `${spec.kind}:${spec.scenarioId}`;
}

/**
 * Per-activity accuracy of several runs of one deck, side by side. Sessions are listed oldest first (a class's
 * progress reads left to right). Activities are matched by kind and scenario, not by position, so reordering a
 * deck keeps the comparison honest; if a scenario appears twice in a session, the occurrences are pooled.
 *
 * `labelOf` names an activity (see lib/reports/labels.ts).
 */
export function compareSessions(
  deck: { id: string; title: string },
  inputs: readonly CompareSessionInput[],
  labelOf: (spec: ActivitySpec) => ActivityLabels,
): DeckComparison {
  const sessions = [...inputs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const order: string[] = [];
  const specs = new Map<string, ActivitySpec>();
  for (const s of [...sessions].reverse()) {
    for (const spec of s.activities) {
      const key = activityKey(spec);
      if (!specs.has(key)) {
        specs.set(key, spec);
        order.push(key);
      }
    }
  }
  const rows = order.map((key) => {
    const spec = specs.get(key)!;
    const cells = sessions.map((s): CompareCell | null => {
      let seen = false;
      let answered = 0;
      let correct = 0;
      s.activities.forEach((a, i) => {
        if (activityKey(a) !== key) return;
        seen = true;
        const c = s.counts.get(i);
        answered += c?.answered ?? 0;
        correct += c?.correct ?? 0;
      });
      return seen ? { answered, correct, accuracy: answered > 0 ? correct / answered : null } : null;
    });
    return { key, kind: spec.kind, scenarioId: spec.scenarioId, title: labelOf(spec).title, cells };
  });
  return {
    deckId: deck.id,
    deckTitle: deck.title,
    sessions: sessions.map((s) => {
      let answered = 0;
      let correct = 0;
      for (const c of s.counts.values()) {
        answered += c.answered;
        correct += c.correct;
      }
      return {
        id: s.id,
        code: s.code,
        createdAt: s.createdAt.toISOString(),
        status: s.status,
        participants: s.participants,
        accuracy: answered > 0 ? correct / answered : null,
      };
    }),
    rows,
  };
}
