import { describe, expect, it } from "vitest";
import { LAB_SCENARIOS } from "@/lib/lab/catalog";
import { FLOW_PRESETS, runFlowPreset } from "@/lib/lab/flow";
import { lastStep, stepView } from "@/lib/lab/flow-stepping";

describe("section 4: stepping stops at the failing step", () => {
  it.each(FLOW_PRESETS.map((p) => p.id))("%s: the run ends where the simulator failed, and nothing after it ran", async (preset) => {
    const trace = await runFlowPreset(LAB_SCENARIOS.billing, preset);
    const last = lastStep(trace);
    expect(last).toBe(trace.failedStep ?? 9);
    // What the last step reveals is the failure itself, with its exact error; every later step was skipped.
    if (trace.outcome === "failure") {
      expect(trace.steps[last - 1]?.status).toBe("fail");
      expect(trace.steps[last - 1]?.error).toEqual(trace.error);
    }
    for (const s of trace.steps.filter((x) => x.n > last)) expect(s.status).toBe("skipped");
  });

  it("hides later steps as 'not yet' until the run stops, then calls them 'not reached'", () => {
    const failed = { outcome: "failure" as const, failedStep: 6 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => stepView(failed, n, 3))).toEqual([
      "verdict", "verdict", "verdict", "not-yet", "not-yet", "not-yet", "not-yet", "not-yet", "not-yet",
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => stepView(failed, n, 6))).toEqual([
      "verdict", "verdict", "verdict", "verdict", "verdict", "verdict", "not-reached", "not-reached", "not-reached",
    ]);
    // Even a caller that counts past the end never reveals a step after the failure.
    expect(stepView(failed, 7, 9)).toBe("not-reached");
  });

  it("a successful run reveals all nine steps and none is 'not reached'", () => {
    const ok = { outcome: "success" as const, failedStep: null };
    expect(lastStep(ok)).toBe(9);
    expect([1, 5, 9].map((n) => stepView(ok, n, 9))).toEqual(["verdict", "verdict", "verdict"]);
    expect(stepView(ok, 9, 8)).toBe("not-yet");
  });
});
