import { describe, expect, it } from "vitest";
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, activityKindLabel } from "@/lib/contract";

describe("ACTIVITY_KIND_LABELS", () => {
  it("names every kind in words, each differently", () => {
    for (const kind of ACTIVITY_KINDS) {
      expect(ACTIVITY_KIND_LABELS[kind]).toBeTruthy();
      expect(ACTIVITY_KIND_LABELS[kind]).not.toBe(kind);
    }
    expect(new Set(Object.values(ACTIVITY_KIND_LABELS)).size).toBe(ACTIVITY_KINDS.length);
    expect(Object.keys(ACTIVITY_KIND_LABELS).sort()).toEqual([...ACTIVITY_KINDS].sort());
  });

  it("shows an unknown kind id as it is", () => {
    expect(activityKindLabel("which-step")).toBe("Which step fails?");
    expect(activityKindLabel("retired-kind")).toBe("retired-kind");
  });
});
