import type { ConnectionState } from "@/app/_lib/use-participant-session";

/** Tells people the app is healing a dropped connection by itself, so they do not reload in panic. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  return (
    <div role="status" aria-live="polite">
      {state === "reconnecting" ? (
        <p className="border-b-2 border-ink bg-warn-bg px-4 py-2 text-center font-semibold text-ink">
          <span aria-hidden="true">⟳ </span>Reconnecting… your answers and score are safe.
        </p>
      ) : state === "connecting" ? (
        <p className="px-4 py-2 text-center text-muted">Connecting…</p>
      ) : null}
    </div>
  );
}
