"use client";

import { useId, useState } from "react";
import { MAX_SCENARIO_YAML_CHARS, type AppError, type CustomScenarioDto } from "@/lib/contract";
import { apiFetch } from "@/app/_lib/api";
import { ACTIVITY_KIND_LABELS } from "@/lib/contract";

/**
 * Author a scenario: paste or upload the YAML (the bank's format: Scenario documents plus one kind: Pitfall, or the
 * broken world alone for a chain fix), the server runs it through the simulator, and either lists what is wrong next
 * to the editor or saves it and offers it in the picker above as "✎ <title>", with the kinds it can be played as.
 */
export function ScenarioAuthoring({ onSaved }: { onSaved: (s: CustomScenarioDto) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [yaml, setYaml] = useState("");
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<CustomScenarioDto | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_SCENARIO_YAML_CHARS) {
      setProblems({ code: "INVALID_PAYLOAD", message: `That file is too large (at most ${MAX_SCENARIO_YAML_CHARS / 1000} KB).` });
      return;
    }
    setYaml(await file.text());
    if (!name) setName(file.name.replace(/\.ya?ml$/i, ""));
    setProblems(null);
  };

  const submit = async () => {
    setBusy(true);
    setProblems(null);
    setSaved(null);
    const r = await apiFetch<{ scenario: CustomScenarioDto }>("/api/scenarios", { method: "POST", body: { name: name.trim() || undefined, yaml } });
    setBusy(false);
    if (!r.ok) return setProblems(r.error);
    setSaved(r.data.scenario);
    onSaved(r.data.scenario);
  };

  return (
    <section aria-labelledby={`${id}-h`} className="card space-y-3">
      <h2 id={`${id}-h`} className="text-2xl font-bold">
        Author a scenario
      </h2>
      <p className="text-base text-muted">
        Paste or upload a scenario in the bank&apos;s YAML format (the broken world, then one <span className="font-mono">kind: Pitfall</span> document with four
        choices and their fixes). The simulator checks that exactly one choice fixes the flow before it is accepted.
      </p>
      <p className="text-base text-muted">
        For a “{ACTIVITY_KIND_LABELS["chain-fix"]}” activity the broken world alone is enough: students edit its OIDC provider, trust policy, ServiceAccount and
        Pod, and the simulator runs their version. It is accepted when its break lies in that chain.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-name`} className="label">
            Name (optional)
          </label>
          <input id={`${id}-name`} className="field text-base" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-file`} className="label">
            Upload a .yaml file
          </label>
          <input id={`${id}-file`} type="file" accept=".yaml,.yml,text/yaml,text/plain" className="field text-base" onChange={(e) => void readFile(e.target.files?.[0])} />
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-yaml`} className="label">
          Scenario YAML
        </label>
        <textarea
          id={`${id}-yaml`}
          className="field min-h-64 font-mono text-sm"
          value={yaml}
          spellCheck={false}
          maxLength={MAX_SCENARIO_YAML_CHARS}
          aria-describedby={problems ? `${id}-problems` : undefined}
          aria-invalid={problems ? true : undefined}
          onChange={(e) => setYaml(e.target.value)}
        />
        <p className="text-sm text-muted">
          {yaml.length.toLocaleString()} / {MAX_SCENARIO_YAML_CHARS.toLocaleString()} characters
        </p>
      </div>
      <button type="button" className="btn btn-primary" disabled={busy || yaml.trim() === ""} onClick={() => void submit()}>
        {busy ? "Checking with the simulator…" : "Validate and save"}
      </button>
      <div aria-live="polite">
        {problems ? (
          <div id={`${id}-problems`} role="alert" className="alert-error space-y-1">
            <p className="font-bold">
              <span aria-hidden="true">✗ </span>
              {problems.message}
            </p>
            {problems.issues && problems.issues.length > 0 ? (
              <ul className="list-disc space-y-1 pl-5 font-mono text-sm break-words">
                {problems.issues.map((i, k) => (
                  <li key={k}>{i.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {saved ? (
          <div className="card space-y-1 border-ok bg-ok-bg">
            <p className="font-bold">
              <span aria-hidden="true">✓ </span>Saved “{saved.title}”. It is now in the scenario picker above.
            </p>
            <p className="text-sm">
              {saved.failingStep ? `Fails at step ${saved.failingStep} (${saved.errorCode}). ` : ""}Playable as: {saved.kinds.map((k) => ACTIVITY_KIND_LABELS[k]).join("; ")}.
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
