import { loadParticipantForSession } from "@/app/_lib/token-store";

/**
 * The participant token this device holds for a session: app/_lib/token-store.ts keeps one per session id (which
 * a later session reusing the join code cannot overwrite), and falls back to the per-code entries for tokens saved
 * before that. The server verifies the token; the store only decodes its session id to pick the right one.
 */
export function findParticipantToken(sessionId: string): string | null {
  return loadParticipantForSession(sessionId)?.participantToken ?? null;
}
