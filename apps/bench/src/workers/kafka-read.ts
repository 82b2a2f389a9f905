import { createKafka } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { coresOf, fail, finish, workerConfig } from "./worker.js";

/**
 * Ceiling of scenario 3: a kafkajs consumer with the consumer's own fetch settings reading the same
 * pre-filled topic and committing after every batch, doing nothing else with the messages.
 */
interface Config {
  brokers: string[];
  topic: string;
  groupId: string;
  expected: number;
  flushBytes: number;
  flushMs: number;
  maxBatchBytes: number;
  timeoutMs: number;
}

try {
  const c = workerConfig<Config>();
  const kafka = createKafka({ KAFKA_BROKERS: c.brokers, KAFKA_CLIENT_ID: "pulse-bench" }, createLogger("bench-read", { level: "warn" }));
  const consumer = kafka.consumer({
    groupId: c.groupId,
    minBytes: c.flushBytes,
    maxWaitTimeInMs: c.flushMs,
    maxBytes: c.maxBatchBytes,
    maxBytesPerPartition: c.maxBatchBytes,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  let joinedAt: number | undefined;
  let cpuFrom: NodeJS.CpuUsage | undefined;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt ??= performance.now();
    cpuFrom ??= process.cpuUsage();
  });
  let count = 0;
  let bytes = 0;
  let batches = 0;
  let endAt = 0;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic: c.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        bytes += message.value?.length ?? 0;
        // A message is one record or, as ingest bundles them, a JSON array of records.
        count += message.value?.[0] === 0x5b ? (JSON.parse(message.value.toString()) as unknown[]).length : 1;
      }
      batches++;
      const last = batch.messages.at(-1);
      if (last) {
        resolveOffset(last.offset);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
        ]);
      }
      if (count >= c.expected && endAt === 0) {
        endAt = performance.now();
        finished();
      }
    },
  });
  const timer = setTimeout(() => finished(), c.timeoutMs);
  await done;
  clearTimeout(timer);
  const end = endAt || performance.now();
  const wallMs = end - (joinedAt ?? end);
  const cores = cpuFrom ? coresOf(cpuFrom, wallMs) : Number.NaN;
  await consumer.disconnect();
  await finish({ count, bytes, batches, wallMs, eventsPerSec: (count / wallMs) * 1000, cores, complete: count >= c.expected });
} catch (error) {
  fail(error);
}
