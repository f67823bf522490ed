"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CODE_STATUS_MESSAGE, lookupCode, type CodeStatus } from "@/app/_lib/code-status";
import { friendlyError } from "@/app/_lib/errors";
import { isPlausibleCode, normalizeCode } from "@/app/_lib/join-code";
import { NICKNAME_MAX, nicknameLength, suggestNickname } from "@/app/_lib/nickname";
import { connectSocket, request } from "@/app/_lib/socket";
import { loadParticipant, saveParticipant, sessionIdOfToken, type StoredParticipant } from "@/app/_lib/token-store";
import { ErrorAlert } from "./ErrorAlert";

type FieldErrors = { code?: string; nickname?: string };

/** What the server said about the code in the field (GET /api/codes/CODE); a result for another code is stale. */
type Checked = { code: string; status: CodeStatus | "checking" };

const TOO_MANY = `Nicknames have at most ${NICKNAME_MAX} characters.`;

/**
 * Code + nickname. The code is checked as soon as it is complete (prefilled from the QR code or the home page, or
 * typed here), so a wrong code or a session that has ended is said before the student picks a nickname; the
 * nickname step only shows for a code that may lead to a live session. The nickname counts characters as the
 * server does (app/_lib/nickname.ts) and turns to an error past 20, before anything is sent.
 * Joining happens over the socket (`session:join`); the participant token that comes back is kept on this phone
 * (per session code and per session id: app/_lib/token-store.ts), and the phone goes on to /play/CODE.
 */
