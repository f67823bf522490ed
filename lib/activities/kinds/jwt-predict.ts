/**
 * kind "jwt-predict": the projected token with edited claims; does the trust policy still match?
 * The answer comes from lib/sim's trust evaluation (evaluateTrustPolicy) on the edited claims. The reveal
 * also runs the flow with the edit pasted in without re-signing: STS would reject the signature first.
 *
 * Options (`spec.config`): none. A preset is its edited claims and its trust policy; a deck that wants another edit
 * picks another jwt/ preset. Any config field is refused rather than ignored.
 */
import type { z } from "zod";
import type { ActivityPrompt, ActivityReveal } from "@/lib/contract";
import { defaultWorld, evaluateTrustPolicy, issuerHostPath, providerArn, traceFlow, type PolicyDocument, type World } from "@/lib/sim";
import { revealPanels } from "../evidence";
import type { ActivitySpec, PreparedActivity } from "../types";
import { configOrThrow, configSchema, parseConfig, WRONG, type ConfigResult } from "./common";

export interface JwtPreset {
  id: string;
  title: string;
  /** Top-level claim overrides (null removes a claim). */
  claims: Record<string, unknown>;
  /** Optional trust policy to use instead of the default world's. */
  trust?: (host: string, providerArn: string) => PolicyDocument;
  note: string;
}

const likeTrust = (host: string, arn: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: arn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { [`${host}:sub`]: "system:serviceaccount:payments:billing-*" }, StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" } } }],
});

export const JWT_PRESETS: readonly JwtPreset[] = [
  { id: "namespace-typo", title: "One letter of the namespace", claims: { sub: "system:serviceaccount:payment:billing-svc" }, note: "StringEquals compares the whole sub exactly: payment ≠ payments." },
  { id: "namespace-case", title: "Capital P", claims: { sub: "system:serviceaccount:Payments:billing-svc" }, note: "String operators other than …IgnoreCase are case-sensitive." },
  { id: "exp-extended", title: "A token that lives a week", claims: { exp: Math.floor(Date.parse("2024-11-15T20:00:00Z") / 1000) }, note: "The trust policy never looks at exp; but an edit without re-signing breaks the RS256 signature, and STS checks that first." },
  { id: "aud-changed", title: "Another audience", claims: { aud: ["vault"] }, note: "The :aud condition requires sts.amazonaws.com (and STS would already refuse the audience against the provider's client IDs)." },
  { id: "k8s-namespace-claim", title: "Only the kubernetes.io claim changes", claims: { "kubernetes.io": { namespace: "kube-system", serviceaccount: { name: "billing-svc", uid: "7c3e5a1f-2b4d-4e6f-8a9b-0c1d2e3f4a5b" } } }, note: "The trust policy's condition keys are :sub and :aud only; the kubernetes.io claim is not a condition key here." },
  { id: "stringlike-canary", title: "A canary service account under StringLike", claims: { sub: "system:serviceaccount:payments:billing-svc-canary" }, trust: likeTrust, note: "StringLike billing-* admits billing-svc-canary: that is what the wildcard is for — and why it is risky." },
];

function baseWorld(preset: JwtPreset): World {
  const w = defaultWorld({ node: { imdsHopLimit: 1 } });
  if (preset.trust) {
    const host = issuerHostPath(w.cluster.oidcIssuer);
    const role = w.iam.roles[0];
    if (role) role.AssumeRolePolicyDocument = preset.trust(host, providerArn(w.cluster.accountId, w.cluster.oidcIssuer));
  }
  return w;
}

export const jwtPredictConfigSchema = configSchema("jwt-predict", {}, "a jwt/ preset is its edited claims and its trust policy: pick another preset for another edit");

/** @example jwtPredictConfig({ claims: { sub: "x" } }).ok // false: "config.claims: jwt-predict activities take no options (…)" */
export function jwtPredictConfig(config: Record<string, unknown>): ConfigResult<z.output<typeof jwtPredictConfigSchema>> {
  return parseConfig(jwtPredictConfigSchema, config);
}

export async function prepareJwtPredict(spec: ActivitySpec, preset: JwtPreset): Promise<PreparedActivity> {
  configOrThrow(spec.scenarioId, jwtPredictConfig(spec.config ?? {}));
  const world = baseWorld(preset);
  const base = await traceFlow(world);
  const step3 = base.steps.find((s) => s.n === 3)?.details ?? {};
  const claims: Record<string, unknown> = { ...(step3.claims as Record<string, unknown>) };
  for (const [k, v] of Object.entries(preset.claims)) {
    if (v === null) delete claims[k];
    else claims[k] = v;
  }
  const header = (step3.header as Record<string, unknown>) ?? { alg: "RS256" };
  const role = world.iam.roles[0];
  const iss = String(claims.iss ?? world.cluster.oidcIssuer);
  const host = issuerHostPath(iss);
  const aud = Array.isArray(claims.aud) ? String(claims.aud[0] ?? "") : claims.aud === undefined ? undefined : String(claims.aud);
  const evaluation = evaluateTrustPolicy(role?.AssumeRolePolicyDocument ?? { Statement: [] }, {
    federatedPrincipal: providerArn(world.cluster.accountId, iss),
    context: { [`${host}:sub`]: typeof claims.sub === "string" ? claims.sub : undefined, [`${host}:aud`]: aud },
  });
  const match = evaluation.allowed;
  const tampered = await traceFlow({ ...world, token: { claims: preset.claims, tamper: true } });
  const prompt: ActivityPrompt = {
    kind: "jwt-predict",
    title: `JWT: ${preset.title}`,
    prompt: `These claims were edited (${Object.keys(preset.claims).join(", ")}). Does role ${role?.RoleName}'s trust policy still match the token?`,
    panels: [{ id: "trust-policy", title: "The role's trust policy", language: "json", content: JSON.stringify(role?.AssumeRolePolicyDocument, null, 4) }],
    token: { header, claims },
    edited: Object.keys(preset.claims),
  };
  const reveal: ActivityReveal = {
    correct: { kind: "jwt-predict", prediction: match ? "match" : "no-match" },
    correctLabel: match ? "Match: the trust policy still allows it" : "No match: the trust policy denies it",
    explanation: `${preset.note} Pasted in without re-signing, the edit ${tampered.error ? `fails at step ${tampered.failedStep}: ${tampered.error.code}` : "goes through"}.`,
    panels: [{ id: "trust-evaluation", title: "Trust policy evaluation", language: "json", content: JSON.stringify(evaluation, null, 4) }, ...revealPanels(tampered).filter((p) => p.id === "failed-step")],
  };
  return {
    spec,
    title: prompt.title,
    prompt,
    reveal,
    async check(answer) {
      if (answer.kind !== "jwt-predict") return WRONG;
      const ok = (answer.prediction === "match") === match;
      return { correct: ok, credit: ok ? 1 : 0 };
    },
    distributionKey: (answer) => (answer.kind === "jwt-predict" ? answer.prediction : "(other)"),
  };
}
