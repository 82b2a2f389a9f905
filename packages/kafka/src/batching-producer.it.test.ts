import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { describe, expect, it } from "vitest";
import { BatchingProducer } from "./batching-producer.js";
import { createKafka } from "./client.js";
import { partitionOfKey } from "./murmur2.js";
import { createProducer } from "./producer.js";
import { ensureTopics, pipelineTopics } from "./topics.js";

// Integration: bundling against the real broker started by `npm test` (infra/stack.mjs).
const config = loadConfig();
const kafka = createKafka(config, createLogger("kafka-it", { level: "error" }));

describe("BatchingProducer with bundles (real broker)", () => {
  it("puts every value in its key's partition, in order, packed into few messages", async () => {
    const topic = `it.bundles.${randomUUID()}`;
    const partitions = 4;
    await ensureTopics(kafka, [{ topic, numPartitions: partitions, replicationFactor: 1 }]);
    const producer = createProducer(kafka);
    await producer.connect();
    const batching = new BatchingProducer(producer, topic, { lingerMs: 5, maxMessages: 10_000, bundle: true });
    const keys = Array.from({ length: 12 }, (_, i) => `site:visitor-${i}`);
    const sendRound = (round: number) =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          batching.send([{ key: keys[i % keys.length]!, value: JSON.stringify({ key: keys[i % keys.length], n: round * 100 + i }) }]),
        ),
      );
    // The first send teaches the producer the partition count; later ones are bundled.
    for (let round = 0; round < 3; round++) await sendRound(round);
    await batching.drain();
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `it-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; n: number; partition: number }[] = [];
    let messages = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          messages++;
          const value = JSON.parse(String(message.value)) as { key: string; n: number } | { key: string; n: number }[];
          for (const item of Array.isArray(value) ? value : [value]) received.push({ ...item, partition });
          if (received.length === 90) resolve();
        },
      });
    });
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();

    expect(received).toHaveLength(90);
    expect(messages).toBeLessThan(90);
    for (const { key, partition } of received) expect(partition).toBe(partitionOfKey(key, partitions));
    for (const key of keys) {
      const ns = received.filter((r) => r.key === key).map((r) => r.n);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
    }
  }, 60_000);

  it("tells each request when the broker appended its messages, the time the consumer reads", async () => {
    const topic = `it.append-time.${randomUUID()}`;
    await ensureTopics(kafka, pipelineTopics({ ...config, KAFKA_HITS_TOPIC: topic, KAFKA_HITS_PARTITIONS: 2 }).slice(0, 1));
    const producer = createProducer(kafka);
    await producer.connect();
    const batching = new BatchingProducer(producer, topic, { lingerMs: 5, maxMessages: 10_000, bundle: true });
    const before = Date.now();
    const appended = await Promise.all(["a", "b", "c"].map((key) => batching.send([{ key, value: JSON.stringify({ key }) }])));
    await producer.disconnect();
    for (const time of appended) expect(time).toBeGreaterThanOrEqual(before - 1000);

    const consumer = kafka.consumer({ groupId: `it-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: number[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(Number(message.timestamp));
          if (seen.length === 3) resolve();
        },
      });
    });
    await consumer.disconnect();
    // What a request is told is never earlier than the append time the consumer compares with ack_by.
    for (const time of seen) expect(time).toBeLessThanOrEqual(Math.max(...(appended as number[])));
  }, 60_000);
});
