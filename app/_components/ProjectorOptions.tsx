import type { ReactNode } from "react";
import type { ActivityPrompt, Answer, ChainFields, EvidencePanel } from "@/lib/contract";
import { CHAIN_FIELD_LABELS, formatChainValue } from "@/app/_lib/distribution";
import { Breakable } from "./SoftBreaks";

/**
 * What the projector shows of an activity besides its text and its options, per kind: the token's claims beside the
 * trust policy's condition (jwt-predict), the validation chain's configuration (chain-fix), the given facts
 * (setup-challenge). Never the answer while the question is open: `correct` is passed only at the reveal, where it
 * highlights what the fix changed. Kinds whose options carry the live bars (pitfall, the nine steps, node-role's
 * services) have nothing here: app/host/sessions/[id]/present/ProjectorAnswers.tsx. Sizes are in rem (the
 * projector's root font size scales with the screen).
 */
export function ProjectorOptions({ prompt, correct, aside }: { prompt: ActivityPrompt; correct?: Answer | null; aside?: ReactNode }) {
  switch (prompt.kind) {
    case "pitfall":
    case "which-step":
    case "flow-replay":
    case "node-role":
      return null;
    case "jwt-predict":
      return <ClaimsAndCondition prompt={prompt} />;
    case "chain-fix":
      return <ChainConfig fields={prompt.fields} fixed={correct?.kind === "chain-fix" ? correct.fields : undefined} aside={aside} />;
    case "setup-challenge":
      return (
        <div className="space-y-1 text-2xl leading-snug">
          <p>
            Cluster <span className="font-mono">{prompt.fixed.clusterName}</span> in <span className="font-mono">{prompt.fixed.region}</span>, account{" "}
            <span className="font-mono">{prompt.fixed.accountId}</span>
          </p>
          <p className="font-semibold">Students submit: namespace, ServiceAccount name, role name, permission policy.</p>
        </div>
      );
  }
}

// ---- chain-fix ----------------------------------------------------------------------------------------------

/** The chain in two halves that sit side by side: what IAM holds, and what Kubernetes holds. */
const CHAIN_GROUPS: { title: string; keys: (keyof ChainFields)[] }[] = [
  { title: "OIDC provider · trust policy", keys: ["oidcProviderRegistered", "trustFederated", "subKey", "subOperator", "subValue", "audKey", "audOperator", "audValue"] },
  { title: "ServiceAccount · Pod", keys: ["saNamespace", "saName", "saRoleArn", "podServiceAccount", "podNamespace"] },
];

/** The fields a fix changes (the reveal's reference fix against the broken configuration), in the phone's order. */
export function changedChainFields(before: ChainFields, after: Partial<ChainFields>): (keyof ChainFields)[] {
  return (Object.keys(CHAIN_FIELD_LABELS) as (keyof ChainFields)[]).filter((k) => after[k] !== undefined && after[k] !== before[k]);
}

/**
 * The thirteen fields with the phone's labels, every value in full (long ARNs and keys wrap after ':' '/' '.'), so
 * the class can compare the trust policy's sub with the ServiceAccount's namespace across the two columns. At the
 * reveal (`fixed`), the fields the fix changes are highlighted with the broken value (✗) and the fixed one (✓); the
 * other rows collapse to one muted line each.
 */
function ChainConfig({ fields, fixed, aside }: { fields: ChainFields; fixed?: Partial<ChainFields>; aside?: ReactNode }) {
  const changed = new Set(fixed ? changedChainFields(fields, fixed) : []);
  const group = (g: (typeof CHAIN_GROUPS)[number]) => (
    <section aria-label={g.title} className="min-w-0 rounded-2xl border-[0.1875rem] border-ink px-4 py-2">
      <h2 className="text-lg font-black text-muted">{g.title}</h2>
      <dl className="divide-y divide-slate-300">
        {g.keys.map((k) => {
          const isChanged = changed.has(k);
          const collapsed = fixed !== undefined && !isChanged;
          return (
            <div
              key={k}
              data-field={k}
              data-changed={isChanged ? "true" : undefined}
              className={`grid grid-cols-[10.5rem_minmax(0,1fr)] items-baseline gap-x-3 py-0.5 ${isChanged ? "-mx-2 my-1 rounded-xl border-[0.1875rem] border-ok bg-ok-bg px-2" : ""}`}
            >
              <dt className={`leading-snug font-semibold break-words ${collapsed ? "text-base text-muted" : "text-lg"}`}>
                <Breakable text={CHAIN_FIELD_LABELS[k]} camel />
              </dt>
              {isChanged && fixed ? (
                <dd className="space-y-1 font-mono text-xl leading-snug [overflow-wrap:anywhere]">
                  <span className="block text-bad">
                    <span className="font-sans font-black">✗ was </span>
                    <Breakable text={formatChainValue(fields[k])} />
                  </span>
                  <span className="block font-bold text-ok">
                    <span className="font-sans font-black">✓ fix </span>
                    <Breakable text={formatChainValue(fixed[k])} />
                  </span>
                </dd>
              ) : (
                <dd className={`font-mono leading-snug ${collapsed ? "truncate text-base text-muted" : "text-lg [overflow-wrap:anywhere]"}`}>
                  {collapsed ? formatChainValue(fields[k]) : <Breakable text={formatChainValue(fields[k])} />}
                </dd>
              )}
            </div>
          );
        })}
      </dl>
    </section>
  );
  return (
    <div className="grid grid-cols-[minmax(0,1.45fr)_minmax(0,1fr)] items-start gap-4" role="group" aria-label="The configuration of the chain">
      {group(CHAIN_GROUPS[0]!)}
      <div className="min-w-0 space-y-3">
        {group(CHAIN_GROUPS[1]!)}
        {aside}
      </div>
    </div>
  );
}

