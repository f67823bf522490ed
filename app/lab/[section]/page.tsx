import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { LabShell } from "../_components/LabShell";
import { WhySection } from "../_components/WhySection";
import { NodeRoleSection } from "../_components/NodeRoleSection";
import { SetupSection } from "../_components/SetupSection";
import { ChainSection } from "../_components/ChainSection";
import { FlowSection } from "../_components/FlowSection";
import { JwtSection } from "../_components/JwtSection";
import { PitfallSection } from "../_components/PitfallSection";
import { scenarioFromParam } from "@/lib/lab/scenarios";
import { LAB_SECTIONS, type LabSectionSlug } from "@/lib/lab/sections";
import { APPROACHES, approachEvidence } from "@/lib/lab/approaches";
import { compareNodeRole } from "@/lib/lab/node-role";
import { defaultSetupForm, runSetup } from "@/lib/lab/setup";
import { defaultChainInput, evaluateChain } from "@/lib/lab/chain";
import { runFlowPreset } from "@/lib/lab/flow";
import { inspectJwt } from "@/lib/lab/jwt";
import { pitfallRounds } from "@/lib/lab/pitfalls";

type Props = { params: Promise<{ section: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await params;
  const s = LAB_SECTIONS.find((x) => x.slug === section);
  return { title: s ? `${s.n}. ${s.title} · IRSA lab` : "IRSA lab" };
}

/** One lab section. The first render's verdicts are computed here, on the server, by lib/sim; edits go to /api/lab/*. */
export default async function LabSectionPage({ params, searchParams }: Props) {
  const slug = (await params).section as LabSectionSlug;
  const scenario = scenarioFromParam((await searchParams).scenario);
  if (slug === "reference") redirect(`/reference?scenario=${scenario.id}`);
  if (!LAB_SECTIONS.some((s) => s.slug === slug)) notFound();
  return (
    <LabShell scenario={scenario} current={slug}>
      {await body(slug, scenario)}
    </LabShell>
  );
}

async function body(slug: LabSectionSlug, scenario: ReturnType<typeof scenarioFromParam>) {
  switch (slug) {
    case "why":
      return <WhySection scenario={scenario} approaches={APPROACHES} evidence={await approachEvidence(scenario)} />;
    case "node-role":
      return <NodeRoleSection comparison={compareNodeRole(scenario)} />;
    case "setup": {
      const form = defaultSetupForm(scenario);
      return <SetupSection scenario={scenario} initialForm={form} initial={await runSetup({ scenario: scenario.id, form, action: "generate" })} />;
    }
    case "chain": {
      const input = defaultChainInput(scenario);
      return <ChainSection scenario={scenario} initialInput={input} initial={await evaluateChain(input)} />;
    }
    case "token-flow":
      return <FlowSection scenario={scenario} initial={await runFlowPreset(scenario, "happy")} />;
    case "jwt":
      return <JwtSection scenario={scenario} initial={await inspectJwt({ scenario: scenario.id, mode: "resign", reveal: true })} />;
    case "pitfalls":
      return <PitfallSection rounds={await pitfallRounds()} />;
    case "reference":
      return null;
  }
}
