import type { EvidencePanel } from "@/lib/contract";
import { CodeBlock } from "./CodeBlock";

/** Evidence as collapsible panels (native <details>: keyboard and screen-reader friendly for free). */
export function EvidencePanels({ panels, openFirst = true }: { panels: EvidencePanel[]; openFirst?: boolean }) {
  if (panels.length === 0) return null;
  return (
    <div className="space-y-2">
      {panels.map((p, i) => (
        <details key={p.id} open={openFirst && i === 0} className="group rounded-lg border-2 border-slate-300 bg-white">
          <summary className="flex min-h-12 cursor-pointer items-center gap-2 px-3 py-2 text-base font-semibold text-ink">
            <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90 motion-reduce:transition-none">
              ▶
            </span>
            {p.title}
          </summary>
          <div className="px-2 pb-2">
            <CodeBlock content={p.content} title={p.title} language={p.language} />
          </div>
        </details>
      ))}
    </div>
  );
}
