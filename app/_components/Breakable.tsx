import { Fragment, type ReactNode } from "react";

/** Marks a break opportunity; never appears in the rendered text. */
const MARK = "\u0000";

/**
 * Text whose long identifiers (ARNs, issuer URLs, `system:serviceaccount:payments:billing-svc`, condition keys) may
 * wrap only at sensible points: a `<wbr>` after each run of ':' '/' '.'. With `camel` (short labels in narrow boxes:
 * a step's title in a grid cell, a field's name), a word of 16 or more characters may also wrap between a lower-case
 * letter and the capital after it (`AssumeRoleWith|WebIdentity`); prose leaves those words whole, since a browser
 * fills a line up to its last break opportunity and would split them even where a ':' would do. Nothing is
 * hyphenated and the text itself (what is read and copied) is unchanged. The caller's `overflow-wrap` stays the last
 * resort for a run with no such point (a 32-character key id in a narrow column).
 *
 * @example <Breakable text="arn:aws:iam::111122223333:role/billing" /> // arn:|aws:|iam::|111122223333:|role/|billing
 */
export function Breakable({ text, camel = false }: { text: string; camel?: boolean }): ReactNode {
  let marked = text.replace(/([:/.]+)(?=[^\s:/.])/g, `$1${MARK}`);
  if (camel) marked = marked.replace(/\S{16,}/g, (word) => word.replace(/([a-z])(?=[A-Z])/g, `$1${MARK}`));
  const parts = marked.split(MARK);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
