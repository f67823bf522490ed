import type { ActivityPrompt, ActivityReveal, Answer } from "@/lib/contract";
import type { ActivityCatalog, ActivitySpec, CatalogEntry, PreparedActivity } from "@/lib/activities/types";

/**
 * A small, honest stand-in for lib/activities/catalog.ts while the scenario bank is being written: two pitfall
 * activities and one "which step fails?", their correct answers fixed here (not computed by lib/sim).
 * Every reveal carries a SECRET marker so tests can scan every frame a student received for a leak.
 */
export const SECRET = "SECRET-ANSWER-";

interface Fixture {
  entry: CatalogEntry;
  prompt: ActivityPrompt;
  reveal: ActivityReveal;
}

const fixtures: Record<string, Fixture> = {
  "test:pitfall-audience": {
    entry: { scenarioId: "test:pitfall-audience", kinds: ["pitfall"], title: "Wrong audience", failingStep: 6, summary: "aud mismatch" },
    prompt: {
      kind: "pitfall",
      title: "Pods get AccessDenied",
      symptom: "The app logs AccessDenied calling sts:AssumeRoleWithWebIdentity.",
      panels: [{ id: "env", title: "Pod env", language: "text", content: "AWS_ROLE_ARN=arn:aws:iam::111122223333:role/app" }],
      choices: [
        { id: "a", text: "The token audience is not sts.amazonaws.com" },
        { id: "b", text: "The node role lacks permissions" },
        { id: "c", text: "The pod has no service account" },
        { id: "d", text: "The region is wrong" },
      ],
    },
    reveal: {
      correct: { kind: "pitfall", choiceId: "a" },
      correctLabel: `${SECRET}0 audience`,
      explanation: `${SECRET}0 The trust policy requires aud = sts.amazonaws.com.`,
      panels: [],
    },
  },
  "test:pitfall-namespace": {
    entry: { scenarioId: "test:pitfall-namespace", kinds: ["pitfall"], title: "Wrong namespace", failingStep: 6, summary: "sub mismatch" },
    prompt: {
      kind: "pitfall",
      title: "Works in dev, fails in prod",
      symptom: "The same Deployment fails in the prod namespace.",
      panels: [],
      choices: [
        { id: "a", text: "The image is different" },
        { id: "b", text: "The trust policy's sub names the dev namespace" },
        { id: "c", text: "The cluster has no OIDC provider" },
        { id: "d", text: "The role has no permissions policy" },
      ],
    },
    reveal: {
      correct: { kind: "pitfall", choiceId: "b" },
      correctLabel: `${SECRET}1 namespace`,
      explanation: `${SECRET}1 system:serviceaccount:prod:app is not in the trust policy.`,
      panels: [],
    },
  },
  "test:which-step": {
    entry: { scenarioId: "test:which-step", kinds: ["which-step"], title: "Where does it fail?", failingStep: 6, summary: "step 6" },
    prompt: {
      kind: "which-step",
      title: "Where does the flow fail?",
      prompt: "Pick the step that fails.",
      panels: [],
      steps: Array.from({ length: 9 }, (_, i) => ({ n: i + 1, id: `s${i + 1}`, title: `Step ${i + 1}` })),
      errorCodes: ["AccessDenied", "InvalidIdentityToken", "ExpiredTokenException"],
    },
    reveal: {
      correct: { kind: "which-step", step: 6, errorCode: "AccessDenied" },
      correctLabel: `${SECRET}2 Step 6 (AccessDenied)`,
      explanation: `${SECRET}2 AssumeRoleWithWebIdentity is refused by the trust policy.`,
      panels: [],
    },
  },
};

export const TEST_SCENARIOS = Object.keys(fixtures);

function isCorrect(answer: Answer, correct: Answer): boolean {
  if (answer.kind === "pitfall" && correct.kind === "pitfall") return answer.choiceId === correct.choiceId;
  if (answer.kind === "which-step" && correct.kind === "which-step") return answer.step === correct.step;
  return false;
}

export function createTestCatalog(): ActivityCatalog & { prepared: number } {
  const catalog = {
    prepared: 0,
    list: () => Object.values(fixtures).map((f) => f.entry),
    async prepare(spec: ActivitySpec): Promise<PreparedActivity> {
      const f = fixtures[spec.scenarioId];
      if (!f) throw new Error(`unknown test scenario ${spec.scenarioId}`);
      catalog.prepared++;
      return {
        spec,
        title: f.prompt.title,
        prompt: f.prompt,
        reveal: f.reveal,
        async check(answer) {
          const correct = isCorrect(answer, f.reveal.correct);
          return answer.kind === "which-step" && f.reveal.correct.kind === "which-step"
            ? { correct, credit: correct ? 1 : 0, pickedStep: answer.step, correctStep: f.reveal.correct.step }
            : { correct, credit: correct ? 1 : 0 };
        },
        distributionKey: (answer) => (answer.kind === "pitfall" ? answer.choiceId : answer.kind === "which-step" ? String(answer.step) : answer.kind),
      };
    },
  };
  return catalog;
}
