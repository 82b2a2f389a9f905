import { readFileSync } from "node:fs";
import { type HitBody, hitRecordOf, partitionKeyOf } from "@pulse/hits";
import { bundlesOf, createKafka, createProducer } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { fail, finish, workerConfig } from "./worker.js";

/**
 * Fills a topic with `count` records exactly as ingest would write them under load (each partition's
 * records of a chunk bundled into one message, as ingest's BatchingProducer does), before the consumer starts.
 */
interface Config {
  brokers: string[];
  topic: string;
  siteId: string;
  bodiesFile: string;
  count: number;
  chunk: number;
}

try {
  const c = workerConfig<Config>();
  const bodies = readFileSync(c.bodiesFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as HitBody);
  const kafka = createKafka({ KAFKA_BROKERS: c.brokers, KAFKA_CLIENT_ID: "pulse-bench" }, createLogger("bench-prefill", { level: "warn" }));
  const producer = createProducer(kafka);
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  const [topic] = (await admin.fetchTopicMetadata({ topics: [c.topic] })).topics;
  await admin.disconnect();
  const partitions = topic?.partitions.length ?? 1;
  const started = performance.now();
  let bytes = 0;
  for (let sent = 0; sent < c.count; ) {
    const n = Math.min(c.chunk, c.count - sent);
    const now = Date.now();
    const messages = Array.from({ length: n }, (_, i) => {
      const record = hitRecordOf("pageview", bodies[(sent + i) % bodies.length]!, { siteId: c.siteId, time: now, receivedAt: now });
      const value = JSON.stringify(record);
      bytes += value.length;
      return { key: partitionKeyOf(record), value };
    });
    await producer.send({ topic: c.topic, acks: -1, messages: bundlesOf(messages, partitions) });
    sent += n;
  }
  const wallMs = performance.now() - started;
  await producer.disconnect();
  await finish({ count: c.count, bytes, wallMs });
} catch (error) {
  fail(error);
}
