"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { ActivityKind, ActivityPrompt, CustomScenarioDto, DeckDto } from "@/lib/contract";
import type { CatalogEntry } from "@/lib/activities/types";
import { AnswerForm } from "@/app/_components/AnswerForm";
import { PromptView } from "@/app/_components/PromptView";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { apiFetch, unwrap } from "@/app/_lib/api";
import { DEFAULT_TIME_SEC } from "@/app/_lib/kinds";
import { ACTIVITY_KIND_LABELS } from "@/lib/contract";
import { ScenarioAuthoring } from "./ScenarioAuthoring";

/** A custom scenario as a bank entry, so the builder offers both the same way. */
export function customEntry(s: CustomScenarioDto): CatalogEntry {
  return { scenarioId: s.scenarioId, kinds: s.kinds, title: `✎ ${s.title}`, failingStep: s.failingStep, summary: `Your scenario “${s.name}”.` };
}

interface Row {
  key: string;
  kind: ActivityKind;
  scenarioId: string;
  config: Record<string, unknown>;
  timeLimitSec: number;
  pointsMultiplier: 0 | 1 | 2;
  title: string;
}

let rowSeq = 0;
const newKey = () => `row-${++rowSeq}`;

export function DeckBuilder({ deckId }: { deckId: string }) {
  const router = useRouter();
  const [deck, setDeck] = useState<DeckDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [bank, setBank] = useState<CatalogEntry[] | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [rows, setRows] = useState<Row[]>([]);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** What the server holds (as loaded or last saved), to tell unsaved edits from saved ones. */
  const [saved, setSaved] = useState<string | null>(null);
  const snapshot = (t: string, d: string, rs: Row[]) =>
    JSON.stringify({ t, d, a: rs.map(({ kind, scenarioId, config, timeLimitSec, pointsMultiplier }) => ({ kind, scenarioId, config, timeLimitSec, pointsMultiplier })) });

  useEffect(() => {
    void (async () => {
      const [d, b, c] = await Promise.all([apiFetch<unknown>(`/api/decks/${deckId}`), apiFetch<unknown>("/api/bank"), apiFetch<unknown>("/api/scenarios")]);
      if (!d.ok) {
        setLoadError(d.error.code === "UNAUTHORIZED" ? "Sign in to see this deck." : d.error.message);
        return;
      }
      const dto = unwrap<DeckDto>(d.data, "deck");
      setDeck(dto);
      setTitle(dto.title);
      setDescription(dto.description);
      const loaded = [...dto.activities]
          .sort((a, b) => a.position - b.position)
          .map((a) => ({
            key: newKey(),
            kind: a.kind,
            scenarioId: a.scenarioId,
            config: a.config,
            timeLimitSec: a.timeLimitSec,
            pointsMultiplier: a.pointsMultiplier,
            title: a.title,
          }));
      setRows(loaded);
      setSaved(snapshot(dto.title, dto.description, loaded));
      // The scenario bank is optional: without it the instructor types a scenario id.
      if (b.ok) {
        const list = unwrap<CatalogEntry[]>(b.data, "entries");
        const custom = c.ok ? unwrap<CustomScenarioDto[]>(c.data, "scenarios") : [];
        setBank(Array.isArray(list) ? [...(Array.isArray(custom) ? custom.map(customEntry) : []), ...list] : null);
      }
    })();
  }, [deckId]);

  const readOnly = deck?.ownerId === null;
  const dirty = !readOnly && saved !== null && snapshot(title, description, rows) !== saved;

  // Closing the tab or reloading with unsaved edits: the browser asks first (nothing is lost by a stray click).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  const leaveGuard = (e: React.MouseEvent) => {
    if (dirty && !window.confirm("This deck has unsaved changes. Leave without saving them?")) e.preventDefault();
  };

  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const j = i + by;
      if (j < 0 || j >= rs.length) return rs;
      const next = [...rs];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const save = async () => {
    setBusy(true);
    setStatus(null);
    const sent = snapshot(title, description, rows);
    const body = {
      title,
      description,
      activities: rows.map(({ kind, scenarioId, config, timeLimitSec, pointsMultiplier }) => ({ kind, scenarioId, config, timeLimitSec, pointsMultiplier })),
    };
    const r = await apiFetch<unknown>(`/api/decks/${deckId}`, { method: "PUT", body });
    setBusy(false);
    if (!r.ok) {
      const issues = r.error.issues?.map((x) => `${x.path}: ${x.message}`).join("; ");
      setStatus({ kind: "error", text: issues ? `${r.error.message} — ${issues}` : r.error.message });
      return;
    }
    setSaved(sent);
    setStatus({ kind: "ok", text: `Saved at ${new Date().toLocaleTimeString()}.` });
  };

  const copy = async () => {
    const r = await apiFetch<unknown>(`/api/decks/${deckId}/copy`, { method: "POST" });
    if (!r.ok) return setStatus({ kind: "error", text: r.error.message });
    router.push(`/host/decks/${unwrap<DeckDto>(r.data, "deck").id}`);
  };

  const remove = async () => {
    const r = await apiFetch<unknown>(`/api/decks/${deckId}`, { method: "DELETE" });
    setConfirmDelete(false);
    if (!r.ok) return setStatus({ kind: "error", text: r.error.message });
    setSaved(null);
    router.push("/host");
  };

  return (
    <>
      <SiteHeader
        right={
          <Link href="/host" className="link min-h-12 content-center" onClick={leaveGuard}>
            ← Decks and sessions
          </Link>
        }
      />
      <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-6">
        {loadError ? (
          <p role="alert" className="alert-error">
            {loadError}
          </p>
        ) : !deck ? (
          <p className="text-lg text-muted">Loading the deck…</p>
        ) : (
          <>
            <h1 className="text-3xl font-black">{readOnly ? deck.title : "Edit deck"}</h1>
            {readOnly ? (
              <div className="card space-y-2 border-brand">
                <p className="text-lg">This is the shared demo deck, so it is read-only. Copy it to change it.</p>
                <button type="button" className="btn btn-primary" onClick={() => void copy()}>
                  Copy this deck
                </button>
              </div>
            ) : null}
            <div className="space-y-4">
              <div>
                <label htmlFor="deck-title" className="label">
                  Title
                </label>
                <input id="deck-title" className="field" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} readOnly={readOnly} />
              </div>
              <div>
                <label htmlFor="deck-description" className="label">
                  Description
                </label>
                <textarea
                  id="deck-description"
                  className="field min-h-24"
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                  maxLength={1000}
                  readOnly={readOnly}
                />
              </div>
            </div>
            <section aria-labelledby="acts-heading" className="space-y-3">
              <h2 id="acts-heading" className="text-2xl font-bold">
                Activities ({rows.length})
              </h2>
              {rows.length === 0 ? <p className="text-muted">No activities yet. Add one from the scenario bank below.</p> : null}
              <ol className="space-y-3">
                {rows.map((r, i) => (
                  <li key={r.key}>
                    <ActivityEditor
                      row={r}
                      index={i}
                      count={rows.length}
                      bank={bank}
                      readOnly={readOnly}
                      onChange={(patch) => update(i, patch)}
                      onMove={(by) => move(i, by)}
                      onRemove={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                    />
                  </li>
                ))}
              </ol>
              {!readOnly ? <AddActivity bank={bank} onAdd={(row) => setRows((rs) => [...rs, row])} /> : null}
            </section>
            {!readOnly ? <ScenarioAuthoring onSaved={(s) => setBank((b) => [customEntry(s), ...(b ?? []).filter((e) => e.scenarioId !== s.scenarioId)])} /> : null}
            {!readOnly ? (
              <div className="flex flex-wrap items-center gap-3 border-t-2 border-slate-300 pt-4">
                <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
                  {busy ? "Saving…" : "Save deck"}
                </button>
                {dirty ? (
                  <p className="font-semibold text-bad" data-testid="deck-unsaved">
                    <span aria-hidden="true">● </span>Unsaved changes
                  </p>
                ) : null}
                <button type="button" className="btn btn-danger ml-auto" aria-expanded={confirmDelete} onClick={() => setConfirmDelete(true)}>
                  Delete deck
                </button>
              </div>
            ) : null}
            {!readOnly && confirmDelete ? (
              <div role="alertdialog" aria-labelledby="confirm-delete-deck" className="alert-error space-y-2">
                <p id="confirm-delete-deck">Delete the deck “{deck.title}” and its {rows.length} activities? This cannot be undone.</p>
                <div className="flex flex-wrap gap-2">
                  <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                    Delete for good
                  </button>
                  <button type="button" className="btn btn-secondary" autoFocus onClick={() => setConfirmDelete(false)}>
                    Keep it
                  </button>
                </div>
              </div>
            ) : null}
            <div role="status" aria-live="polite">
              {status ? (
                <p className={status.kind === "ok" ? "font-semibold text-ok" : "alert-error"}>
                  <span aria-hidden="true">{status.kind === "ok" ? "✓ " : "✗ "}</span>
                  {status.text}
                </p>
              ) : null}
            </div>
          </>
        )}
      </main>
    </>
  );
}

