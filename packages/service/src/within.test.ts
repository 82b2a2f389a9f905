import { describe, expect, it } from "vitest";
import { valueWithin } from "./within.js";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("valueWithin", () => {
  it("is the work's value when it comes in time, even an undefined one", async () => {
    expect(await valueWithin(after(1, 7), 200)).toEqual({ value: 7 });
    expect(await valueWithin(after(1, undefined), 200)).toEqual({ value: undefined });
  });

  it("is undefined when the time runs out first, without waiting for the work", async () => {
    const started = performance.now();
    expect(await valueWithin(new Promise<number>(() => {}), 30)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rejects when the work fails first, and ignores a failure that comes too late", async () => {
    await expect(valueWithin(Promise.reject(new Error("down")), 200)).rejects.toThrow("down");
    const late = new Promise<number>((_, reject) => setTimeout(() => reject(new Error("late")), 20));
    expect(await valueWithin(late, 1)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 40)); // an unhandled rejection would fail the run
  });
});
