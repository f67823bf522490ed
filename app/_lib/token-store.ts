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
