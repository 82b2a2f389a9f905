import { describe, expect, it } from "vitest";
import { timeOfUuidv7, uuidv7 } from "./uuidv7.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("has the version 7 nibble and the RFC variant bits", () => {
    for (let i = 0; i < 1000; i++) expect(uuidv7(Date.now())).toMatch(UUID_V7);
  });

  it("carries the time it was made for", () => {
    const t = Date.UTC(2026, 10, 24, 12, 34, 56, 789);
    expect(timeOfUuidv7(uuidv7(t))).toBe(t);
    expect(uuidv7(0).startsWith("00000000-0000-7")).toBe(true);
  });

  it("sorts as strings in time order", () => {
    const base = Date.UTC(2026, 0, 1);
    const times = Array.from({ length: 500 }, (_, i) => base + i * 7919);
    const ids = times.map(uuidv7);
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  it("is unique for the same millisecond", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it("rejects times a 48-bit timestamp cannot hold", () => {
    expect(() => uuidv7(-1)).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48)).toThrow(RangeError);
    expect(() => uuidv7(Number.NaN)).toThrow(RangeError);
  });
});
