import type { ActivityPrompt } from "@/lib/contract";
import { CHAIN_FIELD_LABELS, formatChainValue } from "@/app/_lib/distribution";
import { choiceMarker } from "./PromptView";

/** What the projector shows next to an open question: the options students pick from, per kind (never the answer). */
export function ProjectorOptions({ prompt }: { prompt: ActivityPrompt }) {
  const item = "flex gap-4 rounded-2xl border-4 border-ink px-5 py-3 text-2xl font-semibold";
  switch (prompt.kind) {
    case "pitfall":
      return (
        <ol className="space-y-3" aria-label="Choices">
          {prompt.choices.map((c, i) => (
            <li key={c.id} className={`${item} text-3xl`}>
              <span className="font-mono font-black">{choiceMarker(i)}</span>
              <span className="break-words">{c.text}</span>
            </li>
          ))}
        </ol>
      );
    case "which-step":
    case "flow-replay":
      return (
        <ol className="space-y-3" aria-label="Steps of the token flow">
          {prompt.steps.map((s) => (
            <li key={s.n} className={item}>
              <span className="font-mono font-black">{s.n}</span>
              <span>{s.title}</span>
            </li>
          ))}
        </ol>
      );
    case "jwt-predict":
      return (
        <div className="space-y-3">
          <p className="text-2xl font-bold">Edited claims: {prompt.edited.join(", ")}</p>
          <pre className="overflow-x-auto rounded-2xl border-4 border-ink p-4 font-mono text-xl whitespace-pre-wrap break-all">
            {JSON.stringify(prompt.token.claims, null, 2)}
          </pre>
          <ul className="flex gap-4 text-3xl font-bold">
            <li className={item}>= Match</li>
            <li className={item}>≠ No match</li>
          </ul>
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
          <ul className="flex flex-wrap gap-2" aria-label="Policy presets">
            {prompt.policyPresets.map((p) => (
              <li key={p} className="rounded-full border-4 border-ink px-4 py-1 font-mono text-xl">
                {p}
              </li>
            ))}
          </ul>
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
