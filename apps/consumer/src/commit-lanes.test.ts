import type { BatchOutcome } from "@pulse/pipeline";
import { describe, expect, it } from "vitest";
import { CommitLanes } from "./commit-lanes.js";

const outcome = (lastOffset: string | undefined): BatchOutcome => ({
  lastOffset,
  written: 1,
  alreadyWritten: 0,
  duplicates: 0,
  deadLettered: 0,
  ignored: 0,
  late: 0,
  timings: { decode: 0, enrich: 0, sessionize: 0, insert: 0 },
});

/** A batch's done promise, settled by the test. */
function deferred() {
  let settle: (o: BatchOutcome) => void = () => {};
  const done = new Promise<BatchOutcome>((resolve) => {
    settle = resolve;
  });
  return { done, settle };
}

function lanesWithLog() {
  const log: string[] = [];
  const lanes = new CommitLanes({
    commit: async (partition, offset) => void log.push(`commit ${partition}@${offset}`),
    seek: (partition, offset) => void log.push(`seek ${partition}@${offset}`),
    warn: () => {},
  });
  return { lanes, log };
}

describe("CommitLanes", () => {
  it("commits a partition's batches in order, whatever order their inserts end in", async () => {
    const { lanes, log } = lanesWithLog();
    const lane = lanes.admit(0, "0")!;
    const first = deferred();
    const second = deferred();
    lanes.track(lane, "0", first.done);
    lanes.track(lane, "10", second.done);
    second.settle(outcome("19")); // e.g. a batch with nothing to insert, done at once
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual([]);
    first.settle(outcome("9"));
    await lanes.drain();
    expect(log).toEqual(["commit 0@10", "commit 0@20"]);
  });

  it("after an abandoned batch, commits nothing past it, seeks back to it and ignores batches fetched before the seek", async () => {
    const { lanes, log } = lanesWithLog();
    const lane = lanes.admit(0, "0")!;
    const ok = deferred();
    const lost = deferred();
    const later = deferred();
    lanes.track(lane, "0", ok.done);
    lanes.track(lane, "10", lost.done);
    lanes.track(lane, "20", later.done);
    ok.settle(outcome("9"));
    lanes.abandon(lane, "10");
    expect(lanes.isCurrent(lane)).toBe(false); // the batch at 20 may no longer start its insert
    lost.settle(outcome(undefined));
    later.settle(outcome("29")); // even if it claims success, it is past the hole
    await lanes.drain();
    expect(log).toEqual(["seek 0@10", "commit 0@10"]);

    expect(lanes.admit(0, "30")).toBeUndefined(); // prepared before the seek took effect
    const again = lanes.admit(0, "10");
    expect(again && lanes.isCurrent(again)).toBe(true);
  });

  it("a new generation stops queued batches from starting, without seeking, and lets finished ones commit", async () => {
    const { lanes, log } = lanesWithLog();
    const lane = lanes.admit(3, "100")!;
    const running = deferred();
    lanes.track(lane, "100", running.done);
    lanes.newGeneration();
    expect(lanes.isCurrent(lane)).toBe(false);
    lanes.abandon(lane, "150"); // a queued batch given up: the next owner reads the mark
    running.settle(outcome("149")); // the insert under way ended: its rows are written
    await lanes.drain();
    expect(log).toEqual(["commit 3@150"]);
  });

  it("stops starting inserts on stop()", () => {
    const { lanes, log } = lanesWithLog();
    const lane = lanes.admit(1, "0")!;
    lanes.stop();
    expect(lanes.isCurrent(lane)).toBe(false);
    lanes.abandon(lane, "0");
    expect(log).toEqual([]);
  });
});
