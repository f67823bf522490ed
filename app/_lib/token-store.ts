/**
 * The participant token lives on the phone, so a refresh or a phone that slept rejoins the same participant, and
 * /me/<sessionId> finds the student's results after class. It is kept twice:
 * - per join CODE (`irsa-classroom:participant:<CODE>`), for the live rejoin at /play/CODE. A code is reused once
 *   its session has ended, so joining a later session with the same code replaces this entry;
 * - per SESSION id (`irsa-classroom:participant-session:<id>`, the id is the token's `sid` claim), which nothing
 *   overwrites, so an earlier session's results stay reachable from this phone.
 * The functions taking a `store` are pure over a Storage-like object (tests/unit/app/token-store.test.ts); the
 * others use localStorage, which can throw (private mode, storage full): then we simply cannot remember.
 */
const CODE_PREFIX = "irsa-classroom:participant:";
const SESSION_PREFIX = "irsa-classroom:participant-session:";
const codeKey = (code: string) => `${CODE_PREFIX}${code.toUpperCase()}`;
const sessionKey = (sessionId: string) => `${SESSION_PREFIX}${sessionId}`;

export interface StoredParticipant {
  participantToken: string;
  nickname: string;
}

/** The part of the Web Storage API the store needs; `key`/`length` only for finding tokens saved per code alone. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key?(index: number): string | null;
  readonly length?: number;
}

function parse(raw: string | null): StoredParticipant | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredParticipant> | null;
    return parsed && typeof parsed.participantToken === "string"
      ? { participantToken: parsed.participantToken, nickname: String(parsed.nickname ?? "") }
      : null;
  } catch {
    return null;
  }
}

export function saveParticipantIn(store: KeyValueStore, code: string, value: StoredParticipant): void {
  const json = JSON.stringify({ participantToken: value.participantToken, nickname: value.nickname });
  const sid = sessionIdOfToken(value.participantToken);
  // The session entry first: it is the one nothing else can replace.
  if (sid) store.setItem(sessionKey(sid), json);
  store.setItem(codeKey(code), json);
}

export function loadParticipantFrom(store: KeyValueStore, code: string): StoredParticipant | null {
  return parse(store.getItem(codeKey(code)));
}

/**
 * The participant of one session on this device: its own entry first, then (for tokens saved before the
 * per-session entry existed) any per-code entry whose token carries that session id.
 */
export function loadParticipantForSessionFrom(store: KeyValueStore, sessionId: string): StoredParticipant | null {
  const own = parse(store.getItem(sessionKey(sessionId)));
  if (own && sessionIdOfToken(own.participantToken) === sessionId) return own;
  if (typeof store.key !== "function" || typeof store.length !== "number") return null;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(CODE_PREFIX)) continue;
    const p = parse(store.getItem(key));
    if (p && sessionIdOfToken(p.participantToken) === sessionId) return p;
  }
  return null;
}

/**
 * Forgets the live entry for a code (the server refused its token: removed, or the session is gone), and the
 * per-session entry of that same token, which could not open results either.
 */
export function forgetParticipantIn(store: KeyValueStore, code: string): void {
  const p = parse(store.getItem(codeKey(code)));
  store.removeItem(codeKey(code));
  const sid = p ? sessionIdOfToken(p.participantToken) : null;
  if (sid && parse(store.getItem(sessionKey(sid)))?.participantToken === p?.participantToken) store.removeItem(sessionKey(sid));
}

/** localStorage, or null where it cannot even be reached. */
function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function safely<T>(fallback: T, run: (store: KeyValueStore) => T): T {
  const store = browserStore();
  if (!store) return fallback;
  try {
    return run(store);
  } catch {
    return fallback;
  }
}

export function saveParticipant(code: string, value: StoredParticipant): void {
  safely(undefined, (s) => saveParticipantIn(s, code, value));
}

export function loadParticipant(code: string): StoredParticipant | null {
  return safely(null, (s) => loadParticipantFrom(s, code));
}

export function loadParticipantForSession(sessionId: string): StoredParticipant | null {
  return safely(null, (s) => loadParticipantForSessionFrom(s, sessionId));
}

export function forgetParticipant(code: string): void {
  safely(undefined, (s) => forgetParticipantIn(s, code));
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
