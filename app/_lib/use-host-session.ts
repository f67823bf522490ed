"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Ack, AppError, HostCommand, HostView } from "@/lib/contract";
import { connectSocket, request, syncClock, type ClassroomSocket } from "./socket";
import type { ConnectionState } from "./use-participant-session";

export interface HostSession {
  view: HostView | null;
  connection: ConnectionState;
  /** A refusal that prevents watching at all (not signed in, not your session, no such session). */
  fatal: AppError | null;
  offsetMs: number;
  command(command: HostCommand): Promise<Ack<HostView>>;
}

/** The instructor's live connection (console and projector): `host:watch`, `host:view`, `host:command`. */
export function useHostSession(sessionId: string): HostSession {
  const [view, setView] = useState<HostView | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [fatal, setFatal] = useState<AppError | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const socketRef = useRef<ClassroomSocket | null>(null);
  const lastServerNow = useRef(0);
  const clockSynced = useRef(false);

  const accept = useCallback((v: HostView) => {
    if (v.serverNow < lastServerNow.current) return;
    lastServerNow.current = v.serverNow;
    if (!clockSynced.current) setOffsetMs(v.serverNow - Date.now());
    setView(v);
  }, []);

  useEffect(() => {
    const socket = connectSocket();
    socketRef.current = socket;
    let disposed = false;
    socket.on("connect", () => {
      setConnection("connected");
      void (async () => {
        const r = await request(socket, "host:watch", { sessionId });
        if (disposed) return;
        if (r.ok) accept(r.data);
        else if (["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(r.error.code)) setFatal(r.error);
        const estimate = await syncClock(socket);
        if (!disposed && estimate) {
          clockSynced.current = true;
          setOffsetMs(estimate.offsetMs);
        }
      })();
    });
    socket.on("host:view", accept);
    socket.on("disconnect", (reason) => {
      if (disposed) return;
      if (reason === "io server disconnect") socket.connect();
      setConnection("reconnecting");
    });
    socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      if (disposed) return;
      if (!socket.active) setFatal({ code: (err.data?.code as AppError["code"]) ?? "UNAUTHORIZED", message: err.message });
      else setConnection("reconnecting");
    });
    return () => {
      disposed = true;
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [sessionId, accept]);

  const command = useCallback(
    async (cmd: HostCommand): Promise<Ack<HostView>> => {
      const socket = socketRef.current;
      if (!socket) return { ok: false, error: { code: "INTERNAL", message: "Not connected." } };
      const r = await request(socket, "host:command", { sessionId, command: cmd });
      if (r.ok) accept(r.data);
      return r;
    },
    [sessionId, accept],
  );

  return { view, connection, fatal, offsetMs, command };
}
