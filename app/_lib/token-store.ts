/**
 * The participant token lives on the phone, one per session code, so a refresh or a phone that slept rejoins
 * the same participant. localStorage can throw (private mode, storage full): then we simply cannot remember.
 */
const key = (code: string) => `irsa-classroom:participant:${code.toUpperCase()}`;

export interface StoredParticipant {
  participantToken: string;
  nickname: string;
}

export function saveParticipant(code: string, value: StoredParticipant): void {
  try {
    localStorage.setItem(key(code), JSON.stringify(value));
  } catch {
    /* storage unavailable: the session still works until the page is closed */
  }
}

export function loadParticipant(code: string): StoredParticipant | null {
  try {
    const raw = localStorage.getItem(key(code));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredParticipant>;
    return typeof parsed.participantToken === "string"
      ? { participantToken: parsed.participantToken, nickname: String(parsed.nickname ?? "") }
      : null;
  } catch {
    return null;
  }
}

export function forgetParticipant(code: string): void {
  try {
    localStorage.removeItem(key(code));
  } catch {
    /* nothing to forget */
  }
}

/**
 * The session id inside a participant token (its `sid` claim), decoded without verifying: only to pick or link the
 * right session on this device — the server verifies the token whenever it is used.
 */
export function sessionIdOfToken(token: string): string | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) return null;
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const claims = JSON.parse(json) as { sid?: unknown };
    return typeof claims.sid === "string" ? claims.sid : null;
  } catch {
    return null;
  }
}
