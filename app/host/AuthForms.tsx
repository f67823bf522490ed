"use client";

import { useState, type FormEvent } from "react";
import type { InstructorDto } from "@/lib/contract";
import { apiFetch, unwrap } from "@/app/_lib/api";
import { ErrorAlert } from "@/app/_components/ErrorAlert";

/** Sign in / create an account (POST /api/auth/signin|signup); the server sets the HttpOnly session cookie. */
export function AuthForms({ onSignedIn }: { onSignedIn: (me: InstructorDto) => void }) {
  const [mode, setMode] = useState<"signin" | "signup">("signin");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body =
      mode === "signup"
        ? { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }
        : { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    if (mode === "signup" && body.password.length < 10) {
      setError("Choose a password of at least 10 characters.");
      return;
    }
    setBusy(true);
    setError(null);
    const r = await apiFetch<unknown>(`/api/auth/${mode}`, { method: "POST", body });
    setBusy(false);
    if (!r.ok) {
      const issues = r.error.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
      setError(
        r.error.code === "UNAUTHORIZED"
          ? "That email and password do not match an account."
          : r.error.code === "CONFLICT"
            ? "An account with that email already exists. Sign in instead."
            : issues
              ? `${r.error.message} (${issues})`
              : r.error.message,
      );
      return;
    }
    onSignedIn(unwrap<InstructorDto>(r.data, "instructor"));
  };

  return (
    <section aria-labelledby="auth-heading" className="mx-auto max-w-md space-y-4">
      <h1 id="auth-heading" className="text-3xl font-black">
        {mode === "signin" ? "Sign in to teach" : "Create an instructor account"}
      </h1>
      <form key={mode} onSubmit={(e) => void submit(e)} className="space-y-4">
        {mode === "signup" ? (
          <div>
            <label htmlFor="auth-name" className="label">
              Your name
            </label>
            <input id="auth-name" name="name" className="field" autoComplete="name" required maxLength={80} />
          </div>
        ) : null}
        <div>
          <label htmlFor="auth-email" className="label">
            Email
          </label>
          <input id="auth-email" name="email" type="email" className="field" autoComplete="email" required />
        </div>
        <div>
          <label htmlFor="auth-password" className="label">
            Password
          </label>
          <input
            id="auth-password"
            name="password"
            type="password"
            className="field"
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            required
            minLength={mode === "signup" ? 10 : 1}
            aria-describedby={mode === "signup" ? "auth-password-hint" : undefined}
          />
          {mode === "signup" ? (
            <p id="auth-password-hint" className="mt-1 text-sm text-muted">
              At least 10 characters.
            </p>
          ) : null}
        </div>
        <ErrorAlert message={error} />
        <button type="submit" className="btn btn-primary w-full" disabled={busy}>
          {mode === "signin" ? "Sign in" : "Create account"}
        </button>
      </form>
      <p className="text-base">
        {mode === "signin" ? "New here?" : "Already have an account?"}{" "}
        <button
          type="button"
          className="link min-h-12"
          onClick={() => {
            setMode(mode === "signin" ? "signup" : "signin");
            setError(null);
          }}
        >
          {mode === "signin" ? "Create an account" : "Sign in instead"}
        </button>
      </p>
    </section>
  );
}
