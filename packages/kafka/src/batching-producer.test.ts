import type { Producer, ProducerRecord } from "kafkajs";
import { describe, expect, it } from "vitest";
import { BatchingProducer } from "./batching-producer.js";

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
