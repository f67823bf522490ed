"use client";

import { useEffect, useRef, useState } from "react";

/** A verdict as an icon AND a word AND a colour (never colour alone). */
export type Tone = "ok" | "fail" | "warn" | "skipped" | "pending";

const TONE: Record<Tone, { icon: string; className: string }> = {
  ok: { icon: "✓", className: "border-ok bg-ok-bg text-ok" },
  fail: { icon: "✗", className: "border-bad bg-bad-bg text-bad" },
  warn: { icon: "⚠", className: "border-amber-700 bg-warn-bg text-amber-900" },
  skipped: { icon: "–", className: "border-slate-400 bg-slate-100 text-muted" },
  pending: { icon: "…", className: "border-slate-400 bg-white text-muted" },
};

export function Verdict({ tone, word, size = "md" }: { tone: Tone; word: string; size?: "md" | "lg" }) {
  const t = TONE[tone];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border-2 font-bold ${size === "lg" ? "px-3 py-1 text-lg" : "px-2 py-0.5 text-sm"} ${t.className}`}>
      <span aria-hidden="true">{t.icon}</span>
      <span>{word}</span>
    </span>
  );
}

export const toneOfStatus = (s: string): Tone => (s === "ok" ? "ok" : s === "fail" ? "fail" : s === "warn" ? "warn" : s === "skipped" ? "skipped" : "pending");
export const wordOfStatus = (s: string): string => (s === "ok" ? "OK" : s === "fail" ? "Failed" : s === "warn" ? "Warning" : s === "skipped" ? "Skipped" : "Waiting");

export async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  const data = (await res.json()) as T & { error?: { message: string; issues?: { path: string; message: string }[] } };
  if (!res.ok) {
    const e = data.error;
    throw new Error(e ? `${e.message}${e.issues ? ` ${e.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : ""}` : `HTTP ${res.status}`);
  }
  return data;
}

/**
 * Ask the server for the simulator's verdict on `body`, debounced; the latest answer wins (older requests are aborted).
 */
export function useSimVerdict<T>(url: string, body: unknown, initial: T | null, delayMs = 200): { data: T | null; pending: boolean; error: string | null } {
  const [data, setData] = useState<T | null>(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(body);
  const first = useRef(initial !== null);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const ctrl = new AbortController();
    setPending(true);
    const timer = setTimeout(() => {
      postJson<T>(url, JSON.parse(key), ctrl.signal)
        .then((d) => {
          setData(d);
          setError(null);
          setPending(false);
        })
        .catch((e: unknown) => {
          if ((e as Error).name === "AbortError") return;
          setError((e as Error).message);
          setPending(false);
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [url, key, delayMs]);
  return { data, pending, error };
}

/** true when the user asked the OS for less motion. */
export function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReduced(mq.matches);
    const on = () => setReduced(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  return reduced;
}

export const pretty = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v, null, 2));
