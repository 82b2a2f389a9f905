import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { describe, expect, it } from "vitest";
import { createKafka } from "./client.js";
import { ConfigResourceTypes } from "kafkajs";
import { ensureTopics, isKafkaReachable, pipelineTopics } from "./topics.js";

// Integration: runs against the Kafka broker started by `npm test` (infra/stack.mjs).
const config = loadConfig();
const kafka = createKafka(config, createLogger("kafka-it", { level: "error" }));

describe("kafka (real broker)", () => {
  it("answers the readiness probe", async () => {
    expect(await isKafkaReachable(kafka)).toBe(true);
  });

  it("creates a topic with explicit partitions, grows it, and round-trips messages", async () => {
    const topic = `it.roundtrip.${randomUUID()}`;
    await ensureTopics(kafka, [{ topic, numPartitions: 3, replicationFactor: 1 }]);
    await ensureTopics(kafka, [{ topic, numPartitions: 3, replicationFactor: 1 }]); // idempotent

    const admin = kafka.admin();
    await admin.connect();
    const partitions = async () =>
      (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.length;
    expect(await partitions()).toBe(3);
    await ensureTopics(kafka, [{ topic, numPartitions: 4, replicationFactor: 1 }]);
    expect(await partitions()).toBe(4);
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}` }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `it-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), value: String(message.value), partition });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // Same key → same partition, which is what keeps one visitor's hits in order.
    const partitionOfKey = new Map<string, Set<number>>();
    for (const m of received) partitionOfKey.set(m.key, (partitionOfKey.get(m.key) ?? new Set()).add(m.partition));
    for (const set of partitionOfKey.values()) expect(set.size).toBe(1);
  }, 60_000);

  it("gives a topic made without them the pipeline's settings, so messages carry the broker's append time", async () => {
    const topic = `it.settings.${randomUUID()}`;
    const spec = pipelineTopics({ ...config, KAFKA_HITS_TOPIC: topic, KAFKA_HITS_PARTITIONS: 1 })[0]!;
    // As an older version made it: no settings at all.
    await ensureTopics(kafka, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    await ensureTopics(kafka, [spec]);

    const admin = kafka.admin();
    await admin.connect();
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    await admin.disconnect();
    const entries = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
    for (const e of spec.configEntries!) expect(entries.get(e.name)).toBe(e.value);

    const producer = kafka.producer();
    await producer.connect();
    const claimed = "1000000000000"; // 2001: a producer's claim the broker must overrule
    const before = Date.now();
    await producer.send({ topic, acks: -1, messages: [{ value: "x", timestamp: claimed }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `it-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const timestamp = await new Promise<number>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(Number(message.timestamp)) });
    });
    await consumer.disconnect();
    expect(timestamp).toBeGreaterThanOrEqual(before - 1000);
  }, 60_000);
});
