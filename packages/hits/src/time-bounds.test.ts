import { describe, expect, it } from "vitest";
import { timeProblemOf } from "./time-bounds.js";

const now = Date.UTC(2026, 0, 10);

describe("timeProblemOf", () => {
  it("accepts now, slight skew and last week", () => {
    expect(timeProblemOf(now, now)).toBeUndefined();
    expect(timeProblemOf(now + 30_000, now)).toBeUndefined();
    expect(timeProblemOf(now - 6 * 86_400_000, now)).toBeUndefined();
  });
  it("refuses the future and the too old", () => {
    expect(timeProblemOf(now + 3_600_000, now)).toBe("lies in the future");
    expect(timeProblemOf(now - 8 * 86_400_000, now)).toMatch(/older than 7 days/);
  });
});
