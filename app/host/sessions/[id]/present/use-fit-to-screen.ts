"use client";

import { useEffect, useLayoutEffect, type RefObject } from "react";

/** The smallest share of the projector's type size the fit may go down to (a safety net, not the layout). */
export const MIN_FIT = 0.8;
const STEP = 0.05;

/**
 * The projector never scrolls. Its layouts are sized (in rem: see `html:has([data-projector])` in globals.css) to
 * fit a 16:9 screen for every activity of the bank; when something longer comes along (an authored scenario, a
 * class of 200 in the lobby), this shrinks the root font size — everything is in rem, so type, spacing and
 * boxes shrink together — by steps of 5 % until the page fits, down to {@link MIN_FIT}. The factor is the CSS
 * variable `--projector-fit` on <html> and `data-fit` on the observed element (the e2e test reads it).
 *
 * It refits synchronously when `key` changes (a new phase: no frame with a scroll bar) and on the next frame when
 * the element's size or the window's changes (live counts, a late image).
 */
export function useFitToScreen(ref: RefObject<HTMLElement | null>, key: string): void {
  useLayoutEffect(() => {
    const stage = ref.current;
    if (!stage) return;
    const root = document.documentElement;
    const overflows = () => root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth;
    const fit = () => {
      let f = 1;
      root.style.setProperty("--projector-fit", "1");
      while (f > MIN_FIT && overflows()) {
        f = Math.max(MIN_FIT, Math.round((f - STEP) * 100) / 100);
        root.style.setProperty("--projector-fit", String(f));
      }
      stage.dataset.fit = String(f);
    };
    fit();
    // Refit after layout, never inside the observer's callback (resizing there would loop).
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    const observer = new ResizeObserver(later);
    observer.observe(stage);
    window.addEventListener("resize", later);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("resize", later);
    };
  }, [ref, key]);
  useEffect(
    () => () => {
      document.documentElement.style.removeProperty("--projector-fit");
    },
    [],
  );
}
