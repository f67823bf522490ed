"use client";

import { useEffect, useState } from "react";
import { CodeBlock } from "@/app/_components/CodeBlock";
import { softBreaks } from "@/app/_components/SoftBreaks";
import type { LabScenario } from "@/lib/lab/catalog";
import { FLOW_PRESETS, type FlowPresetId } from "@/lib/lab/flow-presets";
import { lastStep, stepView } from "@/lib/lab/flow-stepping";
import type { LabStep, LabTrace } from "@/lib/lab/trace";
import { errorLine } from "@/lib/lab/trace-text";
import { Verdict, postJson, pretty, toneOfStatus, useReducedMotion, wordOfStatus } from "./ui";

/** What each step shows of what AWS / Kubernetes actually sees: keys of the simulator's step details. */
const SHOWN: Record<number, [string, string][]> = {
  1: [["injectedEnv", "Env injected by the webhook"], ["tokenVolume", "Projected token volume"], ["patch", "JSON patch from the webhook"]],
  2: [["env", "AWS_* env as the SDK reads it"], ["credentialSource", "Credential source chosen"], ["chain", "The SDK's credential chain"]],
  3: [["path", "Token file"], ["token", "The projected token (JWT)"], ["claims", "Decoded claims"]],
  4: [["endpoint", "STS endpoint"], ["request", "AssumeRoleWithWebIdentity request (unsigned)"]],
  5: [["provider", "IAM OIDC provider found"], ["jwksKids", "kids in the issuer's JWKS"], ["tokenKid", "Token kid"], ["signature", "Signature check"], ["audience", "Audience check"], ["expiry", "Expiry check"], ["response", "STS response"]],
  6: [["context", "Request context (condition keys)"], ["evaluation", "Trust-policy evaluation"], ["policy", "Trust policy"], ["response", "STS response"]],
  7: [["response", "STS response"], ["credentials", "Temporary credentials"], ["chainedAssumeRole", "Chained AssumeRole"]],
  8: [["url", "Signed request"], ["headers", "Headers (SigV4)"], ["body", "Body"], ["canonicalRequest", "Canonical request"], ["stringToSign", "String to sign"]],
  9: [["principal", "Caller"], ["action", "Action"], ["resource", "Resource"], ["decision", "Decision"], ["response", "Response"], ["evaluation", "Policy evaluation"]],
};

/**
 * Section 4: the nine steps in three lanes; Step ▶ / Auto-play reveal the simulator's trace one step at a time and
 * stop at the step that fails (lib/lab/flow-stepping.ts): that step is the end of the run, with its exact error,
 * and the steps after it read "Not reached".
 */
