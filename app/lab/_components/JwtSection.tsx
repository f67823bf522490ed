"use client";

import { useState } from "react";
import { CodeBlock } from "@/app/_components/CodeBlock";
import { softBreaks } from "@/app/_components/SoftBreaks";
import type { LabScenario } from "@/lib/lab/catalog";
import type { JwtResult } from "@/lib/lab/jwt";
import { PREDICT_CHALLENGES, type ClaimEdits, type JwtMode } from "@/lib/lab/jwt-fields";
import { Verdict, postJson, pretty, useSimVerdict } from "./ui";

/** The three parts of a compact JWT, coloured AND labelled (colour is never the only cue). */
function EncodedToken({ token }: { token: string }) {
  const [h = "", p = "", s = ""] = token.split(".");
  return (
    <figure className="rounded-lg border-2 border-slate-400 bg-slate-50 p-3">
      <figcaption className="mb-2 flex flex-wrap gap-2 text-sm font-semibold">
        <span className="rounded bg-[#a33a00] px-2 text-white">Header</span>
        <span className="rounded bg-[#6b2c91] px-2 text-white">Payload (claims)</span>
        <span className="rounded bg-[#1d3fbf] px-2 text-white">Signature</span>
      </figcaption>
      <p className="font-mono text-xs leading-relaxed break-all" data-testid="jwt-encoded">
        <span className="text-[#a33a00]" title="Header">{h}</span>.<span className="text-[#6b2c91]" title="Payload">{p}</span>.<span className="text-[#1d3fbf]" title="Signature">{s}</span>
      </p>
    </figure>
  );
}

const FIELDS: { key: keyof ClaimEdits; label: string }[] = [
  { key: "iss", label: "iss (issuer)" },
  { key: "sub", label: "sub (subject)" },
  { key: "aud", label: "aud (audience)" },
  { key: "namespace", label: "kubernetes.io → namespace" },
  { key: "exp", label: "exp (expires, epoch seconds)" },
];

/** Section 5: the projected token, decoded; edits re-run the trust policy and STS on the server (lib/sim). */
export function JwtSection({ scenario, initial }: { scenario: LabScenario; initial: JwtResult }) {
  const [edits, setEdits] = useState<ClaimEdits>(() => { const { iat: _iat, ...e } = initial.edits; return e; });
  const [mode, setMode] = useState<JwtMode>("resign");
  const { data, pending, error } = useSimVerdict<JwtResult>("/api/lab/jwt", { scenario: scenario.id, claims: edits, mode, reveal: true }, initial, 250);
  const r = data ?? initial;
  const v = r.verdict;
  return (
    <section className="space-y-6">
      <div className="grid [&>*]:min-w-0 gap-4 lg:grid-cols-2">
        <div className="card space-y-3">
          <h2 className="text-xl font-bold">Edit the claims</h2>
          {FIELDS.map((f) => (
            <div key={f.key}>
              <label htmlFor={`jwt-${f.key}`} className="label">{f.label}</label>
              <input
                id={`jwt-${f.key}`}
                className="field font-mono text-base"
                inputMode={f.key === "exp" ? "numeric" : undefined}
                value={String(edits[f.key])}
                onChange={(e) => setEdits({ ...edits, [f.key]: f.key === "exp" ? Number(e.target.value.replace(/\D/g, "") || 0) : e.target.value })}
                autoCapitalize="off" autoCorrect="off" spellCheck={false}
              />
            </div>
          ))}
          <fieldset className="min-w-0 space-y-1">
            <legend className="label">Who signs the edited token?</legend>
            <label className="flex min-h-12 items-center gap-3 text-base"><input type="radio" name="jwt-mode" className="h-5 w-5" checked={mode === "resign"} onChange={() => setMode("resign")} /> The cluster (as if the API server issued these claims)</label>
            <label className="flex min-h-12 items-center gap-3 text-base"><input type="radio" name="jwt-mode" className="h-5 w-5" checked={mode === "tamper"} onChange={() => setMode("tamper")} /> Nobody: I edited it by hand (old signature kept)</label>
          </fieldset>
          <button type="button" className="btn btn-secondary" onClick={() => { const { iat: _iat, ...e } = initial.edits; setEdits(e); setMode("resign"); }}>Reset to the real token</button>
        </div>
        <div className="space-y-3" aria-live="polite" aria-busy={pending}>
          {error ? <p role="alert" className="alert-error">✗ {error}</p> : null}
          <div className="card space-y-2" data-testid="jwt-trust">
            <h2 className="text-xl font-bold">Trust policy of {scenario.roleName}</h2>
            {v ? (
              <>
                <p>{v.trust.allowed ? <Verdict tone="ok" word="Match: the trust policy allows this token" size="lg" /> : <Verdict tone="fail" word="No match: the trust policy refuses this token" size="lg" />}</p>
                <ul className="space-y-1">
                  {v.trust.conditions.map((c) => (
                    <li key={c.operator + c.key} className="text-sm [overflow-wrap:anywhere]">
                      <Verdict tone={c.matched ? "ok" : "fail"} word={c.matched ? "Holds" : "Fails"} /> <code className="font-mono">{c.operator} {softBreaks(c.key)}</code> expects <code className="font-mono">{softBreaks(JSON.stringify(c.expected))}</code>, token has <code className="font-mono">{softBreaks(JSON.stringify(c.requestValue))}</code>
                    </li>
                  ))}
                </ul>
                <p className="text-base [overflow-wrap:anywhere]" data-testid="jwt-signature"><strong>Signature:</strong> {softBreaks(v.signature.text)}</p>
                <p className="text-base"><strong>What STS answers:</strong>{" "}
                  {v.sts.outcome === "success" ? <Verdict tone="ok" word="Credentials issued, the call works" /> : <Verdict tone="fail" word={`Fails at step ${v.sts.failedStep}`} />}
                </p>
                {v.sts.errorText ? <p className="alert-error font-mono text-sm [overflow-wrap:anywhere]" data-testid="jwt-sts-error">{softBreaks(v.sts.errorText)}</p> : null}
                <details><summary className="min-h-12 cursor-pointer py-2 font-semibold">Why</summary><p className="text-base">{softBreaks(v.sts.explanation)}</p></details>
              </>
            ) : null}
          </div>
        </div>
      </div>
      <div className="grid [&>*]:min-w-0 gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <h2 className="text-xl font-bold">Encoded</h2>
          <EncodedToken token={r.token} />
          <CodeBlock title="The token (copy)" content={r.token} language="text" />
        </div>
        <div className="space-y-2">
          <h2 className="text-xl font-bold">Decoded</h2>
          <CodeBlock title="Header" content={pretty(r.header)} language="json" />
          <CodeBlock title="Claims" content={pretty(r.claims)} language="json" />
        </div>
      </div>
      <PredictVerify scenario={scenario} base={initial.edits} />
    </section>
  );
}

