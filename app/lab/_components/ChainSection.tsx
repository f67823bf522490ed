"use client";

import { useState } from "react";
import type { LabScenario } from "@/lib/lab/catalog";
import type { ChainVerdict } from "@/lib/lab/chain";
import { CHAIN_LINKS, CHAIN_PRESETS, CONDITION_OPERATORS, type ChainField, type ChainInput, type ChainLinkId } from "@/lib/lab/chain-fields";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { Verdict, useSimVerdict } from "./ui";

const LINK_WORD = { ok: "Valid", warn: "Valid but insecure", fail: "Broken" } as const;
const LINK_TONE = { ok: "ok", warn: "warn", fail: "fail" } as const;

/**
 * Section 3: four pieces, three links. Every edit is sent (debounced) to /api/lab/chain and the simulator
 * says which links hold and which AWS error the pod gets. Clicking a link highlights the fields it depends on.
 */
export function ChainSection({ scenario, initialInput, initial }: { scenario: LabScenario; initialInput: ChainInput; initial: ChainVerdict }) {
  const [input, setInput] = useState<ChainInput>(initialInput);
  const [focus, setFocus] = useState<ChainLinkId | null>(null);
  const { data, pending, error } = useSimVerdict<ChainVerdict>("/api/lab/chain", input, initial, 150);
  const v = data ?? initial;
  const set = <K extends ChainField>(k: K, value: ChainInput[K]) => setInput((i) => ({ ...i, [k]: value }));
  const hl = (f: ChainField) => (focus ? (CHAIN_LINKS.find((l) => l.id === focus)?.fields as readonly string[]).includes(f) : false);
  const linkOf = (id: ChainLinkId) => v.links.find((l) => l.id === id);

  const text = (k: ChainField, label: string, opts: { mono?: boolean } = {}) => (
    <div className={`rounded-lg p-1 ${hl(k) ? "bg-warn-bg ring-4 ring-focus" : ""}`} data-highlighted={hl(k) ? "true" : undefined}>
      <label htmlFor={`chain-${k}`} className="label">{label}{hl(k) ? <span className="ml-2 text-sm font-bold text-amber-900">◆ used by the selected link</span> : null}</label>
      <input id={`chain-${k}`} className={`field ${opts.mono !== false ? "font-mono text-base" : ""}`} value={String(input[k])} onChange={(e) => set(k, e.target.value as never)} autoCapitalize="off" autoCorrect="off" spellCheck={false} />
    </div>
  );
  const op = (k: "subOperator" | "audOperator", label: string) => (
    <div className={`rounded-lg p-1 ${hl(k) ? "bg-warn-bg ring-4 ring-focus" : ""}`} data-highlighted={hl(k) ? "true" : undefined}>
      <label htmlFor={`chain-${k}`} className="label">{label}</label>
      <select id={`chain-${k}`} className="field" value={input[k]} onChange={(e) => set(k, e.target.value as ChainInput[typeof k])}>
        {CONDITION_OPERATORS.map((o) => <option key={o} value={o}>{o === "none" ? "(no condition)" : o}</option>)}
      </select>
    </div>
  );

  const linkButton = (id: ChainLinkId) => {
    const meta = CHAIN_LINKS.find((l) => l.id === id)!;
    const l = linkOf(id);
    const st = l?.status ?? "fail";
    return (
      <div className="flex flex-col items-center py-1">
        <button
          type="button"
          aria-pressed={focus === id}
          onClick={() => setFocus(focus === id ? null : id)}
          data-testid={`link-${id}`}
          data-status={st}
          className={`flex min-h-12 w-full flex-wrap items-center justify-center gap-2 rounded-full border-4 px-3 py-1 text-base font-bold ${st === "ok" ? "border-ok bg-ok-bg text-ok" : st === "warn" ? "border-amber-700 bg-warn-bg text-amber-900" : "border-bad bg-bad-bg text-bad"} ${pending ? "opacity-70" : ""}`}
        >
          <span aria-hidden="true">{st === "ok" ? "✓" : st === "warn" ? "⚠" : "✗"}</span>
          <span>{meta.from} → {meta.to}: {LINK_WORD[st]}</span>
          <span className="text-sm font-semibold underline">{focus === id ? "hide fields" : "show fields"}</span>
        </button>
        <ul className="mt-1 w-full space-y-0.5 text-sm">
          {l?.reasons.map((r) => <li key={r} className="[overflow-wrap:anywhere]">{softBreaks(r)}</li>)}
        </ul>
      </div>
    );
  };

  const preset = (id: string) => {
    const p = CHAIN_PRESETS.find((x) => x.id === id);
    if (!p) return;
    setInput({ ...initialInput, ...p.make(scenario) });
  };

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="chain-preset" className="label">Load a common breakage</label>
          <select id="chain-preset" className="field" defaultValue="" onChange={(e) => preset(e.target.value)}>
            <option value="" disabled>Choose a preset…</option>
            {CHAIN_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => setInput(initialInput)}>Reset</button>
      </div>

      <div className="sticky top-0 z-10 rounded-xl border-2 border-ink bg-white p-3 shadow-md" aria-live="polite" data-testid="chain-verdict">
        {error ? <p className="alert-error">✗ {error}</p> : null}
        {v.outcome === "success" ? (
          <div className="space-y-1">
            <Verdict tone={v.findings.some((f) => f.severity === "critical") ? "warn" : "ok"} word={v.findings.some((f) => f.severity === "critical") ? "Works — but insecure" : "The chain holds"} size="lg" />
            <p className="text-base">{softBreaks(v.explanation)}</p>
          </div>
        ) : (
          <div className="space-y-1">
            <Verdict tone="fail" word={`Broken — the pod fails at step ${v.failedStep} (${v.failedStepTitle})`} size="lg" />
            <p className="text-sm font-semibold text-muted">The exact error the pod gets:</p>
            <p className="font-mono text-sm [overflow-wrap:anywhere]" data-testid="chain-error">{softBreaks(v.errorText)}</p>
            <details><summary className="min-h-12 cursor-pointer py-2 font-semibold">Why</summary><p className="text-base">{softBreaks(v.explanation)}</p></details>
          </div>
        )}
      </div>

      <div className="grid [&>*]:min-w-0 gap-2">
        <fieldset className="card min-w-0 space-y-2">
          <legend className="px-1 text-xl font-bold"><span aria-hidden="true">🔑</span> OIDC Provider</legend>
          <div className={`rounded-lg p-1 ${hl("oidcRegistered") ? "bg-warn-bg ring-4 ring-focus" : ""}`} data-highlighted={hl("oidcRegistered") ? "true" : undefined}>
            <label className="flex min-h-12 items-center gap-3 text-base font-semibold">
              <input type="checkbox" className="h-6 w-6" checked={input.oidcRegistered} onChange={(e) => set("oidcRegistered", e.target.checked)} />
              Registered in IAM for the cluster&apos;s issuer
            </label>
          </div>
        </fieldset>
        {linkButton("provider-trust")}
        <fieldset className="card min-w-0 space-y-2">
          <legend className="px-1 text-xl font-bold"><span aria-hidden="true">🎭</span> IAM Trust Policy (role {scenario.roleName})</legend>
          {text("federated", "Principal.Federated")}
          <div className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-[12rem_1fr]">{op("subOperator", "sub operator")}{text("subKey", "sub condition key")}</div>
          {text("subValue", "sub value")}
          <div className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-[12rem_1fr]">{op("audOperator", "aud operator")}{text("audKey", "aud condition key")}</div>
          {text("audValue", "aud value")}
        </fieldset>
        {linkButton("trust-sa")}
        <fieldset className="card min-w-0 space-y-2">
          <legend className="px-1 text-xl font-bold"><span aria-hidden="true">📛</span> ServiceAccount</legend>
          <div className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-2">{text("saNamespace", "Namespace")}{text("saName", "Name")}</div>
          {text("saRoleArn", "Annotation eks.amazonaws.com/role-arn")}
        </fieldset>
        {linkButton("sa-pod")}
        <fieldset className="card min-w-0 space-y-2">
          <legend className="px-1 text-xl font-bold"><span aria-hidden="true">📦</span> Pod {scenario.podName}</legend>
          <div className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-2">{text("podNamespace", "Namespace")}{text("podServiceAccount", "spec.serviceAccountName (empty = default)")}</div>
        </fieldset>
      </div>
    </section>
  );
}
