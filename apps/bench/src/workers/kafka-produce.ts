import { readFileSync } from "node:fs";
import { type HitBody, hitRecordOf, partitionKeyOf } from "@pulse/hits";
import { BatchingProducer, createKafka, createProducer } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { percentiles } from "../stats.js";
import { coresOf, fail, finish, workerConfig } from "./worker.js";

/**
 * Ceiling (b) of single-hit ingest: the same Kafka records ingest would produce for the same bodies
 * (record, key, JSON), sent with kafkajs straight from `concurrency` concurrent senders through the same
 * batching producer and settings as ingest (acks=all, linger), each awaiting its acknowledgement.
 * No HTTP, no validation: what Kafka and kafkajs alone allow on this machine.
 */
interface Config {
  brokers: string[];
  topic: string;
  siteId: string;
  bodiesFile: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  lingerMs: number;
  maxMessages: number;
}

try {
  const c = workerConfig<Config>();
  const bodies = readFileSync(c.bodiesFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as HitBody);
  const kafka = createKafka({ KAFKA_BROKERS: c.brokers, KAFKA_CLIENT_ID: "pulse-bench" }, createLogger("bench-produce", { level: "warn" }));
  const producer = createProducer(kafka);
  await producer.connect();
  const batching = new BatchingProducer(producer, c.topic, { lingerMs: c.lingerMs, maxMessages: c.maxMessages });

  const started = performance.now();
  const measureFrom = started + c.warmupMs;
  const end = measureFrom + c.durationMs;
  let next = 0;
  let lastDone = measureFrom;
  let errors = 0;
  const latencies: number[] = [];
  let cpuFrom: NodeJS.CpuUsage | undefined;
  const sender = async () => {
    while (performance.now() < end) {
      const body = bodies[next++ % bodies.length]!;
      const now = Date.now();
      const record = hitRecordOf("pageview", body, { siteId: c.siteId, time: now, receivedAt: now });
      const t = performance.now();
      try {
        await batching.send([{ key: partitionKeyOf(record), value: JSON.stringify(record) }]);
      } catch {
        errors++;
        continue;
      }
      const done = performance.now();
      if (t >= measureFrom) {
        cpuFrom ??= process.cpuUsage();
        latencies.push(done - t);
        lastDone = done;
      }
    }
  };
  await Promise.all(Array.from({ length: c.concurrency }, () => sender()));
  const wallMs = lastDone - measureFrom;
  const p = percentiles(latencies, [50, 99]);
  const cores = cpuFrom ? coresOf(cpuFrom, wallMs) : Number.NaN;
  await batching.drain();
  await producer.disconnect();
  await finish({ requests: latencies.length, rps: (latencies.length / wallMs) * 1000, p50: p["p50"], p99: p["p99"], errors, cores });
} catch (error) {
  fail(error);
}
