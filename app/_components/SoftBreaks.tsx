import { Fragment, type ReactNode } from "react";

/** Runs of at least this many characters without a space are what can outgrow a 360 px phone's line. */
const LONG = 16;
/** Marks a break opportunity while the text is scanned; never rendered. */
const MARK = "\u0000";
/** A run of separators (ARN and key separators, path and env-name separators, `=`, `,`, `&`) followed by text. */
const AFTER_SEPARATORS = /([/:_.=,&]+)(?=[^\s/:_.=,&])/g;

export interface SoftBreakOptions {
  /**
   * Also break a long word between a lower-case letter and the capital after it (`AssumeRoleWith|WebIdentity`): for
   * short labels in narrow boxes (a step's title in a grid cell, a field's name). Prose leaves those words whole,
   * since a browser fills a line up to its last break opportunity and would split them even where a ':' would do.
   */
  camel?: boolean;
  /** Words shorter than this are left alone (default 16: what can outgrow a phone's line). */
  minLength?: number;
}

/**
 * `text` with `<wbr>` break opportunities inside its long identifiers (ARNs, issuer URLs,
 * `system:serviceaccount:payments:billing-svc`, env names such as AWS_STS_REGIONAL_ENDPOINTS=regional), after each
 * run of separators that text follows (so "https://" stays whole and breaks after its last slash, and a trailing "."
 * adds nothing). Nothing is hyphenated and the text itself (what is read and copied) is unchanged. A run with no
 * separator at all (a `kid`, a base64 blob) still wraps through the caller's or body's `overflow-wrap` (app/globals.css).
 *
 * @example <p>{softBreaks("Fix: set AWS_STS_REGIONAL_ENDPOINTS=regional")}</p>
 */
export function softBreaks(text: string | null | undefined, { camel = false, minLength = LONG }: SoftBreakOptions = {}): ReactNode {
  if (!text) return text ?? null;
  const marked = text
    .split(/(\s+)/)
    .map((word) => {
      if (word.length < minLength) return word;
      const separated = word.replace(AFTER_SEPARATORS, `$1${MARK}`);
      return camel && word.length >= LONG ? separated.replace(/([a-z])(?=[A-Z])/g, `$1${MARK}`) : separated;
    })
    .join("");
  const parts = marked.split(MARK);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/**
 * {@link softBreaks} as a component, for the projector's narrow boxes: every word may break at its separators,
 * whatever its length.
 *
 * @example <Breakable text="arn:aws:iam::111122223333:role/billing" /> // arn:|aws:|iam::|111122223333:|role/|billing
 */
export function Breakable({ text, camel = false }: { text: string; camel?: boolean }): ReactNode {
  return softBreaks(text, { camel, minLength: 1 });
}
