import Link from "next/link";
import type { Metadata } from "next";
import { LabShell } from "./_components/LabShell";
import { scenarioFromParam } from "@/lib/lab/catalog";
import { LAB_SECTIONS, sectionHref } from "@/lib/lab/sections";

export const metadata: Metadata = { title: "The IRSA lab · IRSA Classroom" };

export default async function LabIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scenario = scenarioFromParam((await searchParams).scenario);
  return (
    <LabShell scenario={scenario} current={null}>
      <header className="space-y-2">
        <h1 className="text-3xl font-black">The IRSA lab</h1>
        <p className="text-lg text-muted">
          {scenario.story} Every verdict below — a link turning red, a step failing, a root cause — is computed by the simulator, not drawn.
        </p>
      </header>
      <ol className="grid [&>*]:min-w-0 gap-3 sm:grid-cols-2">
        {LAB_SECTIONS.map((s) => (
          <li key={s.slug}>
            <Link href={sectionHref(s.slug, scenario.id)} className="card flex h-full min-h-12 flex-col gap-1 hover:border-brand">
              <span className="text-xl font-bold">
                <span aria-hidden="true">{s.emoji}</span> {s.n}. {s.title}
              </span>
              <span className="text-base text-muted">{s.blurb}</span>
            </Link>
          </li>
        ))}
      </ol>
    </LabShell>
  );
}
