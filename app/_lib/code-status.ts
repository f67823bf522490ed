import { apiFetch } from "./api";

/** What GET /api/codes/CODE says about a join code (app/api/codes/[code]/route.ts). */
export type CodeStatus = "live" | "ended" | "unknown";

/** What the student reads for each, the same on the home page and the join form. */
export const CODE_STATUS_MESSAGE = {
  unknown: "No live session has this code. Check it on the classroom screen.",
  ended: "This session has ended.",
} as const;

/**
 * Ask the server whether a (plausible, normalised) code leads to a live session. null when it could not say (offline,
 * rate-limited, a server error): the caller then lets the join itself decide, which checks again.
 */
export async function lookupCode(code: string): Promise<CodeStatus | null> {
  const r = await apiFetch<{ status?: unknown }>(`/api/codes/${encodeURIComponent(code)}`);
  const status = r.ok ? r.data.status : null;
  return status === "live" || status === "ended" || status === "unknown" ? status : null;
}
