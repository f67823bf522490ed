import { sessionIdOfToken } from "@/app/_lib/token-store";

/**
 * Finds the participant token this device holds for a session. app/_lib/token-store.ts keeps one per join CODE
 * under `irsa-classroom:participant:<CODE>` (a code is reused after a session ends, so the session id inside the
 * token is what identifies it). The store has no lookup by session, so this reads the same keys; the token's
 * claims are only decoded here to pick the right one — the server verifies it.
 */
const PREFIX = "irsa-classroom:participant:";

export function findParticipantToken(sessionId: string): string | null {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const raw = localStorage.getItem(key);
      if (!raw) continue;
      const token = (JSON.parse(raw) as { participantToken?: unknown }).participantToken;
      if (typeof token === "string" && sessionIdOfToken(token) === sessionId) return token;
    }
  } catch {
    /* storage unavailable */
  }
  return null;
}
