import type { Producer, ProducerRecord } from "kafkajs";
import { describe, expect, it } from "vitest";
import { BatchingProducer, bundlesOf, latestAppendOf } from "./batching-producer.js";
import { partitionOfKey } from "./murmur2.js";

// A recording stand-in for kafkajs's Producer: this unit test is about batching, not Kafka.
function recordingProducer(fail = false) {
  const calls: ProducerRecord[] = [];
  const producer = {
    send: async (record: ProducerRecord) => {
      calls.push(record);
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error("broker down");
      return [];
    },
  } as unknown as Producer;
  return { calls, producer };
}

describe("BatchingProducer", () => {
  it("sends concurrent requests' messages in one produce call with acks=all", async () => {
    const { calls, producer } = recordingProducer();
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 10, maxMessages: 1000 });
    await Promise.all([
      batching.send([{ key: "a", value: "1" }]),
      batching.send([
        { key: "b", value: "2" },
        { key: "c", value: "3" },
      ]),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ topic: "hits", acks: -1 });
    expect(calls[0]!.messages.map((m) => m.value)).toEqual(["1", "2", "3"]);
  });

  it("sends at once when the batch is full", async () => {
    const { calls, producer } = recordingProducer();
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 60_000, maxMessages: 2 });
    await batching.send([
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
    expect(calls).toHaveLength(1);
  });

  it("gathers what arrives while a produce call is in flight into the next one", async () => {
    const calls: ProducerRecord[] = [];
    // The first produce call stays in flight until the test lets it go (no race with the clock).
    let release: () => void = () => {};
    const inFlight = new Promise<void>((r) => (release = r));
    const producer = {
      send: async (record: ProducerRecord) => {
        calls.push(record);
        if (calls.length === 1) await inFlight;
        return [];
      },
    } as unknown as Producer;
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 1, maxMessages: 1000 });
    const first = batching.send([{ key: "a", value: "1" }]);
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 1));
    const later = [2, 3, 4].map((n) => batching.send([{ key: "b", value: String(n) }]));
    await new Promise((r) => setTimeout(r, 10)); // well past the linger: still held back
    expect(calls).toHaveLength(1);
    release();
    await Promise.all([first, ...later]);
    expect(calls.map((c) => c.messages.map((m) => m.value))).toEqual([["1"], ["2", "3", "4"]]);
  });

  it("does not hold a full batch back", async () => {
    const { calls, producer } = recordingProducer();
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 1, maxMessages: 2 });
    const first = batching.send([{ key: "a", value: "1" }]);
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 1));
    const full = batching.send([
      { key: "b", value: "2" },
      { key: "c", value: "3" },
    ]);
    expect(calls).toHaveLength(2);
    await Promise.all([first, full]);
  });

  it("rejects every waiting request when the send fails", async () => {
    const { producer } = recordingProducer(true);
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 1, maxMessages: 100 });
    const results = await Promise.allSettled([batching.send([{ value: "1" }]), batching.send([{ value: "2" }])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("drain waits for sends in flight", async () => {
    const { calls, producer } = recordingProducer();
    const batching = new BatchingProducer(producer, "hits", { lingerMs: 60_000, maxMessages: 100 });
    let settled = false;
    void batching.send([{ value: "1" }]).then(() => (settled = true));
    await batching.drain();
    expect(calls).toHaveLength(1);
    expect(settled).toBe(true);
  });
});

describe("bundlesOf", () => {
  const json = (n: number) => JSON.stringify({ n });
  const keys = ["site:a", "site:b", "site:c", "site:d", "site:e"];

  it("packs each partition's values into one JSON array, in the order given", () => {
    const messages = Array.from({ length: 20 }, (_, n) => ({ key: keys[n % keys.length]!, value: json(n) }));
    const bundles = bundlesOf(messages, 3);
    expect(bundles.length).toBeLessThanOrEqual(3);
    const unpacked = bundles.flatMap((b) => (JSON.parse(String(b.value)) as { n: number }[]).map(({ n }) => ({ n, partition: b.partition })));
    expect(unpacked.map((u) => u.n).sort((x, y) => x - y)).toEqual(messages.map((_, n) => n));
    for (const { n, partition } of unpacked) expect(partition).toBe(partitionOfKey(messages[n]!.key, 3));
    for (const bundle of bundles) {
      const ns = (JSON.parse(String(bundle.value)) as { n: number }[]).map(({ n }) => n);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
  });

  it("splits a partition's bundle before it grows past 256 KiB, keeping order", () => {
    const big = "x".repeat(100 * 1024);
    const messages = Array.from({ length: 5 }, (_, n) => ({ key: "one visitor", value: JSON.stringify({ n, big }) }));
    const bundles = bundlesOf(messages, 4);
    expect(bundles).toHaveLength(3);
    expect(bundles.flatMap((b) => (JSON.parse(String(b.value)) as { n: number }[]).map(({ n }) => n))).toEqual([0, 1, 2, 3, 4]);
    for (const bundle of bundles) expect(String(bundle.value).length).toBeLessThan(256 * 1024);
  });

  it("leaves unkeyed messages and messages with headers or a partition of their own alone", () => {
    const loose = [{ value: json(1) }, { key: "k", value: json(2), headers: { h: "1" } }, { key: "k", value: json(3), partition: 0 }];
    expect(bundlesOf(loose, 2)).toEqual(loose);
  });
});

describe("latestAppendOf", () => {
  const meta = (logAppendTime: string | undefined) => ({ topicName: "t", partition: 0, errorCode: 0, logAppendTime });
  it("is the latest broker append time of the call's partitions", () => {
    expect(latestAppendOf([meta("1700000000123"), meta("1700000000456"), meta("1700000000001")])).toBe(1700000000456);
  });
  it("is undefined when the topic keeps the producer's times (-1) or says nothing", () => {
    expect(latestAppendOf([meta("-1"), meta(undefined)])).toBeUndefined();
    expect(latestAppendOf([])).toBeUndefined();
  });
});
