import type { ActivityPrompt } from "@/lib/contract";
import { CHAIN_FIELD_LABELS, formatChainValue } from "@/app/_lib/distribution";

/**
 * What the projector shows of an open question besides its text, per kind (never the answer). The options that
 * have their own bars (pitfall choices, steps, match / no match, policy presets) are ProjectorAnswers' job.
 */
export function ProjectorOptions({ prompt }: { prompt: ActivityPrompt }) {
  const item = "flex gap-4 rounded-2xl border-4 border-ink px-5 py-3 text-2xl font-semibold";
  switch (prompt.kind) {
    case "pitfall":
    case "which-step":
    case "flow-replay":
      // Their options carry the live bars: app/host/sessions/[id]/present/ProjectorAnswers.tsx.
      return null;
    case "jwt-predict":
      return (
        <div className="space-y-3">
          <p className="text-2xl font-bold">Edited claims: {prompt.edited.join(", ")}</p>
          <pre className="overflow-x-auto rounded-2xl border-4 border-ink p-4 font-mono text-xl whitespace-pre-wrap break-all">
            {JSON.stringify(prompt.token.claims, null, 2)}
          </pre>
        </div>
      );
    case "chain-fix":
      return (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 rounded-2xl border-4 border-ink p-4 text-xl">
          {(Object.keys(CHAIN_FIELD_LABELS) as (keyof typeof CHAIN_FIELD_LABELS)[]).map((k) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{CHAIN_FIELD_LABELS[k]}</dt>
              <dd className="font-mono break-all">{formatChainValue(prompt.fields[k])}</dd>
            </div>
          ))}
        </dl>
      );
    case "setup-challenge":
      return (
        <div className="space-y-3 text-2xl">
          <p>
            Cluster <span className="font-mono">{prompt.fixed.clusterName}</span> in <span className="font-mono">{prompt.fixed.region}</span>, account{" "}
            <span className="font-mono">{prompt.fixed.accountId}</span>
          </p>
          <p className="font-semibold">Students submit: namespace, ServiceAccount name, role name, permission policy.</p>
        </div>
      );
    case "node-role":
      return (
        <ul className="space-y-3" aria-label="Services">
          {prompt.options.map((o) => (
            <li key={o.id} className={item}>
              <span aria-hidden="true">☐</span>
              <span className="break-words">{o.label}</span>
            </li>
          ))}
        </ul>
      );
  }
}
