/**
 * Section 6, the pitfall diagnostic game, over the scenario bank (content/scenarios/pitfalls, parsed with
 * lib/activities/bank). A round shows the symptom, evidence panels generated from the simulator's run of
 * the broken world, and four root causes. The correct one is computed on the server by running every
 * choice's fix through lib/sim (judgePitfall) and leaves the server only in the answer to a click.
 * Server-only (reads the bank from disk).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { traceFlow, findRole, type FlowTrace } from "@/lib/sim";
import type { EvidencePanel } from "@/lib/contract";
import { parseBankScenario, type BankScenario } from "@/lib/activities/bank/parse";
import { judgePitfall, type PitfallVerdict } from "@/lib/activities/bank/verdict";
import { errorLine } from "./trace-text";

export interface PitfallRound {
  id: string;
  title: string;
  symptom: string;
  panels: EvidencePanel[];
  choices: { id: string; text: string }[];
}

export interface PitfallAnswer {
  id: string;
  choiceId: string;
  correct: boolean;
  correctChoiceId: string;
  correctText: string;
  /** Why, from the scenario file. */
  explanation: string;
  /** What a student who picked this wrong choice believed. */
  misconception: string | null;
  /** What the simulator saw when it applied the picked choice's fix. */
  pickedOutcome: string;
  /** The step where the broken world fails (null: it "works" with a finding). */
  failedStep: number | null;
}

const BANK_DIR = path.join(process.cwd(), "content", "scenarios", "pitfalls");

let bankPromise: Promise<BankScenario[]> | null = null;

/** Every well-formed pitfall scenario of the bank, in file order (cached). */
export function loadBank(dir = BANK_DIR): Promise<BankScenario[]> {
  if (dir !== BANK_DIR) return readBank(dir);
  bankPromise ??= readBank(dir).catch((e: unknown) => {
    bankPromise = null;
    throw e;
  });
  return bankPromise;
}

async function readBank(dir: string): Promise<BankScenario[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return [];
  }
  const out: BankScenario[] = [];
  for (const f of files) {
    const r = parseBankScenario(await readFile(path.join(dir, f), "utf8"), f, { requirePitfall: true });
    if (r.ok && r.value.pitfall) out.push(r.value);
    else if (!r.ok) console.warn(`[lab/pitfalls] skipping ${f}: ${r.errors.map((e) => e.message).join("; ")}`);
  }
  return out;
}

const verdicts = new Map<string, Promise<{ verdict: PitfallVerdict; broken: FlowTrace }>>();
function judged(b: BankScenario) {
  let p = verdicts.get(b.id);
  if (!p) {
    p = (async () => {
      const verdict = await judgePitfall(b.scenario, b.pitfall!);
      return { verdict, broken: verdict.broken };
    })();
    verdicts.set(b.id, p);
  }
  return p;
}

/** The five evidence panels of the issue, generated from the broken world's run (never hand-drawn). */
export function evidencePanels(b: BankScenario, broken: FlowTrace): EvidencePanel[] {
  const w = b.scenario.world;
  const step1 = broken.steps.find((s) => s.n === 1)?.details as { pod?: unknown; injectedEnv?: Record<string, string> } | undefined;
  const pod = (step1?.pod ?? w.kubernetes.pod) as { metadata?: { name?: string; namespace?: string } };
  const ns = w.kubernetes.pod.metadata.namespace ?? "default";
  const podName = w.kubernetes.pod.metadata.name;
  const saName = w.kubernetes.pod.spec.serviceAccountName ?? "default";
  const sa = w.kubernetes.serviceAccounts.find((s) => s.metadata.name === saName && (s.metadata.namespace ?? ns) === ns);
  const env = Object.entries(step1?.injectedEnv ?? {}).filter(([k]) => k.startsWith("AWS_"));
  const roleArn = sa?.metadata.annotations?.["eks.amazonaws.com/role-arn"];
  const role = roleArn ? findRole(w, roleArn) : undefined;
  const app = broken.error
    ? `${errorLine(broken.error)}\n\n(first failing step: ${broken.failedStep})`
    : `No error. The call succeeded as ${broken.identity ?? "(unknown)"}.\n${broken.findings.filter((f) => f.severity !== "info").map((f) => `finding [${f.severity}] ${f.message}`).join("\n")}`;
  return [
    { id: "app-log", title: `Application log (${podName})`, language: "text", content: app },
    { id: "env", title: `kubectl exec -n ${ns} ${podName} -- env | grep AWS_`, language: "shell", content: env.length > 0 ? env.map(([k, v]) => `${k}=${v}`).join("\n") : "(no output)" },
    { id: "pod", title: `kubectl get pod -n ${ns} ${pod.metadata?.name ?? podName} -o yaml`, language: "yaml", content: stringify(pod) },
    { id: "service-account", title: `kubectl get serviceaccount -n ${ns} ${saName} -o yaml`, language: "yaml", content: sa ? stringify(sa) : `Error from server (NotFound): serviceaccounts "${saName}" not found` },
    {
      id: "trust-policy",
      title: role ? `aws iam get-role --role-name ${role.RoleName} --query Role.AssumeRolePolicyDocument` : "aws iam get-role",
      language: role ? "json" : "text",
      content: role ? JSON.stringify(role.AssumeRolePolicyDocument, null, 2) : `An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name ${roleArn?.split("/").pop() ?? "(none)"} cannot be found.`,
    },
  ];
}

/** A stable order that does not depend on where the author put the right answer (FNV-1a of id + choice id). */
function shuffled<T extends { id: string }>(seed: string, xs: T[]): T[] {
  const h = (t: string) => [...t].reduce((a, c) => Math.imul(a ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return [...xs].sort((a, b) => h(`${seed}:${a.id}`) - h(`${seed}:${b.id}`));
}

/** The rounds as the browser may see them: no correct answer, no explanation. */
export async function pitfallRounds(): Promise<PitfallRound[]> {
  const bank = await loadBank();
  return Promise.all(bank.map(async (b) => {
    const broken = await traceFlow(b.scenario.world, { scenario: b.scenario.name });
    const p = b.pitfall!;
    return { id: b.id, title: p.title, symptom: p.symptom, panels: evidencePanels(b, broken), choices: shuffled(b.id, p.choices.map((c) => ({ id: c.id, text: c.text }))) };
  }));
}

/**
 * Judge one click. `null` when the scenario or the choice does not exist.
 * @example (await answerPitfall("01-annotation-after-pod", "restart-pod"))?.correct // true
 */
export async function answerPitfall(id: string, choiceId: string): Promise<PitfallAnswer | null> {
  const b = (await loadBank()).find((x) => x.id === id);
  const p = b?.pitfall;
  if (!b || !p || !p.choices.some((c) => c.id === choiceId)) return null;
  const { verdict, broken } = await judged(b);
  if (verdict.correctId === null) throw new Error(`pitfall ${id} has no unique correct choice`);
  const correct = p.choices.find((c) => c.id === verdict.correctId)!;
  const picked = p.choices.find((c) => c.id === choiceId)!;
  return {
    id,
    choiceId,
    correct: choiceId === verdict.correctId,
    correctChoiceId: verdict.correctId,
    correctText: correct.text,
    explanation: p.explanation,
    misconception: choiceId === verdict.correctId ? null : picked.misconception,
    pickedOutcome: `With that fix the simulator's flow ${verdict.choices.find((c) => c.id === choiceId)?.outcome ?? "was not run"}.`,
    failedStep: broken.failedStep,
  };
}
