import { z } from "zod";
import { labHandler } from "@/lib/auth/lab-limits";
import { parseBody } from "@/lib/auth/route";
import { FLOW_PRESET_IDS, runFlowPreset } from "@/lib/lab/flow";
import { SCENARIO_IDS, scenarioFromParam } from "@/lib/lab/scenarios";

const flowRequestSchema = z.object({ scenario: z.enum(SCENARIO_IDS), preset: z.enum(FLOW_PRESET_IDS) });

/** POST /api/lab/flow { scenario, preset } → LabTrace: the nine steps as lib/sim traceFlow ran them. */
export const POST = labHandler("lab/flow", async (req) => {
  const body = await parseBody(req, flowRequestSchema);
  if (!body.ok) return body.response;
  return Response.json(await runFlowPreset(scenarioFromParam(body.data.scenario), body.data.preset), { headers: { "cache-control": "no-store" } });
});
