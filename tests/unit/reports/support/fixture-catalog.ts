import type { ActivityCatalog, ActivitySpec, CatalogEntry, PreparedActivity } from "@/lib/activities/types";
import type { Answer } from "@/lib/contract";

/**
 * A two-scenario bank for report tests, shaped like lib/activities' catalog: a pitfall whose wrong choices each
 * stand for a misconception, and a "which step fails?" replay. Anything else is "not in the bank".
 */
export const FIXTURE = {
  pitfall: {
    scenarioId: "fixture/token-not-mounted",
    title: "Token file not mounted",
    failingStep: 3,
    choices: [
      { id: "a", text: "The role's trust policy names the wrong ServiceAccount" },
      { id: "b", text: "The projected token volume is not mounted" },
      { id: "c", text: "The node role lacks sts:AssumeRoleWithWebIdentity" },
      { id: "d", text: "The OIDC provider thumbprint is stale" },
    ],
    correct: "b",
    misconceptions: {
      a: "Blames IAM for what happens before any AWS call: the SDK never found a token to send.",
      c: "Believes the node's role is involved in IRSA.",
      d: "Confuses token loading with JWT verification (step 5).",
    } as Record<string, string>,
    explanation: "The webhook did not inject the projected token volume, so the SDK had no web identity token to present.",
  },
  flow: {
    scenarioId: "fixture/trust-sub-mismatch",
    title: "Trust policy sub mismatch",
    correctStep: 6,
    explanation: "STS refused AssumeRoleWithWebIdentity: the token's sub does not match the trust policy condition.",
  },
} as const;

const STEPS = [
  "Pod scheduled — webhook injects",
  "SDK reads env",
  "Token loaded",
  "AssumeRoleWithWebIdentity request",
  "Verify JWT signature (JWKS)",
  "Check trust policy",
  "Receive temporary credentials",
  "SigV4-sign the call",
  "The call (DynamoDB GetItem)",
].map((title, i) => ({ n: i + 1, id: `s${i + 1}`, title }));

function prepared(spec: ActivitySpec): PreparedActivity {
  if (spec.scenarioId === FIXTURE.pitfall.scenarioId) {
    const p = FIXTURE.pitfall;
    const correct: Answer = { kind: "pitfall", choiceId: p.correct };
    return {
      spec,
      title: p.title,
      prompt: { kind: "pitfall", title: p.title, symptom: "AccessDenied on startup", panels: [], choices: [...p.choices] },
      reveal: Object.assign(
        { correct, correctLabel: p.choices[1].text, explanation: p.explanation, panels: [] },
        { misconceptions: p.misconceptions },
      ),
      check: (a) => Promise.resolve({ correct: a.kind === "pitfall" && a.choiceId === p.correct, credit: 1 }),
      distributionKey: (a) => (a.kind === "pitfall" ? a.choiceId : ""),
    };
  }
  if (spec.scenarioId === FIXTURE.flow.scenarioId) {
    const f = FIXTURE.flow;
    const correct: Answer = { kind: "which-step", step: f.correctStep };
    return {
      spec,
      title: f.title,
      prompt: { kind: "which-step", title: f.title, prompt: "Which step fails?", panels: [], steps: STEPS, errorCodes: [] },
      reveal: { correct, correctLabel: "Step 6 — Check trust policy (AccessDenied)", explanation: f.explanation, panels: [] },
      check: (a) => Promise.resolve({ correct: a.kind === "which-step" && a.step === f.correctStep, credit: 1 }),
      distributionKey: (a) => (a.kind === "which-step" ? String(a.step) : ""),
    };
  }
  throw new Error(`Unknown scenario ${spec.scenarioId}`);
}

export function createFixtureCatalog(): ActivityCatalog & { prepared: number } {
  const entries: CatalogEntry[] = [
    { scenarioId: FIXTURE.pitfall.scenarioId, kinds: ["pitfall"], title: FIXTURE.pitfall.title, failingStep: 3, summary: "" },
    { scenarioId: FIXTURE.flow.scenarioId, kinds: ["which-step"], title: FIXTURE.flow.title, failingStep: 6, summary: "" },
  ];
  const catalog = {
    prepared: 0,
    list: () => entries,
    prepare: (spec: ActivitySpec) => {
      catalog.prepared++;
      return Promise.resolve().then(() => prepared(spec));
    },
  };
  return catalog;
}
