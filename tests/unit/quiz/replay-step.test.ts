import { describe, expect, it } from "vitest";
import { advance, initialState, parseState, serializeState, type SessionState } from "@/lib/quiz";

const reveal: SessionState = { ...initialState([30, 30], { allowLateJoin: true }), phase: { type: "reveal", activityIndex: 0 } };

describe("replayStep (flow-replay's replay, stepped by the instructor during the reveal)", () => {
  it("moves the reveal's replay step, with a phase change and no timer", () => {
    const s = advance(reveal, { type: "replayStep", step: 3 }, 1_000);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.state.phase).toEqual({ type: "reveal", activityIndex: 0, replayStep: 3 });
    expect(s.effects).toEqual([{ type: "phase-changed", from: reveal.phase, to: s.state.phase }]);
    const back = advance(s.state, { type: "replayStep", step: 0 }, 2_000);
    expect(back.ok && back.state.phase).toEqual({ type: "reveal", activityIndex: 0, replayStep: 0 });
  });

  it.each([
    ["lobby", { type: "lobby" }],
    ["question", { type: "question", activityIndex: 0, openedAt: 0, deadline: 30_000 }],
    ["leaderboard", { type: "leaderboard", activityIndex: 0 }],
    ["podium", { type: "podium" }],
  ] as const)("is refused during %s", (_, phase) => {
    const s = advance({ ...reveal, phase }, { type: "replayStep", step: 1 }, 1_000);
    expect(!s.ok && s.code).toBe("CONFLICT");
  });

  it("is persisted and read back (a restarted server resumes the replay where it was)", () => {
    const s = advance(reveal, { type: "replayStep", step: 7 }, 1_000);
    if (!s.ok) throw new Error(s.message);
    expect(parseState(serializeState(s.state)).phase).toEqual({ type: "reveal", activityIndex: 0, replayStep: 7 });
  });

  it("next from a stepped reveal opens the next question", () => {
    const s = advance({ ...reveal, phase: { type: "reveal", activityIndex: 0, replayStep: 9 } }, { type: "next" }, 5_000);
    expect(s.ok && s.state.phase.type).toBe("question");
  });
});
