"use client";

import { useEffect, useRef } from "react";

/**
 * Move keyboard and screen-reader focus to a heading when `key` changes (a new phase): the user lands on
 * what is new instead of a button that vanished. The heading needs tabIndex={-1}.
 */
export function useFocusOnChange<T extends HTMLElement>(key: string) {
  const ref = useRef<T | null>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [key]);
  return ref;
}
