import { describe, expect, it, vi } from "vitest";
import type { BatchControl } from "./batch-processor.js";
import { InsertGroup, type Retry } from "./insert-group.js";

const active: BatchControl = { isActive: () => true, heartbeat: async () => {} };
const part = (text: string, control = active, partition = 0) => ({ body: Buffer.from(text), token: `t-${text}`, partition, control });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records each insert; `failures` inserts fail before one succeeds. */
function recorder({ insertMs = 0, failures = 0 } = {}) {
  const inserts: { rows: string; token: string }[] = [];
  const attempts: { partitions: number[]; attempt: string }[] = [];
  let failed = 0;
  const insert = async (bodies: Buffer[], token: string, group: { partitions: number[]; attempt: string }) => {
    attempts.push(group);
    await sleep(insertMs);
    if (failed++ < failures) throw new Error("ClickHouse said no");
    inserts.push({ rows: Buffer.concat(bodies).toString(), token });
  };
  // Like BatchProcessor's: retries while every batch of the group is still ours.
  const retry: Retry = async (work, control) => {
    for (;;) {
      try {
        return { value: await work() };
      } catch {
        if (!control.isActive()) return undefined;
      }
    }
  };
  return { inserts, attempts, insert, retry };
}

describe("InsertGroup", () => {
  it("inserts a lone batch at once", async () => {
    const { inserts, insert, retry } = recorder();
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    group.begin();
    expect(await group.submit(part("a"))).toBe(true);
    expect(inserts).toEqual([{ rows: "a", token: "t-a" }]);
  });

  it("waits for the batches still being prepared and inserts them all at once", async () => {
    const { inserts, insert, retry } = recorder();
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    group.begin();
    group.begin();
    group.begin();
    const first = group.submit(part("a"));
    await sleep(5);
    expect(inserts).toEqual([]);
    const second = group.submit(part("b"));
    group.cancel(); // the third had nothing to insert
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(inserts).toEqual([{ rows: "ab", token: "t-a t-b" }]);
  });

  it("waits no longer than maxWaitMs, nor beyond maxBytes", async () => {
    const { inserts, insert, retry } = recorder();
    const group = new InsertGroup(insert, retry, { maxWaitMs: 20, maxBytes: 3 });
    group.begin();
    group.begin();
    expect(await group.submit(part("a"))).toBe(true); // the other one never comes
    expect(inserts).toEqual([{ rows: "a", token: "t-a" }]);
    group.begin();
    expect(await group.submit(part("large"))).toBe(true); // over maxBytes: no waiting
    expect(inserts).toHaveLength(2);
  });

  it("gathers what arrives during an insert into the next one", async () => {
    const { inserts, insert, retry } = recorder({ insertMs: 20 });
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    group.begin();
    const first = group.submit(part("a"));
    group.begin();
    group.begin();
    const later = [group.submit(part("b")), group.submit(part("c"))];
    await Promise.all([first, ...later]);
    expect(inserts).toEqual([
      { rows: "a", token: "t-a" },
      { rows: "bc", token: "t-b t-c" },
    ]);
  });

  it("retries a group whole, with the same token, and abandons all of it when one batch is no longer ours", async () => {
    const retried = recorder({ failures: 2 });
    const group = new InsertGroup(retried.insert, retried.retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    group.begin();
    group.begin();
    const both = [group.submit(part("a")), group.submit(part("b"))];
    expect(await Promise.all(both)).toEqual([true, true]);
    expect(retried.inserts).toEqual([{ rows: "ab", token: "t-a t-b" }]);

    const lost = recorder({ failures: 1 });
    const abandoning = new InsertGroup(lost.insert, lost.retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    abandoning.begin();
    abandoning.begin();
    const revoked = { isActive: () => false, heartbeat: async () => {} };
    const outcome = [abandoning.submit(part("a")), abandoning.submit(part("b", revoked))];
    expect(await Promise.all(outcome)).toEqual([false, false]);
    expect(lost.inserts).toEqual([]);
  });

  it("names every attempt of a group with its partitions and one attempt id", async () => {
    const { insert, retry, attempts } = recorder({ failures: 2 });
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    group.begin();
    group.begin();
    await Promise.all([group.submit(part("a", active, 2)), group.submit(part("b", active, 0))]);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.partitions)).toEqual([[2, 0], [2, 0], [2, 0]]);
    expect(new Set(attempts.map((a) => a.attempt)).size).toBe(1);
  });

  it("heartbeats every heartbeatMs while an insert and its retries run, and stops after", async () => {
    vi.useFakeTimers();
    try {
      let finish: () => void = () => {};
      const insert = () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        });
      const { retry } = recorder();
      const beats: number[] = [];
      const control: BatchControl = { isActive: () => true, heartbeat: async () => void beats.push(Date.now()) };
      const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000, heartbeatMs: 3000 });
      group.begin();
      const done = group.submit(part("a", control));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(beats).toHaveLength(3); // at 3, 6 and 9 s: kafkajs would otherwise send none for the whole insert
      finish();
      expect(await done).toBe(true);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(beats).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("tells each part when its insert starts, and never starts a group one of whose batches is no longer ours", async () => {
    const { inserts, insert, retry } = recorder({ insertMs: 20 });
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000 });
    const events: string[] = [];
    let secondActive = true;
    const second: BatchControl = { isActive: () => secondActive, heartbeat: async () => {} };
    const observed = (text: string, control = active) => ({
      ...part(text, control),
      started: () => events.push(`started ${text}`),
      abandoned: () => events.push(`abandoned ${text}`),
    });
    group.begin();
    const first = group.submit(observed("a"));
    group.begin();
    const queued = group.submit(observed("b", second));
    // b waits behind a's insert; while it waits, its partition stops being ours (say a rebalance).
    secondActive = false;
    expect(await Promise.all([first, queued])).toEqual([true, false]);
    expect(inserts).toEqual([{ rows: "a", token: "t-a" }]);
    expect(events).toEqual(["started a", "started b", "abandoned b"]);
  });

  it("lets a batch be prepared ahead only while what is pending fits maxPendingBytes", async () => {
    const { insert, retry } = recorder();
    const group = new InsertGroup(insert, retry, { maxWaitMs: 60_000, maxBytes: 1000, maxPendingBytes: 10 });
    const first = await group.reserve(8); // alone: always fits, even when larger than the budget
    let secondIn = false;
    const second = group.reserve(4).then((release) => {
      secondIn = true;
      return release;
    });
    const small = await group.reserve(2); // 8 + 2 fits
    await sleep(5);
    expect(secondIn).toBe(false);
    first();
    first(); // a second call changes nothing
    small();
    (await second)();
    expect(secondIn).toBe(true);
    const large = await group.reserve(50);
    large();
  });
});
