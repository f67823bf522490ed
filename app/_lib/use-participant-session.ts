"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { applyMeUpdate, applyPhaseUpdate, type Ack, type Answer, type AppError, type ParticipantView, type PhaseUpdate } from "@/lib/contract";
import { holdCutoff, holdFailure, holdUntilConnected, type Hold } from "./offline-hold";
import { connectSocket, request, syncClock, type ClassroomSocket } from "./socket";
import { forgetParticipant, loadParticipant, sessionIdOfToken } from "./token-store";

export type ConnectionState = "connecting" | "connected" | "reconnecting";

/** Why the phone cannot (or can no longer) take part; each gets its own message and way out. */
export type ParticipantBlock =
  | { kind: "no-token" }
  | { kind: "kicked"; message: string }
  /** sessionId: the session this device's (kept) token belongs to, for the link to /me/<sessionId>. */
  | { kind: "ended"; message: string; sessionId?: string }
  | { kind: "invalid"; message: string };

export interface ParticipantSession {
  view: ParticipantView | null;
  connection: ConnectionState;
  block: ParticipantBlock | null;
  /** Add to Date.now() to get the server's clock. */
  offsetMs: number;
  submit(activityIndex: number, answer: Answer): Promise<Ack<{ acceptedAt: number }>>;
}

/** Errors after which the stored token is useless: forget it, so /join starts clean. */
function blockFor(error: AppError): ParticipantBlock | null {
  switch (error.code) {
    case "KICKED":
      return { kind: "kicked", message: error.message };
    case "SESSION_ENDED":
      return { kind: "ended", message: error.message };
    case "UNAUTHORIZED":
    case "NOT_FOUND":
    case "FORBIDDEN":
      return { kind: "invalid", message: error.message };
    default:
      return null;
  }
}

/**
 * The phone's live connection: rejoins with the stored participant token, re-syncs after every reconnect,
 * estimates the clock offset, and keeps only the newest view (by server time) when messages cross.
 */
export function useParticipantSession(code: string): ParticipantSession {
  const [view, setView] = useState<ParticipantView | null>(null);
  const viewRef = useRef<ParticipantView | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [block, setBlock] = useState<ParticipantBlock | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  /** The offset as submit reads it (a callback made once, so not from the state). */
  const offsetRef = useRef(0);
  /** Answers held while offline; the cleanup ends them, so no submit promise is left hanging. */
  const holds = useRef(new Set<Hold>());
  const socketRef = useRef<ClassroomSocket | null>(null);
  const lastServerNow = useRef(0);
  const clockSynced = useRef(false);

  useEffect(() => {
    const stored = loadParticipant(code);
    if (!stored) {
      setBlock({ kind: "no-token" });
      return;
    }
    const socket = connectSocket({ participantToken: stored.participantToken });
    socketRef.current = socket;
    let disposed = false;

    const accept = (v: ParticipantView) => {
      if (v.serverNow < lastServerNow.current) return;
      lastServerNow.current = v.serverNow;
      if (!clockSynced.current) {
        offsetRef.current = v.serverNow - Date.now();
        setOffsetMs(offsetRef.current);
      }
      viewRef.current = v;
      setView(v);
    };
    // The shared broadcast carries no personal part; it only makes sense on top of a whole view.
    const acceptUpdate = (u: PhaseUpdate) => {
      if (viewRef.current) accept(applyPhaseUpdate(viewRef.current, u));
    };
    const stop = (b: ParticipantBlock) => {
      // An ended session keeps the token: it is how /me/<sessionId> finds this student's results later.
      if (b.kind !== "ended") forgetParticipant(code);
      setBlock(b.kind === "ended" ? { ...b, sessionId: sessionIdOfToken(stored.participantToken) ?? undefined } : b);
      socket.disconnect();
    };

    socket.on("connect", () => {
      setConnection("connected");
      void (async () => {
        const r = await request(socket, "session:sync", {});
        if (disposed) return;
        if (r.ok) accept(r.data);
        else {
          const b = blockFor(r.error);
          if (b) stop(b);
        }
        const estimate = await syncClock(socket);
        if (!disposed && estimate) {
          clockSynced.current = true;
          offsetRef.current = estimate.offsetMs;
          setOffsetMs(estimate.offsetMs);
        }
      })();
    });
    socket.on("session:view", accept);
    socket.on("session:phase", acceptUpdate);
    // The personal part comes just before the shared one at a reveal, a leaderboard and the end.
    socket.on("session:me", (u) => {
      if (viewRef.current) accept(applyMeUpdate(viewRef.current, u));
    });
    socket.on("session:kicked", (info) => stop({ kind: "kicked", message: info.message }));
    socket.on("disconnect", (reason) => {
      if (disposed) return;
      // "io server disconnect": the server closed us on purpose and socket.io will not retry by itself.
      if (reason === "io server disconnect") socket.connect();
      setConnection("reconnecting");
    });
    socket.on("connect_error", (err: Error & { data?: { code?: string; message?: string } }) => {
      if (disposed) return;
      const code = err.data?.code;
      const b = code ? blockFor({ code: code as AppError["code"], message: err.data?.message ?? err.message }) : null;
      // A middleware refusal stops socket.io's retries (socket.active is false): show why instead of spinning.
      if (b && !socket.active) stop(b);
      else if (!socket.active) stop({ kind: "invalid", message: err.message });
      else setConnection("reconnecting");
    });

    const held = holds.current;
    return () => {
      disposed = true;
      // Before removeAllListeners, which would drop a hold's connect listener and leave its submit unsettled.
      held.forEach((h) => h.cancel());
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [code]);

  const submit = useCallback(async (activityIndex: number, answer: Answer) => {
    const socket = socketRef.current;
    if (!socket) {
      return { ok: false as const, error: { code: "INTERNAL" as const, message: "Not connected." } };
    }
    // Offline: hold the answer until the connection is back (offline-hold.ts says why and how it ends), at most
    // until the server stops taking answers for this question.
    if (!socket.connected) {
      const phase = viewRef.current?.phase;
      const cutoff = phase?.type === "question" && phase.activityIndex === activityIndex ? holdCutoff(phase.deadline, offsetRef.current) : null;
      const hold = holdUntilConnected(socket, cutoff);
      holds.current.add(hold);
      const outcome = await hold.outcome;
      holds.current.delete(hold);
      if (outcome !== "connected") return { ok: false as const, error: holdFailure(outcome) };
    }
    return request(socket, "answer:submit", { activityIndex, answer });
  }, []);

  return { view, connection, block, offsetMs, submit };
}
