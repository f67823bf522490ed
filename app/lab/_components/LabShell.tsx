import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { LAB_SCENARIOS, SCENARIO_IDS, type LabScenario } from "@/lib/lab/catalog";
import { LAB_SECTIONS, sectionHref, type LabSectionSlug } from "@/lib/lab/sections";

/**
 * The frame of every lab page: the scenario picker (plain links, so it works without JavaScript and the
 * choice lives in the URL), the section's title, the content, and previous/next navigation.
 */
export function LabShell({ scenario, current, children }: { scenario: LabScenario; current: LabSectionSlug | null; children: ReactNode }) {
  const index = current ? LAB_SECTIONS.findIndex((s) => s.slug === current) : -1;
  const section = index >= 0 ? LAB_SECTIONS[index] : undefined;
  const prev = index > 0 ? LAB_SECTIONS[index - 1] : undefined;
  const next = index >= 0 && index < LAB_SECTIONS.length - 1 ? LAB_SECTIONS[index + 1] : undefined;
  const hrefFor = (id: string) => (current ? (current === "reference" ? `/reference?scenario=${id}` : `/lab/${current}?scenario=${id}`) : `/lab?scenario=${id}`);
  return (
    <>
      <SiteHeader
        right={
          <nav aria-label="Lab" className="flex flex-wrap gap-x-4">
            <Link href={`/lab?scenario=${scenario.id}`} className="link flex min-h-12 items-center">All sections</Link>
            <Link href={`/reference?scenario=${scenario.id}`} className="link flex min-h-12 items-center">Reference</Link>
          </nav>
        }
      />
      <div className="border-b-2 border-slate-300 bg-slate-50 print:hidden">
        <div className="mx-auto max-w-5xl px-4 py-3">
          <p id="scenario-picker-label" className="text-sm font-bold uppercase tracking-wide text-muted">Story used in every section</p>
          <ul aria-labelledby="scenario-picker-label" className="mt-1 grid gap-2 sm:grid-cols-3">
            {SCENARIO_IDS.map((id) => {
              const s = LAB_SCENARIOS[id];
              const on = id === scenario.id;
              return (
                <li key={id}>
                  <Link
                    href={hrefFor(id)}
                    aria-current={on ? "true" : undefined}
                    className={`flex min-h-12 items-center gap-2 rounded-lg border-2 px-3 py-2 text-base font-semibold ${on ? "border-brand bg-brand text-white" : "border-ink bg-white text-ink hover:bg-slate-100"}`}
                  >
                    <span aria-hidden="true">{s.emoji}</span>
                    <span className="min-w-0 flex-1">{s.label}</span>
                    {on ? <span className="text-sm">✓ <span className="sr-only">selected</span></span> : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-6">
        {section ? (
          <header className="space-y-1">
            <p className="text-sm font-bold uppercase tracking-wide text-muted">Section {section.n} of 7</p>
            <h1 className="text-3xl font-black leading-tight">
              <span aria-hidden="true">{section.emoji}</span> {section.title}
            </h1>
            <p className="text-lg text-muted">{scenario.story}</p>
          </header>
        ) : null}
        {children}
        {section ? (
          <nav aria-label="Previous and next section" className="flex flex-wrap justify-between gap-3 border-t-2 border-slate-300 pt-4 print:hidden">
            {prev ? (
              <Link href={sectionHref(prev.slug, scenario.id)} className="btn btn-secondary" rel="prev">
                ← {prev.n}. {prev.title}
              </Link>
            ) : <span />}
            {next ? (
              <Link href={sectionHref(next.slug, scenario.id)} className="btn btn-primary" rel="next">
                {next.n}. {next.title} →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </main>
    </>
  );
}
