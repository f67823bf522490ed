"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { friendlyError } from "@/app/_lib/errors";
import { isPlausibleCode, normalizeCode } from "@/app/_lib/join-code";
import { suggestNickname } from "@/app/_lib/nickname";
import { connectSocket, request } from "@/app/_lib/socket";
import { loadParticipant, saveParticipant, type StoredParticipant } from "@/app/_lib/token-store";
import { ErrorAlert } from "./ErrorAlert";

/** Visible characters (code points), the unit of the 1–20 nickname rule. */
const visibleLength = (s: string) => [...s.trim()].length;

type FieldErrors = { code?: string; nickname?: string };

/**
 * Code + nickname. Joining happens over the socket (`session:join`); the participant token that comes back is
 * kept on this phone (per session code and per session id: app/_lib/token-store.ts), and the phone goes on to /play/CODE.
 */
export function JoinForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<StoredParticipant | null>(null);
  const nicknameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (initialCode && isPlausibleCode(normalizeCode(initialCode))) setExisting(loadParticipant(normalizeCode(initialCode)));
  }, [initialCode]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const c = normalizeCode(code);
    const nick = nickname.trim();
    const errors: FieldErrors = {};
    if (!isPlausibleCode(c)) errors.code = "A session code has 6 letters or digits, like K7QX2M.";
    if (visibleLength(nick) < 1) errors.nickname = "Pick a nickname (or tap “Suggest a name”).";
    else if (visibleLength(nick) > 20) errors.nickname = "Nicknames have at most 20 characters.";
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
        setFieldErrors({ code: message });
        codeRef.current?.focus();
      } else {
        setFormError(message);
      }
      return;
    }
    saveParticipant(c, { participantToken: r.data.participantToken, nickname: r.data.view.me.nickname });
    router.push(`/play/${c}`);
  };

  return (
    <div className="space-y-4">
      {existing ? (
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
            onChange={(e) => setCode(e.target.value)}
            className="field font-mono text-2xl tracking-[0.3em] uppercase"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            placeholder="K7QX2M"
            aria-invalid={fieldErrors.code ? true : undefined}
            aria-describedby={fieldErrors.code ? "join-code-error" : undefined}
          />
          {fieldErrors.code ? (
            <p id="join-code-error" className="mt-1 font-semibold text-bad">
              <span aria-hidden="true">✗ </span>
              {fieldErrors.code}
            </p>
          ) : null}
        </div>
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
              onChange={(e) => setNickname(e.target.value)}
              className="field text-xl"
              autoComplete="nickname"
              maxLength={40}
              aria-invalid={fieldErrors.nickname ? true : undefined}
              aria-describedby={`join-nickname-hint${fieldErrors.nickname ? " join-nickname-error" : ""}`}
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
          <p id="join-nickname-hint" className="mt-1 text-sm text-muted">
            1–20 characters. Everyone in the room sees it.
          </p>
          {fieldErrors.nickname ? (
            <p id="join-nickname-error" className="mt-1 font-semibold text-bad">
              <span aria-hidden="true">✗ </span>
              {fieldErrors.nickname}
            </p>
          ) : null}
        </div>
        <ErrorAlert message={formError} />
        <button type="submit" className="btn btn-primary w-full text-xl" disabled={busy}>
          {busy ? "Joining…" : "Join session"}
        </button>
      </form>
    </div>
  );
}
