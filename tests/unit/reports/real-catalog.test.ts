import { beforeAll, describe, expect, it } from "vitest";
import type { ActivitySpec } from "@/lib/activities/types";
import { createCatalog, type BankCatalog } from "@/lib/activities/catalog";
import type { Answer } from "@/lib/contract";
import { ActivityLabeler, answerLabel, computeReport, type ReportRows } from "@/lib/reports";

/** The report labelled by the real scenario bank (lib/activities/catalog): titles, choices, misconceptions, steps. */
describe("report with the real scenario bank", () => {
  let catalog: BankCatalog;
  beforeAll(async () => {
    catalog = await createCatalog();
  }, 120_000);

  it("names pitfall choices and the misconception of the most chosen wrong one; places flow activities on the steps", async () => {
    const pitfall = catalog.list().find((e) => e.kinds.includes("pitfall") && e.failingStep !== null)!;
    const flow = catalog.list().find((e) => e.kinds.includes("which-step") && e.failingStep !== null)!;
    expect(pitfall).toBeDefined();
    expect(flow).toBeDefined();
    const specs: ActivitySpec[] = [
      { kind: "pitfall", scenarioId: pitfall.scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
      { kind: "which-step", scenarioId: flow.scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
      { kind: "pitfall", scenarioId: "pitfalls/not-in-the-bank", config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
    ];
    const p0 = await catalog.prepare(specs[0]!);
    const p1 = await catalog.prepare(specs[1]!);
    if (p0.prompt.kind !== "pitfall" || p0.reveal.correct.kind !== "pitfall") throw new Error("expected a pitfall");
    if (p1.reveal.correct.kind !== "which-step") throw new Error("expected a which-step");
    const right = p0.reveal.correct.choiceId;
    const wrong = p0.prompt.choices.find((c) => c.id !== right)!.id;
    const failing = p1.reveal.correct.step;
    const wrongStep = failing === 1 ? 2 : failing - 1;

    const at = new Date("2026-11-02T09:00:00Z");
    const answers: [string, number, Answer, boolean][] = [
      ["p1", 0, { kind: "pitfall", choiceId: right }, true],
      ["p2", 0, { kind: "pitfall", choiceId: wrong }, false],
      ["p3", 0, { kind: "pitfall", choiceId: wrong }, false],
      ["p1", 1, { kind: "which-step", step: failing }, true],
      ["p2", 1, { kind: "which-step", step: wrongStep }, false],
    ];
    const rows: ReportRows = {
      session: { id: "s", code: "C", instructorId: "i", deckId: null, deckTitle: "d", activities: specs, scoring: "speed", status: "ended", reached: null, createdAt: at, endedAt: at },
      participants: ["p1", "p2", "p3"].map((id) => ({ id, nickname: id, score: 0, streak: 0, kicked: false, joinedAt: at })),
      responses: answers.map(([participantId, activityIndex, answer, correct]) => ({
        participantId, activityIndex, answer, correct, points: 0, streakBonus: 0, timeTakenMs: 1000, createdAt: at,
        pickedStep: answer.kind === "which-step" ? answer.step : null,
        correctStep: answer.kind === "which-step" ? failing : null,
      })),
    };
    const report = computeReport(rows, await new ActivityLabeler(Promise.resolve(catalog)).label(specs));
    const [a0, a1, a2] = report.activities;

    expect(a0!.title).toBe(p0.title);
    expect(a0!.known).toBe(true);
    expect(a0!.distribution.map((d) => d.key)).toEqual(p0.prompt.choices.map((c) => c.id));
    expect(a0!.distribution.find((d) => d.correct)!.key).toBe(right);
    expect(a0!.topWrong).toMatchObject({ key: wrong, count: 2 });
    expect(a0!.topWrong!.label).toBe(p0.prompt.choices.find((c) => c.id === wrong)!.text);
    expect(a0!.topWrong!.misconception).toBe(p0.reveal.misconceptions?.[wrong] ?? p0.reveal.explanation);
    expect(a0!.topWrong!.misconception).toBeTruthy();
    expect(a0!.testedStep).toBe(pitfall.failingStep);
    expect(a0!.explanation).toBe(p0.reveal.explanation);

    expect(a1!.title).toBe(p1.title);
    expect(a1!.topWrongStep).toMatchObject({ step: wrongStep, count: 1 });
    expect(a1!.testedStep).toBe(failing);
    expect(answerLabel(a1!, String(failing))).toMatch(new RegExp(`^Step ${failing} — `));

    expect(a2).toMatchObject({ known: false, title: "pitfalls/not-in-the-bank" });

    const byStep = report.steps;
    expect(byStep[failing - 1]!.answered).toBeGreaterThanOrEqual(2);
    expect(byStep[pitfall.failingStep! - 1]!.answered).toBeGreaterThanOrEqual(3);
  });
});
