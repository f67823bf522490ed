"use client";

import { useEffect, useState } from "react";

/** Date.now(), refreshed every `intervalMs` while `active` (a countdown needs no more than 4 Hz). */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return now;
}
