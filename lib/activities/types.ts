import type { ActivityKind, ActivityPrompt, ActivityReveal, Answer } from "@/lib/contract";

/** One activity of a deck, as stored (DeckActivity) and snapshotted into a LiveSession. */
export interface ActivitySpec {
  kind: ActivityKind;
  /** A scenario of the bank (content/scenarios), or "custom:<id>" for an instructor-authored one. */
  scenarioId: string;
  /** Kind-specific options. */
  config: Record<string, unknown>;
  timeLimitSec: number;
  /** Points multiplier for this activity (0, 1 or 2 in the UI). */
  pointsMultiplier: number;
}

/** The result of checking one submission; computed on the server from the simulator's verdict. */
export interface AnswerCheck {
  correct: boolean;
  /** 0..1 — partial credit for multi-select kinds; 1 or 0 for the others. */
  credit: number;
  /**
   * The simulator's words on this very submission (chain-fix, setup-challenge: "the flow fails at step 6
   * (AccessDenied)"), shown to its author at the reveal. Never sent before the reveal.
   */
  verdict?: string;
  /** Flow activities: the step the student picked and the step that really fails (for reports). */
  pickedStep?: number;
  correctStep?: number;
}

/**
 * An activity made ready to play: the prompt students see, the reveal (kept on the server until the reveal
 * phase), and the checker. Built once per session by {@link ActivityCatalog.prepare} from a simulator run.
 */
export interface PreparedActivity {
  spec: ActivitySpec;
  title: string;
  prompt: ActivityPrompt;
  reveal: ActivityReveal;
  check(answer: Answer): Promise<AnswerCheck>;
  /** The bucket this answer falls in, for the live distribution (choice id, step number…). */
  distributionKey(answer: Answer): string;
  /** Extra facts for reports (additive; never sent to phones). */
  meta?: ActivityMeta;
}

/** Facts about a prepared activity that reports may use. */
export interface ActivityMeta {
  /** Pitfall: per wrong choice, what a student who picks it believes. */
  misconceptions?: Record<string, string>;
  /** The step where the scenario's flow fails (null: it succeeds). */
  failingStep?: number | null;
  /** The simulator's error code for the failing step. */
  errorCode?: string | null;
  /** Pitfall: per choice, what the simulator's flow does with that choice's fix ("fails at step 6 (AccessDenied)"). */
  choiceOutcomes?: Record<string, string>;
}

export interface CatalogEntry {
  scenarioId: string;
  kinds: ActivityKind[];
  title: string;
  /** The step of the nine where this scenario's flow fails (null: it succeeds). */
  failingStep: number | null;
  summary: string;
}

/** The scenario bank seen by the deck builder and the live server. */
export interface ActivityCatalog {
  list(): CatalogEntry[];
  prepare(spec: ActivitySpec): Promise<PreparedActivity>;
}
