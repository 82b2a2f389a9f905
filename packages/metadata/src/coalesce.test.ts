import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("coalesce", () => {
  it("folds a burst of requests during a run into one follow-up run", async () => {
    let runs = 0;
    const { request, idle } = coalesce(async () => {
      runs++;
      await tick();
    });
    const all = [request(), request(), request(), request()];
    await Promise.all(all);
    expect(runs).toBe(2);
    await request();
    expect(runs).toBe(3);
    await idle();
  });

  it("settles each request only after a run that started after it", async () => {
    const started: number[] = [];
    let clock = 0;
    const { request } = coalesce(async () => {
      started.push(clock);
      await tick();
    });
    const first = request();
    clock = 1;
    const second = request();
    await second;
    expect(started).toEqual([0, 1]);
    await first;
  });

  it("passes a failure to its requesters and keeps working", async () => {
    let fail = true;
    const { request } = coalesce(async () => {
      if (fail) throw new Error("boom");
    });
    await expect(request()).rejects.toThrow("boom");
    fail = false;
    await expect(request()).resolves.toBeUndefined();
  });
});