export function FlowSection({ scenario, initial }: { scenario: LabScenario; initial: LabTrace }) {
  const [preset, setPreset] = useState<FlowPresetId>("happy");
  const [trace, setTrace] = useState<LabTrace>(initial);
  const [shown, setShown] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reduced = useReducedMotion();
  const lanes = [
    { id: "pod", label: "📦 Pod / Cluster" },
    { id: "sts", label: "🎭 AWS STS" },
    { id: "service", label: `☁️ ${scenario.service}` },
  ] as const;

  const load = async (p: FlowPresetId) => {
    setPreset(p);
    setPlaying(false);
    setShown(0);
    setSelected(null);
    setError(null);
    try {
      setTrace(await postJson<LabTrace>("/api/lab/flow", { scenario: scenario.id, preset: p }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const last = lastStep(trace);
  const step = () => {
    setShown((n) => {
      const next = Math.min(last, n + 1);
      setSelected(next);
      return next;
    });
  };

  useEffect(() => {
    if (!playing) return;
    if (shown >= last) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(step, reduced ? 600 : 1100);
    return () => clearTimeout(t);
  }, [playing, shown, last, reduced]);

  const done = shown >= last;
  const sel = trace.steps.find((s) => s.n === selected) ?? null;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="flow-preset" className="label">Scenario for the run</label>
          <select id="flow-preset" className="field" value={preset} onChange={(e) => void load(e.target.value as FlowPresetId)}>
            {FLOW_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn btn-primary" onClick={() => { if (done) { setShown(0); setSelected(null); } setPlaying(!playing); }}>
            {playing ? "⏸ Pause" : "▶▶ Auto-play"}
          </button>
          <button type="button" className="btn btn-secondary" onClick={step} disabled={done || playing}>Step ▶</button>
          <button type="button" className="btn btn-secondary" onClick={() => { setPlaying(false); setShown(0); setSelected(null); }}>Reset</button>
        </div>
      </div>
      <p className="text-base text-muted">The call: {scenario.callText}, by {scenario.emoji} {scenario.podName} in namespace {scenario.namespace}.</p>
      {error ? <p role="alert" className="alert-error">✗ {error}</p> : null}

      <div aria-live="polite" className="min-h-12" data-testid="flow-outcome">
        {done ? (
          trace.outcome === "success" ? (
            <p><Verdict tone="ok" word="All nine steps succeed" size="lg" /> <span className="ml-1 text-base">as <code className="font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(trace.identity)}</code></span></p>
          ) : (
            <div className="space-y-1">
              <Verdict tone="fail" word={`Failed at step ${last}`} size="lg" />
              {trace.error ? <p className="alert-error font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(errorLine(trace.error))}</p> : null}
              <p className="text-base">
                The request stops here{last < 9 ? `: step${last < 8 ? "s" : ""} ${last + 1}${last < 8 ? "–9 are" : " is"} never reached.` : "."} Reset or pick another scenario to run it again.
              </p>
            </div>
          )
        ) : (
          <p className="text-base">{shown === 0 ? "Press Step ▶ or Auto-play to send the request." : `Step ${shown} of 9 shown.`}</p>
        )}
      </div>

      <div className="hidden grid-cols-3 gap-2 md:grid" aria-hidden="true">
        {lanes.map((l) => <p key={l.id} className="rounded-lg bg-ink px-2 py-1 text-center text-base font-bold text-white">{l.label}</p>)}
      </div>
      <ol className="grid [&>*]:min-w-0 grid-cols-1 gap-2 md:grid-cols-3" aria-label="The nine steps">
        {trace.steps.map((s) => {
          const view = stepView(trace, s.n, shown);
          const visible = view === "verdict";
          const col = s.lane === "pod" ? "md:col-start-1" : s.lane === "sts" ? "md:col-start-2" : "md:col-start-3";
          const laneLabel = lanes.find((l) => l.id === s.lane)?.label ?? "";
          return (
            <li key={s.n} className={`${col} md:col-span-1`} style={{ gridRow: s.n }}>
              <button
                type="button"
                onClick={() => visible && setSelected(s.n)}
                aria-disabled={!visible}
                aria-pressed={selected === s.n}
                data-testid={`flow-step-${s.n}`}
                data-status={visible ? s.status : view === "not-reached" ? "not-reached" : "hidden"}
                className={`flex min-h-14 w-full flex-col items-start gap-1 rounded-lg border-2 px-3 py-2 text-left ${visible ? stepClass(s) : "border-dashed border-slate-300 bg-white text-muted"} ${selected === s.n ? "ring-4 ring-focus" : ""} ${visible && s.n === shown && !reduced ? "motion-safe:animate-[pulse-ring_900ms_ease-out]" : ""}`}
              >
                <span className="text-sm font-semibold md:hidden">{laneLabel}</span>
                <span className="text-base font-bold">{s.n}. {s.title}</span>
                {visible ? (
                  <Verdict tone={toneOfStatus(s.status)} word={wordOfStatus(s.status)} />
                ) : view === "not-reached" ? (
                  <span className="text-sm font-semibold"><span aria-hidden="true">– </span>Not reached</span>
                ) : (
                  <span className="text-sm">Not yet</span>
                )}
              </button>
            </li>
          );
        })}
      </ol>

      {sel && stepView(trace, sel.n, shown) === "verdict" ? <StepDetails step={sel} /> : null}
    </section>
  );
}

const stepClass = (s: LabStep) =>
  s.status === "ok" ? "border-ok bg-ok-bg text-ink" : s.status === "fail" ? "border-bad bg-bad-bg text-ink" : s.status === "warn" ? "border-amber-700 bg-warn-bg text-ink" : "border-slate-400 bg-slate-100 text-muted";

function StepDetails({ step }: { step: LabStep }) {
  const shown = (SHOWN[step.n] ?? []).filter(([k]) => step.details[k] !== undefined && step.details[k] !== null);
  return (
    <div className="card space-y-3" aria-live="polite" data-testid="flow-details">
      <h2 className="text-xl font-bold">Step {step.n}: {step.title} <Verdict tone={toneOfStatus(step.status)} word={wordOfStatus(step.status)} /></h2>
      <p className="text-base">{softBreaks(step.explanation)}</p>
      {step.error ? <p className="alert-error font-mono text-sm [overflow-wrap:anywhere]" data-testid="flow-details-error">{softBreaks(errorLine(step.error))}</p> : null}
      {shown.length > 0 ? <h3 className="text-lg font-bold">What AWS / Kubernetes sees</h3> : null}
      {shown.map(([k, title]) => (
        <CodeBlock key={k} title={title} content={responseBody(step.details[k])} language={typeof step.details[k] === "string" ? "text" : "json"} />
      ))}
    </div>
  );
}

/** STS responses carry an XML body: show it as XML, not as an escaped JSON string. */
function responseBody(v: unknown): string {
  if (v && typeof v === "object" && "body" in v && typeof (v as { body: unknown }).body === "string") {
    const r = v as { status?: number; body: string };
    return `HTTP ${r.status ?? ""}\n${r.body}`;
  }
  return pretty(v);
}
