import { describe, expect, it } from "vitest";
import { BoundedCache } from "./lru.js";

describe("BoundedCache", () => {
  it("never holds more than `capacity` entries", () => {
    const cache = new BoundedCache<number, number>(4);
    for (let i = 0; i < 100; i++) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get(99)).toBe(99);
  });

  it("keeps what is used and forgets what is not", () => {
    const cache = new BoundedCache<string, number>(4); // generations of 2
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3); // a, b become the previous generation
    expect(cache.get("a")).toBe(1); // promoted next to c
    cache.set("d", 4); // c, a become previous; b is forgotten
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.get("d")).toBe(4);
  });

  it("overwrites an existing key", () => {
    const cache = new BoundedCache<string, number>(4);
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe(2);
    cache.set("b", 3);
    cache.set("c", 4); // a is now in the previous generation
    cache.set("a", 5);
    expect(cache.get("a")).toBe(5);
  });

  it("refuses a useless capacity", () => {
    expect(() => new BoundedCache(1)).toThrow(RangeError);
    expect(() => new BoundedCache(2.5)).toThrow(RangeError);
  });
});
