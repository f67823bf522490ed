import { expect, type Page } from "@playwright/test";

/**
 * "Nothing sticks out on a 360 px phone": every element box and every line of text must lie within the viewport's
 * width. `body` does not hide horizontal overflow, and even if it did this scan would still see the boxes, so a
 * long identifier that runs out of its card (and would be clipped or scroll the page sideways) fails here.
 *
 * Text cut short on purpose with an ellipsis (`truncate`) and screen-reader-only text are not "sticking out".
 * Content inside an intentionally horizontally-scrollable container (`overflow-x: auto | scroll`) is skipped, but
 * such a container, when it does overflow, must say so: the `scroll-x` class (edge shadows, app/globals.css), a
 * tab stop so a keyboard can scroll it, and an accessible name.
 */
export interface FitProblem {
  what: string;
  left: number;
  right: number;
  text: string;
}

export async function fitProblems(page: Page): Promise<FitProblem[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const problems: { what: string; left: number; right: number; text: string }[] = [];
    const scrollers = new Set<Element>();
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid");
      const cls = typeof el.className === "string" ? el.className.split(/\s+/).filter(Boolean).slice(0, 4).join(".") : "";
      return `${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ""}${cls ? `.${cls}` : ""}`;
    };
    /** The nearest horizontally-scrollable container among `el` and its ancestors (below body), if any. */
    const scrollerOf = (el: Element | null): Element | null => {
      for (let p = el; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll") return p;
      }
      return null;
    };
    /** Screen-reader-only text sits in a 1 px clipped box: it is never seen, wherever its lines fall. */
    const srOnly = (el: Element | null): boolean => {
      for (let p = el; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.position === "absolute" && cs.overflow === "hidden" && p.getBoundingClientRect().width <= 1) return true;
      }
      return false;
    };
    /** Inside a box that cuts its line short with an ellipsis on purpose (Tailwind's `truncate`). */
    const truncated = (el: Element | null): boolean => {
      for (let p = el; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.textOverflow === "ellipsis" && cs.overflowX !== "visible") return true;
      }
      return false;
    };
    const out = (r: DOMRect) => r.width > 0 && r.height > 0 && (r.right > vw + 0.5 || r.left < -0.5);

    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const scroller = scrollerOf(el.parentElement);
      if (scroller) {
        scrollers.add(scroller);
        continue;
      }
      const r = el.getBoundingClientRect();
      if (out(r) && !srOnly(el)) problems.push({ what: describe(el), left: Math.round(r.left), right: Math.round(r.right), text: (el.textContent ?? "").trim().slice(0, 80) });
    }
    // A word too long for its line overflows as text while its element's box stays put: measure the lines too.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || scrollerOf(parent) || srOnly(parent) || truncated(parent)) continue;
      range.selectNodeContents(node);
      const line = Array.from(range.getClientRects()).find(out);
      if (line) problems.push({ what: `text in ${describe(parent)}`, left: Math.round(line.left), right: Math.round(line.right), text: node.textContent.trim().slice(0, 80) });
    }
    for (const s of scrollers) {
      if (s.scrollWidth <= s.clientWidth + 1) continue;
      const named = s.getAttribute("aria-label") || s.getAttribute("aria-labelledby");
      if (!s.classList.contains("scroll-x") || s.getAttribute("tabindex") !== "0" || !named) {
        problems.push({ what: `scrollable ${describe(s)} is not visibly scrollable (needs .scroll-x, tabindex=0, a name)`, left: 0, right: s.scrollWidth, text: (s.textContent ?? "").trim().slice(0, 80) });
      }
    }
    if (document.documentElement.scrollWidth > vw) {
      problems.push({ what: "the page scrolls sideways", left: 0, right: document.documentElement.scrollWidth, text: "" });
    }
    return problems;
  });
}

/** Fails with the offending elements named, so the message says what to fix. */
export async function expectFits(page: Page, where: string): Promise<void> {
  const problems = await fitProblems(page);
  expect(problems, `${where}: ${JSON.stringify(problems.slice(0, 8), null, 1)}`).toEqual([]);
}

/**
 * The answer cards' "Answer" / "Correct answer" rows (app/host/sessions/[id]/report/AnswerList.tsx): for each, the
 * share of its list's width the value gets, and whether the label sits beside the value (wide screens) or above it.
 */
export async function answerRows(page: Page): Promise<{ label: string; share: number; beside: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("dl > dt"))
      .filter((dt) => ["Answer", "Correct answer"].includes(dt.textContent?.trim() ?? ""))
      .map((dt) => {
        const dd = dt.nextElementSibling!;
        const label = dt.getBoundingClientRect();
        const value = dd.getBoundingClientRect();
        return {
          label: dt.textContent!.trim(),
          share: value.width / dt.parentElement!.getBoundingClientRect().width,
          beside: value.left >= label.right && Math.abs(value.top - label.top) < 2,
        };
      }),
  );
}

/** On a phone the answers get (nearly) the card's whole width, their labels above them, not a narrow column. */
export async function expectAnswersFullWidth(page: Page, where: string): Promise<void> {
  const rows = await answerRows(page);
  expect(rows.length, `${where}: answer rows`).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r.share, `${where}: width share of the "${r.label}" value`).toBeGreaterThanOrEqual(0.9);
    expect(r.beside, `${where}: "${r.label}" sits above its value`).toBe(false);
  }
}
