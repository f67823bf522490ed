"use client";

import { useRef, useState } from "react";
import { CodeBlock } from "@/app/_components/CodeBlock";
import type { LabScenario } from "@/lib/lab/catalog";
import type { SetupResult } from "@/lib/lab/setup";
import { POLICY_CHOICES, SETUP_CHALLENGE, type SetupForm } from "@/lib/lab/setup-fields";
import { TraceSteps } from "./TraceSteps";
import { Verdict, postJson, pretty, useSimVerdict } from "./ui";

const FIELDS: { key: Exclude<keyof SetupForm, "policy">; label: string; hint?: string }[] = [
  { key: "clusterName", label: "Cluster name" },
  { key: "region", label: "Region" },
  { key: "accountId", label: "AWS account id" },
  { key: "oidcId", label: "OIDC issuer id", hint: "The end of the cluster's issuer URL (aws eks describe-cluster … identity.oidc.issuer)" },
  { key: "namespace", label: "Namespace" },
  { key: "serviceAccountName", label: "ServiceAccount name" },
  { key: "roleName", label: "IAM role name" },
];

const TABS = [
  { id: "eksctl", label: "eksctl", lang: "shell" },
  { id: "serviceAccountYaml", label: "ServiceAccount YAML", lang: "yaml" },
  { id: "trustPolicyJson", label: "Trust policy JSON", lang: "json" },
  { id: "policyJson", label: "Permission policy", lang: "json" },
  { id: "awsCli", label: "AWS CLI", lang: "shell" },
  { id: "terraform", label: "Terraform", lang: "text" },
] as const;

