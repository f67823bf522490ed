/**
 * The activity catalog: the scenario bank (content/scenarios/pitfalls/*.yaml, read once at creation) plus the
 * built-in activities of the other kinds (jwt/…, setup/…, node-role/…). Every verdict comes from lib/sim;
 * parsing and judging are pure (bank/, kinds/); this file only does the file I/O and the caching.
 *
 * Scenario ids: "pitfalls/<file stem>", "jwt/<preset>", "setup/<challenge>", "node-role/<pod>-<before|after>",
 * "custom:<id>" (instructor-authored YAML, fetched with `resolveCustom`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatScenarioErrors } from "@/lib/sim";
import type { ActivityKind } from "@/lib/contract";
import { parseBankScenario, type BankScenario } from "./bank/parse";
import { judgeTrace, type PitfallVerdict } from "./bank/verdict";
import { preparePitfall } from "./kinds/pitfall";
import { prepareFlowStep } from "./kinds/which-step";
import { prepareChainFix } from "./kinds/chain-fix";
import { JWT_PRESETS, prepareJwtPredict } from "./kinds/jwt-predict";
import { SETUP_CHALLENGES, prepareSetupChallenge } from "./kinds/setup-challenge";
import { POD_ROLES, prepareNodeRole } from "./kinds/node-role";
import { judgeScenario } from "./judge";
import { validateAuthoredScenario } from "./validate";
import type { ActivityCatalog, ActivitySpec, CatalogEntry, PreparedActivity } from "./types";

export { validateAuthoredScenario } from "./validate";

/** The repo's bank. Resolved from the working directory (the server and the tests run from the repo root; a bundler may rewrite import.meta.url). */
export const BANK_DIR = path.resolve(process.cwd(), "content", "scenarios", "pitfalls");
export const BANK_PREFIX = "pitfalls/";

export interface CatalogOptions {
  /** Folder of the bank (default: the repo's content/scenarios/pitfalls). */
  dir?: string;
  /** Instructor-authored scenarios: "custom:<id>" → YAML text, or null when unknown. */
  resolveCustom?: (id: string) => Promise<string | null>;
}

/**
 * The name of the error `prepare` throws when a known scenario cannot be played as the kind asked for (a name, not
 * a class: Next bundles its own copy of this module, and the shared catalog may come from the other copy).
 */
export const KIND_ERROR = "ActivityKindError";
const kindError = (message: string): Error => Object.assign(new Error(message), { name: KIND_ERROR });

/** A judged bank or authored scenario. */
interface Judged {
  bank: BankScenario;
  verdict: PitfallVerdict;
  kinds: ActivityKind[];
  /** Why it cannot be played as chain-fix (null when it can). */
  chainFixProblem: string | null;
}

export interface BankCatalog extends ActivityCatalog {
  /** Files of the bank that could not be used, with the reasons (empty for a healthy bank). */
  problems: string[];
}

async function judge(bank: BankScenario): Promise<{ judged: Judged | null; problems: string[] }> {
  if (!bank.pitfall) return { judged: null, problems: ["no Pitfall document"] };
  const j = await judgeScenario(bank);
  return { judged: j.kinds.length ? { bank, verdict: j.verdict, kinds: j.kinds, chainFixProblem: j.chainFixProblem } : null, problems: j.pitfallProblems };
}

/**
 * Load and judge the bank (every scenario runs through the simulator once), ready to prepare activities.
 * @example
 * const catalog = await createCatalog();
 * const a = await catalog.prepare({ kind: "pitfall", scenarioId: "pitfalls/20-sub-namespace-typo", config: {}, timeLimitSec: 45, pointsMultiplier: 1 });
 */
