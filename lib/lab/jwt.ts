/**
 * Section 5, the JWT inspector: the projected ServiceAccount token as lib/sim signs it (a real RS256
 * JWT), the student's claim edits re-signed by the cluster key or pasted in by hand (old signature
 * kept), and — when revealed — the trust policy evaluated against the edited claims (lib/sim
 * evaluateTrustPolicy) plus what STS really answers (lib/sim traceFlow).
 */
import { evaluateTrustPolicy, issuerHostPath, providerArn, traceFlow, type SimError, type World } from "@/lib/sim";
import type { ConditionResult } from "@/lib/sim/iam/conditions";
import { scenarioFromParam, scenarioWorld } from "./scenarios";
import type { ClaimEdits, JwtInput } from "./jwt-fields";
import { errorLine } from "./trace";

export * from "./jwt-fields";

export interface JwtResult {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The editable claims as they are now. */
  edits: ClaimEdits & { iat: number };
  /** Present only when revealed. */
  verdict?: {
    signature: { ok: boolean; text: string };
    trust: { allowed: boolean; conditions: ConditionResult[]; reason: string; policy: unknown };
    sts: { outcome: "success" | "failure"; failedStep: number | null; error: SimError | null; errorText: string | null; explanation: string; identity: string | null };
  };
}

type Claims = Record<string, unknown> & { "kubernetes.io"?: Record<string, unknown> };

/** The claim overrides for the world: top-level claims, with kubernetes.io's namespace replaced inside. */
function overridesFor(base: Claims, e: Partial<ClaimEdits>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.iss !== undefined) out.iss = e.iss;
  if (e.sub !== undefined) out.sub = e.sub;
  if (e.aud !== undefined) out.aud = [e.aud];
  if (e.exp !== undefined) out.exp = e.exp;
  if (e.namespace !== undefined) out["kubernetes.io"] = { ...(base["kubernetes.io"] ?? {}), namespace: e.namespace };
  return out;
}

async function tokenStep(world: World) {
  const trace = await traceFlow(world);
  const s3 = trace.steps.find((s) => s.n === 3);
  const d = (s3?.details ?? {}) as { token?: string; header?: Record<string, unknown>; claims?: Claims };
  return { trace, token: d.token ?? "", header: d.header ?? {}, claims: d.claims ?? {} };
}

/**
 * Inspect the token of a story, with edits.
 * @example (await inspectJwt({ scenario: "billing", claims: { sub: "system:serviceaccount:paymentz:billing-svc" }, mode: "resign", reveal: true })).verdict?.trust.allowed // false
 */
export async function inspectJwt(input: JwtInput): Promise<JwtResult> {
  const s = scenarioFromParam(input.scenario);
  const base = scenarioWorld(s);
  const original = await tokenStep(base);
  const edits = input.claims ?? {};
  const world: World = Object.keys(edits).length === 0 ? base : { ...base, token: { tamper: input.mode === "tamper", claims: overridesFor(original.claims, edits) } };
  const run = Object.keys(edits).length === 0 ? original : await tokenStep(world);
  const c = run.claims;
  const aud = Array.isArray(c.aud) ? String(c.aud[0] ?? "") : String(c.aud ?? "");
  const result: JwtResult = {
    token: run.token,
    header: run.header,
    claims: c,
    edits: { iss: String(c.iss ?? ""), sub: String(c.sub ?? ""), aud, namespace: String(c["kubernetes.io"]?.namespace ?? ""), exp: Number(c.exp ?? 0), iat: Number(c.iat ?? 0) },
  };
  if (!input.reveal) return result;

  const trace = run.trace;
  const s5 = trace.steps.find((st) => st.n === 5);
  const sig = (s5?.details as { signature?: { ok: boolean; reason?: string; kid?: string } } | undefined)?.signature;
  const signature = sig
    ? { ok: sig.ok, text: sig.ok ? `✓ Valid: RS256 signature verifies with kid ${sig.kid} from the issuer's JWKS.` : sig.reason === "kid-not-in-jwks" ? `✗ Invalid: kid ${sig.kid ?? "(none)"} is not in the issuer's JWKS.` : "✗ Invalid: the claims were changed after signing; the RS256 signature does not verify." }
    : { ok: false, text: s5?.status === "fail" ? `✗ Not checked: STS stopped before the signature (${s5.error?.code ?? "error"}).` : "Not checked: STS never got that far." };

  // The trust policy against the edited claims, the way STS builds the context (issuer host + :sub / :aud).
  const role = world.iam.roles.find((r) => r.RoleName === s.roleName);
  const iss = String(c.iss ?? "");
  const host = issuerHostPath(iss.startsWith("https://") ? iss : `https://${iss}`);
  const trust = role
    ? evaluateTrustPolicy(role.AssumeRolePolicyDocument, { federatedPrincipal: providerArn(role.accountId, iss.startsWith("https://") ? iss : `https://${iss}`), context: { [`${host}:sub`]: typeof c.sub === "string" ? c.sub : undefined, [`${host}:aud`]: aud || undefined } })
    : { allowed: false, explicitDeny: false, statements: [] };
  const failed = trace.steps.find((st) => st.n === trace.failedStep);
  const call = trace.steps.find((st) => st.n === 9);
  result.verdict = {
    signature,
    trust: {
      allowed: trust.allowed,
      conditions: trust.statements.flatMap((st) => st.conditions),
      reason: trust.statements.map((st) => st.reason).join("; "),
      policy: role?.AssumeRolePolicyDocument ?? null,
    },
    sts: {
      outcome: trace.outcome,
      failedStep: trace.failedStep,
      error: trace.error,
      errorText: trace.error ? errorLine(trace.error) : null,
      explanation: failed ? `Step ${failed.n} — ${failed.title}: ${failed.explanation}` : call?.explanation ?? "",
      identity: trace.identity,
    },
  };
  return result;
}