/** Section 2: the inputs drive lib/sim's generators live; Apply puts the objects into the simulated cluster and runs the flow. */
export function SetupSection({ scenario, initialForm, initial }: { scenario: LabScenario; initialForm: SetupForm; initial: SetupResult }) {
  const [form, setForm] = useState<SetupForm>(initialForm);
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("eksctl");
  const live = useSimVerdict<SetupResult>("/api/lab/setup", { scenario: scenario.id, form, action: "generate" }, initial, 250);
  const [applied, setApplied] = useState<SetupResult | null>(null);
  const [challenge, setChallenge] = useState<SetupResult | null>(null);
  const [busy, setBusy] = useState<"apply" | "challenge" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const generated = live.data?.generated ?? initial.generated;

  const run = async (action: "apply" | "challenge") => {
    setBusy(action);
    setError(null);
    try {
      const r = await postJson<SetupResult>("/api/lab/setup", { scenario: scenario.id, form, action });
      if (action === "apply") setApplied(r);
      else setChallenge(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!d) return;
    const n = (i + d + TABS.length) % TABS.length;
    setTab(TABS[n]!.id);
    tabRefs.current[n]?.focus();
  };

  const objects = applied?.applied;
  return (
    <section className="space-y-6">
      <form className="card grid gap-3 sm:grid-cols-2" onSubmit={(e) => { e.preventDefault(); void run("apply"); }} aria-label="Setup inputs">
        {FIELDS.map((f) => (
          <div key={f.key}>
            <label htmlFor={`setup-${f.key}`} className="label">{f.label}</label>
            <input
              id={`setup-${f.key}`}
              className="field font-mono"
              value={form[f.key]}
              onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              aria-describedby={f.hint ? `setup-${f.key}-hint` : undefined}
            />
            {f.hint ? <p id={`setup-${f.key}-hint`} className="mt-1 text-sm text-muted">{f.hint}</p> : null}
          </div>
        ))}
        <div className="sm:col-span-2">
          <label htmlFor="setup-policy" className="label">Permission policy</label>
          <select id="setup-policy" className="field" value={form.policy} onChange={(e) => setForm({ ...form, policy: e.target.value as SetupForm["policy"] })}>
            {POLICY_CHOICES.map((p) => <option key={p.id} value={p.id}>{p.id === "scenario" ? `${p.label} (${scenario.action})` : p.label}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap gap-3 sm:col-span-2">
          <button type="submit" className="btn btn-primary" disabled={busy !== null}>
            {busy === "apply" ? "Applying…" : "Apply to cluster"}
          </button>
        </div>
        {live.error ? <p role="alert" className="alert-error sm:col-span-2">✗ {live.error}</p> : null}
        {error ? <p role="alert" className="alert-error sm:col-span-2">✗ {error}</p> : null}
      </form>

      <div className="space-y-2">
        <div role="tablist" aria-label="Generated setup" className="flex flex-wrap gap-1">
          {TABS.map((t, i) => (
            <button
              key={t.id}
              ref={(el) => { tabRefs.current[i] = el; }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="setup-tabpanel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => onTabKey(e, i)}
              className={`min-h-12 rounded-t-lg border-2 border-b-0 px-3 text-base font-semibold ${tab === t.id ? "border-ink bg-ink text-white" : "border-slate-300 bg-white text-ink"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="setup-tabpanel" aria-labelledby={`tab-${tab}`} aria-busy={live.pending}>
          <CodeBlock content={generated[tab]} title={TABS.find((t) => t.id === tab)?.label ?? ""} language={TABS.find((t) => t.id === tab)?.lang ?? "text"} />
        </div>
      </div>

      <div className="card space-y-3" aria-live="polite">
        <h2 className="text-xl font-bold">The simulated cluster</h2>
        {!objects ? (
          <p className="text-base text-muted">Nothing applied yet: no 🔑 OIDC Provider, no 🎭 IAM Role, no 📛 ServiceAccount. Press “Apply to cluster”.</p>
        ) : (
          <>
            <ul className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-3" aria-label="Objects in the cluster">
              <ObjectCard emoji="🔑" kind="OIDC Provider" present={!!objects.provider} name={objects.provider?.Url ?? "—"} body={objects.provider} />
              <ObjectCard emoji="🎭" kind="IAM Role" present={!!objects.role} name={objects.role ? `arn:aws:iam::${objects.role.accountId}:role/${objects.role.RoleName}` : "—"} body={objects.role?.AssumeRolePolicyDocument} />
              <ObjectCard emoji="📛" kind="ServiceAccount" present={!!objects.serviceAccount} name={objects.serviceAccount ? `${objects.serviceAccount.metadata.namespace}/${objects.serviceAccount.metadata.name}` : "—"} body={objects.serviceAccount?.metadata.annotations} />
            </ul>
            <p className="text-base">
              Then the Pod {scenario.emoji} {scenario.podName} starts in namespace <code className="font-mono">{form.namespace}</code> with ServiceAccount <code className="font-mono">{form.serviceAccountName}</code> and calls {scenario.service}:
            </p>
            <TraceSteps trace={objects.trace} label="Flow after apply" />
          </>
        )}
      </div>

      <div className="card space-y-3 border-brand" aria-live="polite">
        <h2 className="text-xl font-bold"><span aria-hidden="true">🏆</span> Challenge</h2>
        <p className="text-lg">{SETUP_CHALLENGE.title}.</p>
        <p className="text-base text-muted">The simulator deploys the 💳 billing Pod in namespace payments with your ServiceAccount name, applies your inputs and checks: the flow succeeds, there is no security finding, and the role can read but not write table Users.</p>
        <button type="button" className="btn btn-secondary" onClick={() => void run("challenge")} disabled={busy !== null}>
          {busy === "challenge" ? "Checking…" : "Check my setup"}
        </button>
        {challenge?.challenge ? (
          <div className="space-y-2" data-testid="challenge-result">
            <p>{challenge.challenge.passed ? <Verdict tone="ok" word="Challenge passed" size="lg" /> : <Verdict tone="fail" word="Not yet" size="lg" />}</p>
            <ul className="space-y-2">
              {challenge.challenge.checks.map((c) => (
                <li key={c.label} className="text-base">
                  <Verdict tone={c.ok ? "ok" : "fail"} word={c.ok ? "Pass" : "Fail"} /> <strong>{c.label}</strong>
                  <p className="mt-1 [overflow-wrap:anywhere] text-muted">{c.detail}</p>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function ObjectCard({ emoji, kind, present, name, body }: { emoji: string; kind: string; present: boolean; name: string; body: unknown }) {
  return (
    <li className={`rounded-lg border-2 p-3 motion-safe:animate-[fadein_400ms_ease-out] ${present ? "border-ok bg-ok-bg" : "border-bad bg-bad-bg"}`}>
      <p className="font-bold"><span aria-hidden="true">{emoji}</span> {kind} {present ? <Verdict tone="ok" word="Created" /> : <Verdict tone="fail" word="Missing" />}</p>
      <p className="mt-1 font-mono text-xs break-all">{name}</p>
      {body ? (
        <details className="mt-1 text-sm">
          <summary className="min-h-12 cursor-pointer py-2 font-semibold">Show</summary>
          <pre className="font-mono text-xs whitespace-pre-wrap break-all">{pretty(body)}</pre>
        </details>
      ) : null}
    </li>
  );
}