export function JoinForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<StoredParticipant | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const nicknameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const normalized = normalizeCode(code);
  const plausible = isPlausibleCode(normalized);
  const status = checked?.code === normalized ? checked.status : null;
  // A code that leads nowhere: no nickname step until it is corrected.
  const dead = status === "unknown" || status === "ended";

  useEffect(() => {
    if (initialCode && isPlausibleCode(normalizeCode(initialCode))) setExisting(loadParticipant(normalizeCode(initialCode)));
  }, [initialCode]);

  useEffect(() => {
    if (!plausible) return;
    let current = true;
    // A prefilled code is checked at once; a typed one once the typing pauses.
    const timer = setTimeout(
      () => {
        setChecked({ code: normalized, status: "checking" });
        void lookupCode(normalized).then((s) => {
          // The server could not say (offline, too many checks): no verdict, the join will check again.
          if (current) setChecked(s ? { code: normalized, status: s } : null);
        });
      },
      normalized === normalizeCode(initialCode) ? 0 : 300,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [normalized, plausible, initialCode]);

  const length = nicknameLength(nickname);
  const nicknameError = fieldErrors.nickname ?? (length.tooLong ? tooLongMessage(length.count) : undefined);
  // This device's own place in a session that has ended: its results are still here to see.
  const endedResults = status === "ended" ? loadParticipant(normalized) : null;
  const endedSessionId = endedResults ? sessionIdOfToken(endedResults.participantToken) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const c = normalizeCode(code);
    const nick = nickname.trim();
    const errors: FieldErrors = {};
    if (!isPlausibleCode(c)) errors.code = "A session code has 6 letters or digits, like K7QX2M.";
    if (nicknameLength(nick).count < 1) errors.nickname = "Pick a nickname (or tap “Suggest a name”).";
    else if (nicknameLength(nick).tooLong) errors.nickname = tooLongMessage(nicknameLength(nick).count);
    setFieldErrors(errors);
    if (errors.code) return codeRef.current?.focus();
    if (errors.nickname) return nicknameRef.current?.focus();

    setBusy(true);
    const socket = connectSocket();
    const r = await request(socket, "session:join", { code: c, nickname: nick });
    socket.disconnect();
    if (!r.ok) {
      setBusy(false);
      const message = friendlyError(r.error);
      if (r.error.code === "NICKNAME_TAKEN" || (r.error.code === "INVALID_PAYLOAD" && r.error.issues?.some((i) => i.path.includes("nickname")))) {
        setFieldErrors({ nickname: message });
        nicknameRef.current?.focus();
      } else if (r.error.code === "NOT_FOUND") {
        // The session ended (or the code was never live) since the check: say which.
        const now = await lookupCode(c);
        if (now === "ended" || now === "unknown") setChecked({ code: c, status: now });
        else setFieldErrors({ code: CODE_STATUS_MESSAGE.unknown });
        codeRef.current?.focus();
      } else {
        setFormError(message);
      }
      return;
    }
    saveParticipant(c, { participantToken: r.data.participantToken, nickname: r.data.view.me.nickname });
    router.push(`/play/${c}`);
  };

  const codeMessage = fieldErrors.code ?? (dead ? CODE_STATUS_MESSAGE[status] : undefined);
  return (
    <div className="space-y-4">
      {existing && !dead ? (
        <div className="card space-y-2 border-brand">
          <p className="text-lg">
            You already joined this session on this device as <strong>{existing.nickname}</strong>.
          </p>
          <Link href={`/play/${normalizeCode(initialCode)}`} className="btn btn-primary w-full">
            Continue as {existing.nickname}
          </Link>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-5">
        <div>
          <label htmlFor="join-code" className="label">
            Session code
          </label>
          <input
            ref={codeRef}
            id="join-code"
            name="code"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setFieldErrors((f) => ({ ...f, code: undefined }));
            }}
            className="field font-mono text-2xl tracking-[0.3em] uppercase"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            placeholder="K7QX2M"
            aria-invalid={codeMessage ? true : undefined}
            aria-describedby="join-code-status"
          />
          <div id="join-code-status" aria-live="polite">
            {codeMessage ? (
              <p className="mt-1 font-semibold text-bad" data-testid="join-code-error">
                <span aria-hidden="true">✗ </span>
                {codeMessage}
              </p>
            ) : status === "live" ? (
              <p className="mt-1 font-semibold text-ok">
                <span aria-hidden="true">✓ </span>Session found
              </p>
            ) : status === "checking" ? (
              <p className="mt-1 text-muted">Checking the code…</p>
            ) : null}
          </div>
          {status === "ended" && !fieldErrors.code ? (
            endedSessionId ? (
              <Link href={`/me/${encodeURIComponent(endedSessionId)}`} className="btn btn-primary mt-3 w-full text-lg">
                See your answers and explanations
              </Link>
            ) : (
              <p className="mt-1 text-base text-muted">Ask your instructor for the code of the new session.</p>
            )
          ) : null}
        </div>
        {dead ? null : (
          <>
            <div>
              <label htmlFor="join-nickname" className="label">
                Nickname
              </label>
              <div className="flex flex-col gap-2 sm:flex-row">
                <input
                  ref={nicknameRef}
                  id="join-nickname"
                  name="nickname"
                  value={nickname}
                  onChange={(e) => {
                    setNickname(e.target.value);
                    setFieldErrors((f) => ({ ...f, nickname: undefined }));
                  }}
                  className="field text-xl"
                  autoComplete="nickname"
                  // The payload's cap (lib/contract joinSessionSchema), far above any valid nickname: the rule itself
                  // (20 characters as the server counts them) is the live counter's, which never cuts an emoji in half.
                  maxLength={200}
                  aria-invalid={nicknameError ? true : undefined}
                  aria-describedby="join-nickname-hint join-nickname-count join-nickname-error"
                />
                <button
                  type="button"
                  className="btn btn-secondary shrink-0"
                  onClick={() => {
                    setNickname(suggestNickname());
                    setFieldErrors((f) => ({ ...f, nickname: undefined }));
                  }}
                >
                  <span aria-hidden="true">🎲</span> Suggest a name
                </button>
              </div>
              <div className="mt-1 flex items-start justify-between gap-3">
                <p id="join-nickname-hint" className="text-sm text-muted">
                  1–{NICKNAME_MAX} characters. Everyone in the room sees it.
                </p>
                <p
                  id="join-nickname-count"
                  data-testid="nickname-count"
                  className={`shrink-0 font-mono text-sm tabular-nums ${length.tooLong ? "font-bold text-bad" : "text-muted"}`}
                >
                  <span className="sr-only">Characters used: </span>
                  {length.tooLong ? <span aria-hidden="true">✗ </span> : null}
                  {length.count}/{NICKNAME_MAX}
                </p>
              </div>
              <div id="join-nickname-error" aria-live="polite">
                {nicknameError ? (
                  <p className="mt-1 font-semibold text-bad">
                    <span aria-hidden="true">✗ </span>
                    {nicknameError}
                  </p>
                ) : null}
              </div>
            </div>
            <ErrorAlert message={formError} />
            <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy}>
              {busy ? "Joining…" : "Join session"}
            </button>
          </>
        )}
      </form>
    </div>
  );
}

/** Over 20 as counted, or (rarely) within 20 but over the server's code-unit cap: emoji built of many parts. */
function tooLongMessage(count: number): string {
  return count > NICKNAME_MAX ? TOO_MANY : "That is too long once its emoji are counted in parts. Use fewer emoji.";
}