export async function createCatalog(options: CatalogOptions = {}): Promise<BankCatalog> {
  const dir = options.dir ?? BANK_DIR;
  const bank = new Map<string, Judged>();
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const parsed = parseBankScenario(readFileSync(path.join(dir, file), "utf8"), file, { requirePitfall: true });
    if (!parsed.ok) {
      problems.push(formatScenarioErrors(parsed.errors, file));
      continue;
    }
    const { judged, problems: p } = await judge(parsed.value);
    problems.push(...p.map((x) => `${file}: ${x}`));
    if (judged) bank.set(`${BANK_PREFIX}${parsed.value.id}`, judged);
  }

  const entries: CatalogEntry[] = [
    ...[...bank.entries()].map(([scenarioId, j]) => ({
      scenarioId,
      kinds: j.kinds,
      title: j.bank.pitfall?.title ?? j.bank.scenario.name,
      failingStep: j.verdict.broken.failedStep,
      summary: j.bank.pitfall?.symptom ?? j.bank.scenario.description ?? "",
    })),
    ...JWT_PRESETS.map((p) => ({ scenarioId: `jwt/${p.id}`, kinds: ["jwt-predict" as const], title: `JWT: ${p.title}`, failingStep: null, summary: `Edited claims: ${Object.keys(p.claims).join(", ")}. Does the trust policy still match?` })),
    ...SETUP_CHALLENGES.map((c) => ({ scenarioId: `setup/${c.id}`, kinds: ["setup-challenge" as const], title: `Setup: ${c.title}`, failingStep: null, summary: c.task })),
    ...Object.keys(POD_ROLES).flatMap((pod) => (["before", "after"] as const).map((phase) => ({ scenarioId: `node-role/${pod}-${phase}`, kinds: ["node-role" as const], title: `${pod}: what can it reach ${phase === "before" ? "before IRSA" : "with IRSA"}?`, failingStep: null, summary: "Multi-select, partial credit." }))),
  ];

  const cache = new Map<string, Promise<PreparedActivity>>();

  async function resolveJudged(scenarioId: string): Promise<Judged> {
    const hit = bank.get(scenarioId);
    if (hit) return hit;
    if (scenarioId.startsWith("custom:") && options.resolveCustom) {
      const text = await options.resolveCustom(scenarioId.slice("custom:".length));
      if (text === null) throw new Error(`unknown custom scenario ${scenarioId}`);
      const v = await validateAuthoredScenario(text, `${scenarioId}.yaml`);
      if (!v.ok) throw new Error(v.errors.join("\n"));
      return { bank: v.scenario, verdict: v.verdict, kinds: v.kinds, chainFixProblem: v.chainFixProblem };
    }
    throw new Error(`unknown scenario ${scenarioId}`);
  }

  async function build(spec: ActivitySpec): Promise<PreparedActivity> {
    const id = spec.scenarioId;
    switch (spec.kind) {
      case "jwt-predict": {
        const preset = JWT_PRESETS.find((p) => `jwt/${p.id}` === id);
        if (!preset) throw new Error(`unknown jwt-predict scenario ${id}`);
        return prepareJwtPredict(spec, preset);
      }
      case "setup-challenge": {
        const c = SETUP_CHALLENGES.find((x) => `setup/${x.id}` === id);
        if (!c) throw new Error(`unknown setup-challenge scenario ${id}`);
        return prepareSetupChallenge(spec, c);
      }
      case "node-role": {
        const m = /^node-role\/([a-z]+)-(before|after)$/.exec(id);
        if (!m) throw new Error(`unknown node-role scenario ${id}`);
        return prepareNodeRole(spec, m[1] as string, m[2] as "before" | "after");
      }
      default: {
        const j = await resolveJudged(id);
        if (!j.kinds.includes(spec.kind)) {
          // The simulator's reason when it has one (an authored scenario whose break lies outside the chain, say).
          const why = spec.kind === "chain-fix" && j.chainFixProblem ? `: ${j.chainFixProblem}` : "";
          throw kindError(`scenario ${id} cannot be played as ${spec.kind}${why} (it supports ${j.kinds.join(", ")})`);
        }
        const p = j.bank.pitfall;
        // An authored scenario without a Pitfall: its metadata.name and description stand for the title and symptom.
        const q = { title: p?.title ?? j.bank.scenario.name, symptom: p?.symptom ?? j.bank.scenario.description, explanation: p?.explanation };
        if (spec.kind === "pitfall") return preparePitfall(spec, j.bank, j.verdict);
        if (spec.kind === "which-step" || spec.kind === "flow-replay") return prepareFlowStep(spec, spec.kind, j.bank.scenario, j.verdict.broken, q);
        if (spec.kind === "chain-fix") return prepareChainFix(spec, { scenario: j.bank.scenario, broken: j.verdict.broken, title: q.title, symptom: q.symptom, forbidFindings: p?.forbidFindings });
        throw new Error(`unsupported kind ${String(spec.kind)}`);
      }
    }
  }

  return {
    problems,
    list: () => entries.map((e) => ({ ...e, kinds: [...e.kinds] })),
    prepare(spec) {
      // The simulator's runs are deterministic: one prepared activity per (kind, scenario, config).
      const key = JSON.stringify([spec.kind, spec.scenarioId, spec.config ?? {}, spec.timeLimitSec, spec.pointsMultiplier]);
      let p = cache.get(key);
      if (!p) {
        p = build(spec);
        cache.set(key, p);
        p.catch(() => cache.delete(key));
      }
      return p;
    },
  };
}

/** Used by judgeTrace consumers that only need lib/sim's verdict on a trace. */
export { judgeTrace };

/**
 * The demo deck: 8 activities mixing pitfall and which-step, spanning the nine steps
 * (1 webhook, 2 SDK, 3 token, 4 STS request, 5 JWKS/provider, 6 trust, 7 credentials, 8 SigV4, 9 the call).
 */
export function demoDeckActivities(): ActivitySpec[] {
  const a = (kind: "pitfall" | "which-step", stem: string, timeLimitSec = 45, pointsMultiplier = 1): ActivitySpec => ({ kind, scenarioId: `${BANK_PREFIX}${stem}`, config: {}, timeLimitSec, pointsMultiplier });
  return [
    a("pitfall", "20-sub-namespace-typo"),
    a("which-step", "17-audience-typo", 30),
    a("pitfall", "01-annotation-after-pod"),
    a("which-step", "10-token-permission-denied", 30),
    a("pitfall", "13-private-vpc-global-sts"),
    a("which-step", "26-role-chaining-limit", 30),
    a("pitfall", "08-sdk-too-old", 60, 2),
    a("which-step", "27-clock-skew", 30),
  ];
}
