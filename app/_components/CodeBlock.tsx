"use client";

import { useState } from "react";

/**
 * Monospace block for kubectl output, YAML, JSON and tokens: long lines wrap (phones never scroll sideways)
 * and a copy button puts the exact text on the clipboard.
 */
export function CodeBlock({ content, title, language }: { content: string; title?: string; language?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(content);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2000);
  };
  return (
    <figure className="min-w-0 overflow-hidden rounded-lg border-2 border-slate-400 bg-slate-50">
      <figcaption className="flex items-center justify-between gap-2 border-b-2 border-slate-300 bg-slate-100 px-3 py-1">
        <span className="min-w-0 truncate text-sm font-semibold text-muted">
          {title ?? ""}
          {language && language !== "text" ? <span className="ml-2 font-mono text-xs uppercase">{language}</span> : null}
        </span>
        <button
          type="button"
          onClick={() => void copy()}
          className="min-h-12 min-w-12 shrink-0 rounded-md px-3 text-sm font-semibold text-brand underline-offset-4 hover:underline"
          aria-label={title ? `Copy ${title}` : "Copy code"}
        >
          {copied === "done" ? "✓ Copied" : copied === "failed" ? "✗ Copy failed" : "Copy"}
        </button>
      </figcaption>
      <pre className="overflow-x-hidden p-3 font-mono text-sm leading-relaxed whitespace-pre-wrap break-words [overflow-wrap:anywhere] text-ink">
        <code>{content}</code>
      </pre>
    </figure>
  );
}