// ---- jwt-predict --------------------------------------------------------------------------------------------

interface ConditionRow {
  operator: string;
  key: string;
  values: string[];
  /** The claim the key compares: "sub" of "oidc.eks…/id/X:sub". */
  claim: string;
}

/**
 * The conditions of the role's trust policy, read from the prompt's own "trust-policy" panel (the JSON the phone
 * shows under "The role's trust policy"); null when the prompt has none or it is not a policy document.
 */
export function trustConditions(panels: EvidencePanel[]): ConditionRow[] | null {
  const panel = panels.find((p) => p.id === "trust-policy");
  if (!panel) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(panel.content);
  } catch {
    return null;
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const rows: ConditionRow[] = [];
  for (const st of Array.isArray(statements) ? statements : [statements]) {
    const condition = (st as { Condition?: unknown } | null)?.Condition;
    if (!condition || typeof condition !== "object") continue;
    for (const [operator, byKey] of Object.entries(condition as Record<string, unknown>)) {
      if (!byKey || typeof byKey !== "object") continue;
      for (const [key, value] of Object.entries(byKey as Record<string, unknown>)) {
        rows.push({ operator, key, values: (Array.isArray(value) ? value : [value]).map(String), claim: key.slice(key.lastIndexOf(":") + 1) });
      }
    }
  }
  return rows;
}

/** A claim's value on one line: strings quoted, arrays and objects compact; an unedited object collapses to its keys. */
function claimText(value: unknown, collapse: boolean): string {
  if (collapse && value && typeof value === "object" && !Array.isArray(value)) {
    const inner = Object.entries(value as Record<string, unknown>).map(([k, v]) => `"${k}": ${v && typeof v === "object" ? "{…}" : JSON.stringify(v)}`);
    return `{ ${inner.join(", ")} }`;
  }
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");
}

/**
 * The edited token's claims, one line per claim — the edited ones marked "✎ edited", the ones the trust policy
 * compares (its condition keys' claims, and iss, which names the provider) in full, the rest muted and collapsed —
 * beside the trust policy's condition, so the class can hold the sub against the sub.
 */
function ClaimsAndCondition({ prompt }: { prompt: Extract<ActivityPrompt, { kind: "jwt-predict" }> }) {
  const conditions = trustConditions(prompt.panels);
  const compared = new Set(["iss", ...(conditions ?? []).map((c) => c.claim)]);
  const edited = new Set(prompt.edited);
  return (
    <div className="grid grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)] items-start gap-4">
      <section aria-labelledby="proj-claims" className="min-w-0 rounded-2xl border-[0.1875rem] border-ink px-4 py-2">
        <h2 id="proj-claims" className="text-lg font-black text-muted">
          Token claims · edited: <span className="font-mono text-ink">{prompt.edited.join(", ")}</span>
        </h2>
        <ul aria-label="Token claims" className="font-mono text-xl leading-snug">
          {Object.entries(prompt.token.claims).map(([name, value]) => {
            const isEdited = edited.has(name);
            const relevant = isEdited || compared.has(name);
            return (
              <li
                key={name}
                data-claim={name}
                data-edited={isEdited ? "true" : undefined}
                className={`[overflow-wrap:anywhere] ${isEdited ? "-mx-2 my-1 rounded-xl border-[0.1875rem] border-ink bg-warn-bg px-2 py-0.5 font-bold" : relevant ? "py-0.5" : "py-0.5 text-base text-muted"}`}
              >
                <span>&quot;{name}&quot;: </span>
                <Breakable text={claimText(value, !isEdited)} />
                {isEdited ? <span className="ml-2 font-sans font-black whitespace-nowrap">✎ edited</span> : null}
              </li>
            );
          })}
        </ul>
      </section>
      {conditions && conditions.length ? (
        <section aria-labelledby="proj-condition" className="min-w-0 rounded-2xl border-[0.1875rem] border-ink px-4 py-2">
          <h2 id="proj-condition" className="text-lg font-black text-muted">
            The role&apos;s trust policy · Condition
          </h2>
          <ul aria-label="Trust policy condition" className="divide-y divide-slate-300">
            {conditions.map((c) => (
              <li key={`${c.operator} ${c.key}`} data-condition-claim={c.claim} className="py-1.5">
                <span className="block font-mono text-lg leading-snug text-muted [overflow-wrap:anywhere]">
                  <Breakable text={c.key} />
                </span>
                <span className="block text-xl leading-snug [overflow-wrap:anywhere]">
                  <span className="font-black">{c.operator}</span>{" "}
                  <span className="font-mono font-bold">
                    <Breakable text={c.values.map((v) => JSON.stringify(v)).join(", ")} />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
