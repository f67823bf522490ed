"use client";

import { useId, useState, type ReactNode } from "react";
import type { ActivityPrompt, Answer, ChainFields } from "@/lib/contract";
import { CHAIN_FIELD_LABELS } from "@/app/_lib/distribution";
import { ChoiceButton } from "./ChoiceButton";
import { choiceMarker } from "./PromptView";
import { StepPicker } from "./StepPicker";

type Send = (answer: Answer) => void;

/**
 * A long form's submit button. Once the student has made a choice it sticks to the bottom of the screen, so the
 * answer can be sent from wherever they are (the nine steps and an error list run ~1,500 px at 360 px wide);
 * before that it sits at the end of the form. `-mx-4 px-4` spans the phone page's padding (PlayScreen's main).
 */
function SubmitBar({ sticky, note, children }: { sticky: boolean; note?: string; children: ReactNode }) {
  return (
    <div
      className={sticky ? "sticky bottom-0 z-20 -mx-4 space-y-1 border-t-2 border-ink bg-white px-4 pt-2 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-6px_16px_rgb(11_18_32/0.12)]" : ""}
      data-testid="submit-bar"
      data-sticky={sticky ? "true" : undefined}
    >
      {sticky && note ? <p className="truncate text-base font-semibold">{note}</p> : null}
      {children}
    </div>
  );
}

/**
 * The phone's input for an open activity, one form per kind (switched exhaustively). It only builds the
 * answer; the server decides whether it is right. Inputs are ≥ 48 px tall and every one has a visible label.
 */
export function AnswerForm({ prompt, busy, send, onInvalid }: { prompt: ActivityPrompt; busy: boolean; send: Send; onInvalid: (message: string) => void }) {
  switch (prompt.kind) {
    case "pitfall":
      return (
        <fieldset className="min-w-0 space-y-3">
          <legend className="mb-2 text-lg font-bold">What is the root cause?</legend>
          {prompt.choices.map((c, i) => (
            <ChoiceButton key={c.id} marker={choiceMarker(i)} text={c.text} disabled={busy} onClick={() => send({ kind: "pitfall", choiceId: c.id })} />
          ))}
        </fieldset>
      );
    case "which-step":
    case "flow-replay":
      return <StepForm kind={prompt.kind} prompt={prompt} busy={busy} send={send} onInvalid={onInvalid} />;
    case "jwt-predict":
      return (
        <fieldset className="min-w-0 space-y-3">
          <legend className="mb-2 text-lg font-bold">Does the trust policy still match this token?</legend>
          <ChoiceButton marker="=" text="Match — the trust policy still allows it" disabled={busy} onClick={() => send({ kind: "jwt-predict", prediction: "match" })} />
          <ChoiceButton marker="≠" text="No match — the trust policy denies it" disabled={busy} onClick={() => send({ kind: "jwt-predict", prediction: "no-match" })} />
        </fieldset>
      );
    case "chain-fix":
      return <ChainFixForm prompt={prompt} busy={busy} send={send} />;
    case "setup-challenge":
      return <SetupForm prompt={prompt} busy={busy} send={send} onInvalid={onInvalid} />;
    case "node-role":
      return <NodeRoleForm prompt={prompt} busy={busy} send={send} />;
  }
}

function StepForm({
  kind,
  prompt,
  busy,
  send,
  onInvalid,
}: {
  kind: "which-step" | "flow-replay";
  prompt: Extract<ActivityPrompt, { kind: "which-step" | "flow-replay" }>;
  busy: boolean;
  send: Send;
  onInvalid: (message: string) => void;
}) {
  const [step, setStep] = useState<number | null>(null);
  const [errorCode, setErrorCode] = useState("");
  const id = useId();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (step === null) {
          onInvalid("Pick the step that fails first.");
          return;
        }
        send(errorCode ? { kind, step, errorCode } : { kind, step });
      }}
    >
      <fieldset className="min-w-0">
        <legend className="mb-2 text-lg font-bold">{kind === "flow-replay" ? "Before the replay: which step will fail?" : "Which step fails?"}</legend>
        <StepPicker steps={prompt.steps} selected={step} onSelect={setStep} disabled={busy} />
      </fieldset>
      {prompt.errorCodes.length > 0 ? (
        <div>
          <label htmlFor={`${id}-code`} className="label">
            And which error? (optional)
          </label>
          <select id={`${id}-code`} className="field font-mono text-base" value={errorCode} onChange={(e) => setErrorCode(e.target.value)}>
            <option value="">— not sure —</option>
            {prompt.errorCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <SubmitBar sticky={step !== null && !busy} note={step !== null ? `Your pick: step ${step} — ${prompt.steps.find((s) => s.n === step)?.title ?? ""}` : undefined}>
        <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy || step === null}>
          {kind === "flow-replay" ? "Lock in my prediction" : "Submit answer"}
        </button>
      </SubmitBar>
    </form>
  );
}

