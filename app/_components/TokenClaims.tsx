import type { ActivityPrompt } from "@/lib/contract";
import { CodeBlock } from "./CodeBlock";
import { softBreaks } from "./SoftBreaks";

type JwtPrompt = Extract<ActivityPrompt, { kind: "jwt-predict" }>;

/**
 * jwt-predict on the phone: the edited token's claims, the thing the question asks about ("Does the trust policy
 * still match the token?"). One line per claim, the edited ones marked with an icon and a word (never colour
 * alone) and listed first, so a student at the back of the room can answer from the phone without reading the
 * projector. The whole claims set is in a copyable block under it.
 */
export function TokenClaims({ prompt }: { prompt: JwtPrompt }) {
  const edited = new Set(prompt.edited);
  const entries = Object.entries(prompt.token.claims).sort(([a], [b]) => Number(edited.has(b)) - Number(edited.has(a)));
  return (
    <section aria-labelledby="token-claims-heading" className="card min-w-0 space-y-2 border-ink" data-testid="token-claims">
      <h2 id="token-claims-heading" className="text-lg font-bold">
        The token&apos;s claims{prompt.edited.length ? <> · edited: <span className="font-mono">{prompt.edited.join(", ")}</span></> : null}
      </h2>
      <ul className="space-y-1 font-mono text-sm leading-relaxed" aria-label="Token claims">
        {entries.map(([name, value]) => {
          const isEdited = edited.has(name);
          return (
            <li
              key={name}
              data-claim={name}
              data-edited={isEdited ? "true" : undefined}
              className={`[overflow-wrap:anywhere] ${isEdited ? "rounded-lg border-2 border-ink bg-warn-bg px-2 py-1 text-base font-bold" : "px-2 text-muted"}`}
            >
              &quot;{name}&quot;: {softBreaks(JSON.stringify(value), { minLength: 1 })}
              {isEdited ? (
                <span className="ml-2 font-sans font-black whitespace-nowrap text-ink">
                  <span aria-hidden="true">✎ </span>edited
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <details className="rounded-lg border-2 border-slate-300 bg-white">
        <summary className="flex min-h-12 cursor-pointer items-center px-3 py-2 text-base font-semibold">The decoded token (header and claims)</summary>
        <div className="px-2 pb-2">
          <CodeBlock content={JSON.stringify({ header: prompt.token.header, claims: prompt.token.claims }, null, 2)} title="Decoded token" language="json" />
        </div>
      </details>
    </section>
  );
}