/** Predict-then-verify: see the changed token, predict match / no match, then the server reveals the evaluation. */
function PredictVerify({ scenario, base }: { scenario: LabScenario; base: JwtResult["edits"] }) {
  const [challengeId, setChallengeId] = useState<string>(PREDICT_CHALLENGES[0]!.id);
  const [token, setToken] = useState<JwtResult | null>(null);
  const [guess, setGuess] = useState<"match" | "no-match" | null>(null);
  const [reveal, setReveal] = useState<JwtResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ch = PREDICT_CHALLENGES.find((c) => c.id === challengeId)!;
  const claims = ch.make(scenario, base);

  const show = async (id: string) => {
    setChallengeId(id);
    setGuess(null);
    setReveal(null);
    setError(null);
    const c = PREDICT_CHALLENGES.find((x) => x.id === id)!;
    try {
      setToken(await postJson<JwtResult>("/api/lab/jwt", { scenario: scenario.id, claims: c.make(scenario, base), mode: "resign", reveal: false }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const verify = async () => {
    try {
      setReveal(await postJson<JwtResult>("/api/lab/jwt", { scenario: scenario.id, claims, mode: "resign", reveal: true }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const actual = reveal?.verdict ? (reveal.verdict.trust.allowed ? "match" : "no-match") : null;
  return (
    <div className="card space-y-3 border-brand" data-testid="predict">
      <h2 className="text-xl font-bold"><span aria-hidden="true">🔮</span> Predict, then verify</h2>
      <div>
        <label htmlFor="predict-challenge" className="label">The change</label>
        <select id="predict-challenge" className="field" value={challengeId} onChange={(e) => void show(e.target.value)}>
          {PREDICT_CHALLENGES.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </select>
      </div>
      {!token ? <button type="button" className="btn btn-secondary" onClick={() => void show(challengeId)}>Show the changed token</button> : null}
      {error ? <p role="alert" className="alert-error">✗ {error}</p> : null}
      {token ? (
        <>
          <p className="text-base">The token now carries (re-signed by the cluster):</p>
          <CodeBlock title="Changed claims" language="json" content={pretty(Object.fromEntries(Object.entries(claims).map(([k, val]) => [k === "namespace" ? "kubernetes.io.namespace" : k, val])))} />
          <fieldset className="min-w-0 space-y-2" disabled={reveal !== null}>
            <legend className="label">Does the trust policy of {scenario.roleName} still match?</legend>
            <div className="grid [&>*]:min-w-0 gap-2 sm:grid-cols-2">
              {(["match", "no-match"] as const).map((g) => (
                <button key={g} type="button" aria-pressed={guess === g} onClick={() => setGuess(g)} className={`btn ${guess === g ? "btn-primary" : "btn-secondary"}`}>
                  {g === "match" ? "✓ It still matches" : "✗ No match"}
                </button>
              ))}
            </div>
          </fieldset>
          <button type="button" className="btn btn-primary" disabled={guess === null || reveal !== null} onClick={() => void verify()}>Reveal</button>
        </>
      ) : null}
      {reveal?.verdict && actual ? (
        <div aria-live="polite" className="space-y-2" data-testid="predict-result">
          <p>{guess === actual ? <Verdict tone="ok" word="You predicted right" size="lg" /> : <Verdict tone="fail" word="Not what happened" size="lg" />}</p>
          <p className="text-base">
            The simulator says: <strong>{actual === "match" ? "✓ match" : "✗ no match"}</strong>. {softBreaks(reveal.verdict.trust.reason)}.
          </p>
          <p className="text-base">And STS: {reveal.verdict.sts.outcome === "success" ? "✓ credentials issued." : softBreaks(`✗ ${reveal.verdict.sts.errorText ?? ""}`)}</p>
        </div>
      ) : null}
    </div>
  );
}
