"use client";

import { useState } from "react";
import type { NodeRoleComparison, PodReach } from "@/lib/lab/node-role";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { Verdict } from "./ui";

/** Section 1: two nodes, before (shared node role) and after (IRSA). Click a pod to list what it can reach. */
export function NodeRoleSection({ comparison }: { comparison: NodeRoleComparison }) {
  const [selected, setSelected] = useState<string>(comparison.before[0]?.pod.id ?? "workload");
  // What the pod needs = what its own least-privilege role allows (the "after" evaluation).
  const needed = new Set(comparison.after.find((r) => r.pod.id === selected)?.results.filter((x) => x.allowed).map((x) => x.id) ?? []);
  return (
    <section className="space-y-4">
      <p className="text-lg">
        Pick a pod. Each panel lists what that pod can reach — computed by the simulator&apos;s policy evaluation from the node role&apos;s policies (before) or the pod&apos;s own role (after).
      </p>
      <div className="grid [&>*]:min-w-0 gap-4 lg:grid-cols-2">
        <NodePanel title="Before: every pod uses the node role" tag="before" reaches={comparison.before} needed={needed} selected={selected} onSelect={setSelected} />
        <NodePanel title="After: each pod has its own IRSA role" tag="after" reaches={comparison.after} needed={needed} selected={selected} onSelect={setSelected} />
      </div>
    </section>
  );
}

function NodePanel({ title, tag, reaches, needed, selected, onSelect }: { title: string; tag: string; reaches: PodReach[]; needed: Set<string>; selected: string; onSelect: (id: string) => void }) {
  const r = reaches.find((x) => x.pod.id === selected) ?? reaches[0];
  const allowed = r?.results.filter((x) => x.allowed) ?? [];
  return (
    <div className="card space-y-3" data-testid={`panel-${tag}`}>
      <h2 className="text-xl font-bold">{title}</h2>
      <div className="rounded-lg border-2 border-dashed border-slate-400 p-2">
        <p className="mb-2 text-sm font-semibold text-muted"><span aria-hidden="true">🖥</span> EC2 node i-0123456789abcdef0</p>
        <div role="group" aria-label={`Pods on the node (${tag})`} className="grid [&>*]:min-w-0 grid-cols-3 gap-2">
          {reaches.map((p) => (
            <button
              key={p.pod.id}
              type="button"
              aria-pressed={p.pod.id === selected}
              onClick={() => onSelect(p.pod.id)}
              className={`flex min-h-16 flex-col items-center justify-center rounded-lg border-2 px-1 py-2 text-center text-sm font-semibold [overflow-wrap:anywhere] ${p.pod.id === selected ? "border-brand bg-brand text-white" : "border-ink bg-white text-ink hover:bg-slate-100"}`}
            >
              <span aria-hidden="true" className="text-2xl">{p.pod.emoji}</span>
              <span>{p.pod.name}</span>
            </button>
          ))}
        </div>
      </div>
      {r ? (
        <div className="space-y-2" aria-live="polite">
          <p className="text-base">
            <span aria-hidden="true">{r.pod.emoji}</span> <strong>{r.pod.name}</strong> acts as <code className="font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(r.principal)}</code>
          </p>
          <p className="text-base font-semibold">
            Can reach {allowed.length} of {r.results.length} resources
            {allowed.some((x) => !needed.has(x.id)) ? ` — ${allowed.filter((x) => !needed.has(x.id)).length} it does not need: one breach of this pod = all of them.` : " — only what it needs."}
          </p>
          <ul className="space-y-1.5">
            {r.results.map((x) => (
              <li key={x.id} className="flex flex-wrap items-start gap-2 text-base" data-testid={`${tag}-${x.id}`} data-allowed={x.allowed}>
                {x.allowed ? (
                  needed.has(x.id) ? <Verdict tone="ok" word="Reachable (needed)" /> : <Verdict tone="fail" word="Reachable, not needed" />
                ) : (
                  <Verdict tone="skipped" word="Denied" />
                )}
                <span className="min-w-0 flex-1">
                  <strong>{x.service}</strong>: {x.meaning} <code className="block font-mono text-xs text-muted [overflow-wrap:anywhere]">{x.action} on {softBreaks(x.resource)}</code>
                </span>
              </li>
            ))}
          </ul>
          <details className="text-sm">
            <summary className="min-h-12 cursor-pointer py-2 font-semibold">Policies evaluated ({r.policyNames.length})</summary>
            <ul className="list-disc pl-6">{r.policyNames.map((n) => <li key={n}>{n}</li>)}</ul>
          </details>
        </div>
      ) : null}
    </div>
  );
}
