"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CODE_STATUS_MESSAGE, lookupCode } from "@/app/_lib/code-status";
import { isPlausibleCode, normalizeCode } from "@/app/_lib/join-code";

/**
 * The home page's join box: a code, checked with the server before the nickname step at /join/CODE, so a mistyped
 * code or a session that has ended is said here, before the student picks a nickname.
 */
export function JoinCodeBox() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = normalizeCode(code);
    if (!isPlausibleCode(c)) {
      setError("A session code has 6 letters or digits, like K7QX2M.");
      return;
    }
    setChecking(true);
    const status = await lookupCode(c);
    setChecking(false);
    // Live, or the server could not say (offline, too many checks): go on, the join checks the code again.
    if (status === "unknown" || status === "ended") setError(CODE_STATUS_MESSAGE[status]);
    else router.push(`/join/${c}`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-3" aria-describedby={error ? "home-code-error" : undefined}>
      <label htmlFor="home-code" className="label text-xl">
        Session code
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="home-code"
          name="code"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
          className="field font-mono text-2xl tracking-[0.3em] uppercase"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          placeholder="K7QX2M"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "home-code-error" : undefined}
        />
        <button type="submit" className="btn btn-primary text-lg sm:w-40" disabled={checking}>
          {checking ? "Checking…" : "Join"}
        </button>
      </div>
      {error ? (
        <p id="home-code-error" role="alert" className="alert-error">
          <span aria-hidden="true">✗ </span>
          {error}
        </p>
      ) : null}
    </form>
  );
}
