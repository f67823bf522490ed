import { customScenarioInputSchema, type CustomScenarioDto } from "@/lib/contract";
import { validateAuthoredScenario } from "@/lib/activities/validate";
import { errorResponse, handler, parseBody, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { createCustomScenario, customScenarioId, listCustomScenarios, type CustomScenarioRow } from "@/lib/db/scenarios";

type Valid = Extract<Awaited<ReturnType<typeof validateAuthoredScenario>>, { ok: true }>;

function toDto(row: CustomScenarioRow, v: Valid): CustomScenarioDto {
  return {
    id: row.id,
    scenarioId: customScenarioId(row.id),
    name: row.name,
    title: v.title,
    // As the simulator judged it: the pitfall (with a Pitfall), the flow kinds when the flow fails, chain-fix when the break lies in the chain.
    kinds: v.kinds,
    failingStep: v.failingStep,
    errorCode: v.errorCode,
    createdAt: row.createdAt.toISOString(),
  };
}

/** GET /api/scenarios → `{ scenarios }`: the instructor's own authored scenarios (re-judged by the simulator). */
export const GET = handler("scenarios", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const rows = await listCustomScenarios(getPrisma(), auth.instructorId);
  const scenarios: CustomScenarioDto[] = [];
  for (const row of rows) {
    const v = await validateAuthoredScenario(row.yaml, `${row.name || row.id}.yaml`);
    // A scenario the simulator no longer accepts (it changed since) is left out rather than offered broken.
    if (v.ok) scenarios.push(toDto(row, v));
  }
  return Response.json({ scenarios }, { headers: { "cache-control": "no-store" } });
});

/**
 * POST /api/scenarios `{ name?, yaml }` → 201 `{ scenario }`, or 422 with the simulator's objections as
 * `issues` (path "yaml"): the scenario is saved only when its Pitfall has exactly one choice that fixes the flow, or,
 * without a Pitfall, when it can be played as a chain fix (its break lies in the chain).
 */
export const POST = handler("scenarios", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  // The route-wide 64 KB body cap; the YAML itself is capped at MAX_SCENARIO_YAML_CHARS by the schema.
  const body = await parseBody(req, customScenarioInputSchema);
  if (!body.ok) return body.response;
  const source = body.data.name ? `${body.data.name.replace(/\.ya?ml$/i, "")}.yaml` : "scenario.yaml";
  const v = await validateAuthoredScenario(body.data.yaml, source);
  if (!v.ok) {
    return errorResponse(422, "INVALID_PAYLOAD", "The simulator did not accept this scenario. Fix the points below and try again.", {
      issues: v.errors.filter(Boolean).slice(0, 20).map((message) => ({ path: "yaml", message })),
    });
  }
  const row = await createCustomScenario(getPrisma(), auth.instructorId, { name: body.data.name || v.title, yaml: body.data.yaml });
  return Response.json({ scenario: toDto(row, v) }, { status: 201 });
});