const TEXT_FIELDS: { group: string; keys: (keyof ChainFields)[] }[] = [
  { group: "Trust policy", keys: ["trustFederated", "subKey", "subOperator", "subValue", "audKey", "audOperator", "audValue"] },
  { group: "ServiceAccount", keys: ["saNamespace", "saName", "saRoleArn"] },
  { group: "Pod", keys: ["podNamespace", "podServiceAccount"] },
];

function ChainFixForm({ prompt, busy, send }: { prompt: Extract<ActivityPrompt, { kind: "chain-fix" }>; busy: boolean; send: Send }) {
  const [fields, setFields] = useState<ChainFields>(prompt.fields);
  const id = useId();
  const set = <K extends keyof ChainFields>(k: K, v: ChainFields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const changed = (Object.keys(fields) as (keyof ChainFields)[]).filter((k) => fields[k] !== prompt.fields[k]);
  return (
    <form
      className="space-y-4"
      aria-label="Fix the validation chain"
      onSubmit={(e) => {
        e.preventDefault();
        // Only the changed fields travel; the server keeps the broken world's values for the others.
        send({ kind: "chain-fix", fields: Object.fromEntries(changed.map((k) => [k, fields[k]])) });
      }}
    >
      <fieldset className="min-w-0 space-y-2 rounded-xl border-2 border-ink p-3">
        <legend className="px-1 text-lg font-bold">OIDC provider</legend>
        <label className="flex min-h-12 items-center gap-3 text-lg font-semibold">
          <input
            type="checkbox"
            className="h-7 w-7 shrink-0"
            checked={fields.oidcProviderRegistered}
            disabled={busy}
            onChange={(e) => set("oidcProviderRegistered", e.target.checked)}
          />
          {CHAIN_FIELD_LABELS.oidcProviderRegistered} in IAM
        </label>
      </fieldset>
      {TEXT_FIELDS.map((g) => (
        <fieldset key={g.group} className="min-w-0 space-y-3 rounded-xl border-2 border-ink p-3">
          <legend className="px-1 text-lg font-bold">{g.group}</legend>
          {g.keys.map((k) => {
            const value = String(fields[k]);
            const isOperator = k === "subOperator" || k === "audOperator";
            const inputId = `${id}-${k}`;
            const edited = fields[k] !== prompt.fields[k];
            return (
              <div key={k} className="min-w-0">
                <label htmlFor={inputId} className="label">
                  {CHAIN_FIELD_LABELS[k]}
                  {edited ? <span className="ml-2 text-sm font-bold text-brand">✎ edited</span> : null}
                </label>
                {isOperator ? (
                  <select id={inputId} className="field font-mono text-base" value={value} disabled={busy} onChange={(e) => set(k, e.target.value)}>
                    {(prompt.operators.includes(value) ? prompt.operators : [value, ...prompt.operators]).map((op) => (
                      <option key={op} value={op}>
                        {op}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={inputId}
                    className="field font-mono text-base"
                    value={value}
                    disabled={busy}
                    autoCapitalize="none"
                    autoCorrect="off"
                    spellCheck={false}
                    maxLength={300}
                    onChange={(e) => set(k, e.target.value)}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <SubmitBar sticky={changed.length > 0 && !busy}>
        <p className="text-base text-muted" aria-live="polite">
          {changed.length === 0 ? "Nothing changed yet." : `${changed.length} field${changed.length === 1 ? "" : "s"} changed.`}
        </p>
        <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy}>
          Submit my fix
        </button>
      </SubmitBar>
    </form>
  );
}

function SetupForm({
  prompt,
  busy,
  send,
  onInvalid,
}: {
  prompt: Extract<ActivityPrompt, { kind: "setup-challenge" }>;
  busy: boolean;
  send: Send;
  onInvalid: (message: string) => void;
}) {
  const [inputs, setInputs] = useState({ namespace: "", serviceAccountName: "", roleName: "", policy: "" });
  const id = useId();
  const text: { key: "namespace" | "serviceAccountName" | "roleName"; label: string; hint: string }[] = [
    { key: "namespace", label: "Namespace", hint: "where the Pod runs" },
    { key: "serviceAccountName", label: "ServiceAccount name", hint: "the one the Pod runs as" },
    { key: "roleName", label: "IAM role name", hint: "any valid name" },
  ];
  return (
    <form
      className="space-y-4"
      aria-label="Your IRSA setup"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = { namespace: inputs.namespace.trim(), serviceAccountName: inputs.serviceAccountName.trim(), roleName: inputs.roleName.trim(), policy: inputs.policy };
        const missing = text.find((t) => !trimmed[t.key]);
        if (missing) return onInvalid(`Fill in the ${missing.label}.`);
        if (!trimmed.policy) return onInvalid("Pick a permission policy.");
        send({ kind: "setup-challenge", inputs: trimmed });
      }}
    >
      <p className="text-base">
        Given: cluster <span className="font-mono">{prompt.fixed.clusterName}</span>, region <span className="font-mono">{prompt.fixed.region}</span>, account{" "}
        <span className="font-mono">{prompt.fixed.accountId}</span>.
      </p>
      {text.map((t) => (
        <div key={t.key}>
          <label htmlFor={`${id}-${t.key}`} className="label text-lg">
            {t.label} <span className="font-normal text-muted">({t.hint})</span>
          </label>
          <input
            id={`${id}-${t.key}`}
            className="field min-h-14 font-mono text-xl"
            value={inputs[t.key]}
            disabled={busy}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={t.key === "roleName" ? 64 : 253}
            onChange={(e) => setInputs((x) => ({ ...x, [t.key]: e.target.value }))}
          />
        </div>
      ))}
      <div>
        <label htmlFor={`${id}-policy`} className="label text-lg">
          Permission policy
        </label>
        <select id={`${id}-policy`} className="field min-h-14 font-mono text-lg" value={inputs.policy} disabled={busy} onChange={(e) => setInputs((x) => ({ ...x, policy: e.target.value }))}>
          <option value="">— choose a policy —</option>
          {prompt.policyPresets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy}>
        Submit my setup
      </button>
    </form>
  );
}

function NodeRoleForm({ prompt, busy, send }: { prompt: Extract<ActivityPrompt, { kind: "node-role" }>; busy: boolean; send: Send }) {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        send({ kind: "node-role", selected: prompt.options.map((o) => o.id).filter((id) => selected.includes(id)) });
      }}
    >
      <fieldset className="min-w-0 space-y-2">
        <legend className="mb-2 text-lg font-bold">Which can {prompt.pod} reach? Tick all that apply.</legend>
        {prompt.options.map((o) => {
          const on = selected.includes(o.id);
          return (
            <label
              key={o.id}
              className={`flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 px-4 py-3 text-lg font-semibold ${on ? "border-brand bg-blue-50" : "border-ink bg-white"}`}
            >
              <input type="checkbox" className="h-7 w-7 shrink-0" checked={on} disabled={busy} onChange={() => toggle(o.id)} />
              <span className="min-w-0 break-words">{o.label}</span>
            </label>
          );
        })}
      </fieldset>
      <SubmitBar sticky={selected.length > 0 && !busy}>
        <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy}>
          {selected.length === 0 ? "Submit: it can reach none of these" : `Submit ${selected.length} selected`}
        </button>
      </SubmitBar>
    </form>
  );
}
