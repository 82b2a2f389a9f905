import { describe, expect, it } from "vitest";
import { RecentIds } from "./recent-ids.js";

describe("RecentIds", () => {
  it("remembers ids per partition, at most `capacity` of them", () => {
    const ids = new RecentIds({ capacity: 4 });
    ids.add(0, ["a", "b"]);
    expect(ids.has(0, "a")).toBe(true);
    expect(ids.has(1, "a")).toBe(false);
    ids.add(0, ["c", "d"]);
    expect(["a", "b", "c", "d"].every((id) => ids.has(0, id))).toBe(true);
    ids.add(0, ["e"]);
    // The oldest generation (a, b) is gone; the newest two generations stay.
    expect(ids.has(0, "a") || ids.has(0, "b")).toBe(false);
    expect(["c", "d", "e"].every((id) => ids.has(0, id))).toBe(true);
  });

  it("keeps ids for at least half the window and forgets them within the whole window", () => {
    let now = 0;
    const ids = new RecentIds({ capacity: 1000, windowMs: 100, now: () => now });
    ids.add(0, ["a"]);
    now = 49;
    ids.add(0, ["b"]);
    expect(ids.has(0, "a")).toBe(true);
    now = 60;
    ids.add(0, ["c"]); // a new generation: a and b are the previous one
    expect(["a", "b", "c"].every((id) => ids.has(0, id))).toBe(true);
    now = 120;
    ids.add(0, ["d"]);
    expect(ids.has(0, "a") || ids.has(0, "b")).toBe(false);
    expect(ids.has(0, "c") && ids.has(0, "d")).toBe(true);
  });

  it("counts held ids as seen until released, and keeps them once committed", () => {
    const ids = new RecentIds();
    const first = ids.hold(0, new Set(["a", "b"]));
    const second = ids.hold(0, new Set(["c"]));
    expect(ids.has(0, "a") && ids.has(0, "c")).toBe(true);
    expect(ids.has(1, "a")).toBe(false);
    first.commit();
    second.release(); // abandoned: its rows come again and must not be dropped as copies then
    expect(ids.has(0, "a")).toBe(true);
    expect(ids.has(0, "c")).toBe(false);
    second.commit(); // already released: nothing happens
    expect(ids.has(0, "c")).toBe(false);
  });

  it("shows held ids only to batches of the same scope", () => {
    const ids = new RecentIds();
    ids.hold(0, new Set(["a"]), "1/0");
    expect(ids.has(0, "a", "1/0")).toBe(true);
    expect(ids.has(0, "a", "2/0")).toBe(false); // read again after a rebalance: a's batch may yet be abandoned
  });
});
