/** The lab's sections, in order (client-safe data). Section 7 lives at /reference so it can be printed on its own. */
export const LAB_SECTIONS = [
  { n: 0, slug: "why", emoji: "🤔", title: "What is IRSA and why?", blurb: "How does a pod prove to AWS who it is? Five approaches, good and bad." },
  { n: 1, slug: "node-role", emoji: "🖥", title: "The shared node role: before vs after", blurb: "Click a pod: what can it reach with the node role, and with IRSA?" },
  { n: 2, slug: "setup", emoji: "🛠", title: "ServiceAccount & IAM Role setup", blurb: "Type your names, get eksctl / YAML / JSON / CLI / Terraform, apply to a simulated cluster." },
  { n: 3, slug: "chain", emoji: "🔗", title: "Configuration validation chain", blurb: "OIDC Provider → Trust Policy → ServiceAccount → Pod: break a link, see the exact AWS error." },
  { n: 4, slug: "token-flow", emoji: "🔁", title: "Token exchange, step by step", blurb: "AssumeRoleWithWebIdentity in nine steps, with failure presets." },
  { n: 5, slug: "jwt", emoji: "🔍", title: "JWT inspector", blurb: "The real projected token: edit claims, predict whether the trust policy still matches." },
  { n: 6, slug: "pitfalls", emoji: "🎯", title: "Pitfall diagnostic game", blurb: "A production symptom, the evidence, four root causes. One click." },
  { n: 7, slug: "reference", emoji: "📖", title: "Reference", blurb: "Trust policy template, errors and what they mean, debugging commands." },
] as const;
export type LabSectionSlug = (typeof LAB_SECTIONS)[number]["slug"];

export const sectionHref = (slug: LabSectionSlug, scenario: string): string =>
  slug === "reference" ? `/reference?scenario=${scenario}` : `/lab/${slug}?scenario=${scenario}`;
