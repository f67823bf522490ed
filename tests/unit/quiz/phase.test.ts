import { describe, expect, it } from "vitest";
import {
  ANSWER_GRACE_MS,
  activitiesReached,
  advance,
  autoCloseAt,
  parseState,
  serializeState,
  initialState,
  type MachineCommand,
  type Phase,
  type SessionState,
} from "@/lib/quiz";

const NOW = 1_000_000;
const limits = [30, 20, 10];

function at(phase: Phase, extra: Partial<SessionState> = {}): SessionState {
  return { ...initialState(limits, { allowLateJoin: true }), phase, ...extra };
}
const lobby = at({ type: "lobby" });
const q0 = at({ type: "question", activityIndex: 0, openedAt: NOW - 5000, deadline: NOW + 25_000 });
const q2 = at({ type: "question", activityIndex: 2, openedAt: NOW - 5000, deadline: NOW + 5000 });
const r0 = at({ type: "reveal", activityIndex: 0 });
const r2 = at({ type: "reveal", activityIndex: 2 });
const l0 = at({ type: "leaderboard", activityIndex: 0 });
const l2 = at({ type: "leaderboard", activityIndex: 2 });
const podium = at({ type: "podium" });
const ended = at({ type: "ended", endedAt: NOW - 1 });

describe("advance: every allowed transition", () => {
  const rows: [string, SessionState, MachineCommand, Phase][] = [
    ["start opens the first question", lobby, { type: "start" }, { type: "question", activityIndex: 0, openedAt: NOW, deadline: NOW + 30_000 }],
    ["next in the lobby starts too", lobby, { type: "next" }, { type: "question", activityIndex: 0, openedAt: NOW, deadline: NOW + 30_000 }],
    ["close ends the question", q0, { type: "close" }, { type: "reveal", activityIndex: 0 }],
    ["reveal ends the question", q0, { type: "reveal" }, { type: "reveal", activityIndex: 0 }],
    ["addTime moves the deadline", q0, { type: "addTime", seconds: 15 }, { type: "question", activityIndex: 0, openedAt: NOW - 5000, deadline: NOW + 40_000 }],
    ["skip a question opens the next", q0, { type: "skip" }, { type: "question", activityIndex: 1, openedAt: NOW, deadline: NOW + 20_000 }],
    ["skip the last question goes to the podium", q2, { type: "skip" }, { type: "podium" }],
    ["skip from the reveal", r0, { type: "skip" }, { type: "question", activityIndex: 1, openedAt: NOW, deadline: NOW + 20_000 }],
    ["skip from the leaderboard", l0, { type: "skip" }, { type: "question", activityIndex: 1, openedAt: NOW, deadline: NOW + 20_000 }],
    ["leaderboard after the reveal", r0, { type: "leaderboard" }, { type: "leaderboard", activityIndex: 0 }],
    ["next after the reveal", r0, { type: "next" }, { type: "question", activityIndex: 1, openedAt: NOW, deadline: NOW + 20_000 }],
    ["next after the leaderboard", l0, { type: "next" }, { type: "question", activityIndex: 1, openedAt: NOW, deadline: NOW + 20_000 }],
    ["next after the last reveal: podium", r2, { type: "next" }, { type: "podium" }],
    ["next after the last leaderboard: podium", l2, { type: "next" }, { type: "podium" }],
    ["end from the lobby", lobby, { type: "end" }, { type: "ended", endedAt: NOW, reached: 0 }],
    ["end from a question", q0, { type: "end" }, { type: "ended", endedAt: NOW, reached: 1 }],
    ["end from the last question", q2, { type: "end" }, { type: "ended", endedAt: NOW, reached: 3 }],
    ["end from a leaderboard", l0, { type: "end" }, { type: "ended", endedAt: NOW, reached: 1 }],
    ["end from the podium", podium, { type: "end" }, { type: "ended", endedAt: NOW, reached: 3 }],
  ];
  it.each(rows)("%s", (_name, state, command, expected) => {
    const step = advance(state, command, NOW);
    expect(step.ok).toBe(true);
    if (!step.ok) return;
    expect(step.state.phase).toEqual(expected);
    expect(step.effects).toContainEqual({ type: "phase-changed", from: state.phase, to: expected });
    expect(step.effects).toContainEqual({ type: "timer", at: autoCloseAt(expected) });
  });

  it("the timer fires at the deadline plus the grace and closes the question", () => {
    const phase = q0.phase as Extract<Phase, { type: "question" }>;
    expect(autoCloseAt(phase)).toBe(phase.deadline + ANSWER_GRACE_MS);
    const step = advance(q0, { type: "deadline" }, phase.deadline + ANSWER_GRACE_MS);
    expect(step.ok && step.state.phase).toEqual({ type: "reveal", activityIndex: 0 });
  });

  it.each([
    ["kick", { type: "kick", participantId: "p1" } as const, [{ type: "kick", participantId: "p1" }]],
    ["lockLobby", { type: "lockLobby", locked: true } as const, [{ type: "settings-changed" }]],
    ["allowLateJoin", { type: "allowLateJoin", allowed: false } as const, [{ type: "settings-changed" }]],
  ])("%s keeps the phase in every live phase", (_n, command, effects) => {
    for (const s of [lobby, q0, r0, l0, podium]) {
      const step = advance(s, command, NOW);
      expect(step.ok).toBe(true);
      if (!step.ok) continue;
      expect(step.state.phase).toBe(s.phase);
      expect(step.effects).toEqual(effects);
      if (command.type === "lockLobby") expect(step.state.lobbyLocked).toBe(true);
      if (command.type === "allowLateJoin") expect(step.state.allowLateJoin).toBe(false);
    }
  });

  it("is pure: the input state is not modified", () => {
    const copy = structuredClone(q0);
    advance(q0, { type: "addTime", seconds: 30 }, NOW);
    advance(q0, { type: "lockLobby", locked: true }, NOW);
    expect(q0).toEqual(copy);
  });
});

