"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isPlausibleCode, normalizeCode } from "@/app/_lib/join-code";

/** The home page's join box: a code, then the nickname step at /join/CODE. */
export function JoinCodeBox() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = normalizeCode(code);
    if (!isPlausibleCode(c)) {
      setError("A session code has 6 letters or digits, like K7QX2M.");
      return;
    }
    router.push(`/join/${c}`);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-describedby={error ? "home-code-error" : undefined}>
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
        <button type="submit" className="btn btn-primary text-lg sm:w-40">
          Join
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
