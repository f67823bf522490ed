"use client";

import { useEffect, useState, type Dispatch, type SetStateAction } from "react";
import { apiFetch } from "./api";

/** A page's one GET: loading, then the server's error (with its HTTP status) or the data. */
export type ApiLoad<T> = { state: "loading" } | { state: "error"; message: string; status: number } | { state: "ready"; data: T };

/**
 * GET `path` once per path with {@link apiFetch}; the setter lets the page edit what it loaded (e.g. drop a deleted row).
 * @example const [load] = useApiLoad<{ report: ReportDto }>(`/api/reports/${id}`); // load.state === "ready" → load.data.report
 */
export function useApiLoad<T>(path: string): [ApiLoad<T>, Dispatch<SetStateAction<ApiLoad<T>>>] {
  const [load, setLoad] = useState<ApiLoad<T>>({ state: "loading" });
  useEffect(() => {
    void apiFetch<T>(path).then((r) =>
      setLoad(r.ok ? { state: "ready", data: r.data } : { state: "error", message: r.error.message, status: r.status }),
    );
  }, [path]);
  return [load, setLoad];
}