describe("advance: every refusal", () => {
  const rows: [string, SessionState, MachineCommand, string][] = [
    ["start twice", q0, { type: "start" }, "CONFLICT"],
    ["start from the reveal", r0, { type: "start" }, "CONFLICT"],
    ["start without activities", at({ type: "lobby" }, { timeLimitsSec: [] }), { type: "start" }, "CONFLICT"],
    ["next without activities", at({ type: "lobby" }, { timeLimitsSec: [] }), { type: "next" }, "CONFLICT"],
    ["next during a question", q0, { type: "next" }, "CONFLICT"],
    ["next on the podium", podium, { type: "next" }, "CONFLICT"],
    ["skip in the lobby", lobby, { type: "skip" }, "CONFLICT"],
    ["skip on the podium", podium, { type: "skip" }, "CONFLICT"],
    ["close in the lobby", lobby, { type: "close" }, "CONFLICT"],
    ["close during the reveal", r0, { type: "close" }, "CONFLICT"],
    ["reveal twice", r0, { type: "reveal" }, "CONFLICT"],
    ["reveal from the leaderboard", l0, { type: "reveal" }, "CONFLICT"],
    ["addTime in the reveal", r0, { type: "addTime", seconds: 10 }, "CONFLICT"],
    ["addTime in the lobby", lobby, { type: "addTime", seconds: 10 }, "CONFLICT"],
    ["leaderboard during a question", q0, { type: "leaderboard" }, "CONFLICT"],
    ["leaderboard in the lobby", lobby, { type: "leaderboard" }, "CONFLICT"],
    ["leaderboard twice", l0, { type: "leaderboard" }, "CONFLICT"],
    ["a stale timer (before deadline + grace)", q0, { type: "deadline" }, "CONFLICT"],
    ["the timer outside a question", r0, { type: "deadline" }, "PHASE_CLOSED"],
    ["anything once ended: start", ended, { type: "start" }, "SESSION_ENDED"],
    ["anything once ended: end", ended, { type: "end" }, "SESSION_ENDED"],
    ["anything once ended: kick", ended, { type: "kick", participantId: "p" }, "SESSION_ENDED"],
    ["anything once ended: lockLobby", ended, { type: "lockLobby", locked: false }, "SESSION_ENDED"],
    ["anything once ended: the timer", ended, { type: "deadline" }, "SESSION_ENDED"],
  ];
  it.each(rows)("%s → %s", (_name, state, command, code) => {
    const step = advance(state, command, NOW);
    expect(step.ok).toBe(false);
    if (step.ok) return;
    expect(step.code).toBe(code);
    expect(step.message.length).toBeGreaterThan(5);
  });

  it("a timer armed before addTime is stale after it", () => {
    const phase = q0.phase as Extract<Phase, { type: "question" }>;
    const added = advance(q0, { type: "addTime", seconds: 30 }, NOW);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(advance(added.state, { type: "deadline" }, phase.deadline + ANSWER_GRACE_MS).ok).toBe(false);
    expect(advance(added.state, { type: "deadline" }, phase.deadline + 30_000 + ANSWER_GRACE_MS).ok).toBe(true);
  });
});

describe("activitiesReached: how far a session got, for the report", () => {
  it("counts a question that was opened, answered or not", () => {
    expect(activitiesReached(lobby)).toBe(0);
    expect(activitiesReached(q0)).toBe(1);
    expect(activitiesReached(r2)).toBe(3);
    expect(activitiesReached(l0)).toBe(1);
    expect(activitiesReached(podium)).toBe(3);
  });

  it("an ended session keeps what it had reached, through the stored JSON", () => {
    const step = advance(r0, { type: "end" }, NOW);
    expect(step.ok).toBe(true);
    if (!step.ok) return;
    expect(activitiesReached(parseState(serializeState(step.state)))).toBe(1);
  });

  it("a session ended before the field existed reads back as unknown, not as zero", () => {
    expect(activitiesReached(parseState(serializeState(ended)))).toBeNull();
  });
});
