import { Fragment, type ReactNode } from "react";

/** Runs of at least this many characters without a space are what can outgrow a 360 px phone's line. */
const LONG = 16;
/** After these a long identifier may break: ARN and key separators, path and env-name separators, `=`, `,`, `&`. */
const AFTER = /([/:_.=,&])/;

/**
 * `text` with `<wbr>` break opportunities inside its long identifiers (ARNs, issuer URLs, env names such as
 * AWS_STS_REGIONAL_ENDPOINTS=regional), so they wrap at a separator instead of running out of their card on a
 * phone. Short words and prose are left alone, and the text itself is unchanged (copying it copies no extra
 * character). A run with no separator at all (a `kid`, a base64 blob) still wraps through body's
 * `overflow-wrap: break-word` (app/globals.css).
 *
 * @example <p>{softBreaks("Fix: set AWS_STS_REGIONAL_ENDPOINTS=regional")}</p>
 */
export function softBreaks(text: string | null | undefined): ReactNode {
  if (!text) return text ?? null;
  const words = text.split(/(\s+)/);
  if (!words.some((w) => w.length >= LONG)) return text;
  return words.map((word, i) => {
    if (word.length < LONG) return word;
    const parts = word.split(AFTER);
    const out: ReactNode[] = [];
    // split() with a capturing group alternates text and separator. Break after a separator that text follows
    // (so "https://" stays whole and breaks after its last slash, and a trailing "." adds nothing).
    for (let j = 0; j < parts.length; j++) {
      out.push(parts[j] ?? "");
      if (j % 2 === 1 && parts[j + 1]) out.push(<wbr key={j} />);
    }
    return <Fragment key={i}>{out}</Fragment>;
  });
}