function ActivityEditor({
  row,
  index,
  count,
  bank,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  row: Row;
  index: number;
  count: number;
  bank: CatalogEntry[] | null;
  readOnly: boolean;
  onChange: (patch: Partial<Row>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const entry = bank?.find((b) => b.scenarioId === row.scenarioId);
  const kinds: ActivityKind[] = entry?.kinds ?? [row.kind];
  const name = `activity ${index + 1}`;
  return (
    <article className="card space-y-3" aria-label={`Activity ${index + 1}: ${row.title || row.scenarioId}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="text-lg font-bold break-words">
          <span className="font-mono">{index + 1}.</span> {row.title || entry?.title || row.scenarioId}
        </h3>
        {!readOnly ? (
          <div className="flex gap-2">
            <button type="button" className="btn btn-secondary" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${name} up`}>
              ↑
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${name} down`}>
              ↓
            </button>
            <button type="button" className="btn btn-danger" onClick={onRemove} aria-label={`Remove ${name}`}>
              Remove
            </button>
          </div>
        ) : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor={`${id}-scenario`}>
            Scenario
          </label>
          <input id={`${id}-scenario`} className="field font-mono text-base" value={row.scenarioId} readOnly={readOnly} onChange={(e) => onChange({ scenarioId: e.target.value, title: "" })} />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select id={`${id}-kind`} className="field text-base" value={row.kind} disabled={readOnly} onChange={(e) => onChange({ kind: e.target.value as ActivityKind })}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {ACTIVITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-time`}>
            Time limit (seconds)
          </label>
          <TimeLimitInput id={`${id}-time`} value={row.timeLimitSec} readOnly={readOnly} onChange={(timeLimitSec) => onChange({ timeLimitSec })} />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-points`}>
            Points
          </label>
          <select
            id={`${id}-points`}
            className="field text-base"
            value={row.pointsMultiplier}
            disabled={readOnly}
            onChange={(e) => onChange({ pointsMultiplier: Number(e.target.value) as 0 | 1 | 2 })}
          >
            <option value={0}>No points (warm-up)</option>
            <option value={1}>Standard</option>
            <option value={2}>Double points</option>
          </select>
        </div>
      </div>
      <Preview scenarioId={row.scenarioId} kind={row.kind} label={`activity ${index + 1}`} />
    </article>
  );
}

const TIME_MIN = 5;
const TIME_MAX = 600;

/**
 * The time limit as the instructor types it: the text is kept as typed, and only a whole number within 5–600 is
 * taken; anything else is brought into range when the field is left. Clamping every keystroke turned "120" into
 * 520 (its first "1" became 5) and an emptied field into 30, so the next digits were appended to that.
 */
function TimeLimitInput({ id, value, readOnly, onChange }: { id: string; value: number; readOnly: boolean; onChange: (sec: number) => void }) {
  const [text, setText] = useState(String(value));
  const focused = useRef(false);
  // A value changed from elsewhere (a load, a kind change) shows, unless the instructor is typing in the field.
  useEffect(() => {
    if (!focused.current) setText(String(value));
  }, [value]);
  const n = Number(text);
  const valid = text.trim() !== "" && Number.isInteger(n) && n >= TIME_MIN && n <= TIME_MAX;
  return (
    <>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={TIME_MIN}
        max={TIME_MAX}
        step={5}
        className="field text-base"
        value={text}
        readOnly={readOnly}
        aria-invalid={valid ? undefined : true}
        aria-describedby={`${id}-hint`}
        onFocus={() => (focused.current = true)}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isInteger(v) && v >= TIME_MIN && v <= TIME_MAX) onChange(v);
        }}
        onBlur={() => {
          focused.current = false;
          const v = Number(text);
          const sec = text.trim() === "" || !Number.isFinite(v) ? value : Math.max(TIME_MIN, Math.min(TIME_MAX, Math.round(v)));
          setText(String(sec));
          onChange(sec);
        }}
      />
      <p id={`${id}-hint`} className={`mt-1 text-sm ${valid ? "text-muted" : "font-semibold text-bad"}`}>
        {valid ? null : <span aria-hidden="true">✗ </span>}
        {TIME_MIN}–{TIME_MAX} seconds
      </p>
    </>
  );
}

function AddActivity({ bank, onAdd }: { bank: CatalogEntry[] | null; onAdd: (row: Row) => void }) {
  const [scenarioId, setScenarioId] = useState("");
  const [kind, setKind] = useState<ActivityKind | "">("");
  const [error, setError] = useState<string | null>(null);
  const entry = bank?.find((b) => b.scenarioId === scenarioId);
  const kinds = entry?.kinds ?? [];
  const chosenKind: ActivityKind = kind && kinds.includes(kind) ? kind : (kinds[0] ?? "pitfall");
  const add = () => {
    const id = scenarioId.trim();
    if (!id) return setError(bank ? "Pick a scenario first." : "Type a scenario id first.");
    setError(null);
    onAdd({
      key: newKey(),
      kind: chosenKind,
      scenarioId: id,
      config: {},
      timeLimitSec: DEFAULT_TIME_SEC[chosenKind],
      pointsMultiplier: 1,
      title: entry?.title ?? id,
    });
    setScenarioId("");
    setKind("");
  };
  return (
    <div className="card space-y-2 border-dashed">
      <label htmlFor="add-scenario" className="label">
        {bank ? "Add a scenario from the bank" : "Add a scenario by id"}
      </label>
      {bank ? null : <p className="text-sm text-muted">The scenario bank is not available on this server yet, so type the scenario id.</p>}
      <div className="flex flex-col gap-2 sm:flex-row">
        {bank ? (
          <select id="add-scenario" className="field text-base" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
            <option value="">— choose a scenario —</option>
            {groupEntries(bank).map(([group, entries]) => (
              <optgroup key={group} label={group}>
                {entries.map((b) => (
                  <option key={b.scenarioId} value={b.scenarioId}>
                    {b.title}
                    {b.failingStep ? ` (fails at step ${b.failingStep})` : ""}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        ) : (
          <input id="add-scenario" className="field font-mono text-base" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} />
        )}
        <button type="button" className="btn btn-primary shrink-0" onClick={add}>
          Add activity
        </button>
      </div>
      {entry ? <p className="text-sm text-muted">{entry.summary}</p> : null}
      {entry ? (
        <div>
          <label htmlFor="add-kind" className="label">
            Play it as
          </label>
          <select id="add-kind" className="field text-base" value={chosenKind} onChange={(e) => setKind(e.target.value as ActivityKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {ACTIVITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="font-semibold text-bad">
          <span aria-hidden="true">✗ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The bank grouped for the picker: your scenarios, pitfalls, JWT, setup, node role. */
function groupEntries(bank: CatalogEntry[]): [string, CatalogEntry[]][] {
  const groupOf = (id: string) =>
    id.startsWith("custom:") ? "Your scenarios" : id.startsWith("jwt/") ? "JWT predict-then-verify" : id.startsWith("setup/") ? "Setup challenges" : id.startsWith("node-role/") ? "Node role before/after" : "Pitfalls and token flows";
  const groups = new Map<string, CatalogEntry[]>();
  for (const e of bank) groups.set(groupOf(e.scenarioId), [...(groups.get(groupOf(e.scenarioId)) ?? []), e]);
  return [...groups.entries()];
}

/** "Preview": the activity exactly as a phone shows it while it is open (the prompt only, never the answer). */
function Preview({ scenarioId, kind, label }: { scenarioId: string; kind: ActivityKind; label: string }) {
  const [state, setState] = useState<{ for: string; prompt: ActivityPrompt | null; error: string | null } | null>(null);
  const key = `${kind}|${scenarioId}`;
  const open = state !== null && state.for === key;
  const load = async () => {
    if (open) return setState(null);
    setState({ for: key, prompt: null, error: null });
    const r = await apiFetch<{ prompt: ActivityPrompt }>(`/api/bank/preview?scenarioId=${encodeURIComponent(scenarioId)}&kind=${encodeURIComponent(kind)}`);
    setState({ for: key, prompt: r.ok ? r.data.prompt : null, error: r.ok ? null : r.error.message });
  };
  return (
    <div className="space-y-2">
      <button type="button" className="btn btn-secondary" aria-expanded={open} onClick={() => void load()}>
        {open ? "Hide preview" : "Preview"}
        <span className="sr-only"> {label}</span>
      </button>
      {open ? (
        <section aria-label={`Phone preview of ${label}`} className="mx-auto w-full max-w-[360px] space-y-3 rounded-2xl border-4 border-ink p-3">
          {state.error ? (
            <p role="alert" className="alert-error">
              <span aria-hidden="true">✗ </span>
              {state.error}
            </p>
          ) : !state.prompt ? (
            <p className="text-muted">Loading the preview…</p>
          ) : (
            <>
              <p className="text-sm font-semibold text-muted">Phone preview</p>
              <h4 className="text-xl font-black break-words">{state.prompt.title}</h4>
              <PromptView prompt={state.prompt} />
              <AnswerForm prompt={state.prompt} busy send={() => undefined} onInvalid={() => undefined} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
