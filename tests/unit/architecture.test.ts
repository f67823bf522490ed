import { describe, expect, it } from "vitest";
import { checkArchitecture } from "../../scripts/check-architecture";

describe("architecture", () => {
  it("imports point app/ → lib/ ← server/, and the pure modules stay pure", () => {
    expect(checkArchitecture(process.cwd())).toEqual([]);
  });
});
