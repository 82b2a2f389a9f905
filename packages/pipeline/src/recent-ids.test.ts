import { describe, expect, it } from "vitest";
import { RecentIds } from "./recent-ids.js";

describe("RecentIds", () => {
  it("remembers ids per partition and forgets the oldest beyond capacity", () => {
    const ids = new RecentIds(3);
    ids.add(0, ["a", "b"]);
    expect(ids.has(0, "a")).toBe(true);
    expect(ids.has(1, "a")).toBe(false);
    ids.add(0, ["c", "d"]);
    expect(ids.has(0, "a")).toBe(false);
    expect(["b", "c", "d"].every((id) => ids.has(0, id))).toBe(true);
  });
});
