import type { Config } from "@pulse/config";
import type { Logger } from "@pulse/logger";
import type { BatchProcessor } from "@pulse/pipeline";
import type { Consumer, Kafka } from "kafkajs";

export interface HitsConsumer {
  consumer: Consumer;
  /** True while the consumer is a member of its group with partitions assigned. */
  isReady: () => boolean;
  stop: () => Promise<void>;
}

/**
 * The consumer group loop. Kafka's fetch waits for CONSUMER_FLUSH_BYTES or CONSUMER_FLUSH_MS, which is
 * what makes each batch, and so each ClickHouse insert, large. Offsets are committed by hand, in order,
 * only after the batch's rows are in ClickHouse.
 */
export async function startHitsConsumer(
  kafka: Kafka,
  processor: BatchProcessor,
  config: Config,
  logger: Logger,
): Promise<HitsConsumer> {
  const consumer = kafka.consumer({
    groupId: config.KAFKA_CONSUMER_GROUP,
    minBytes: config.CONSUMER_FLUSH_BYTES,
    maxWaitTimeInMs: config.CONSUMER_FLUSH_MS,
    maxBytes: config.CONSUMER_MAX_BATCH_BYTES,
    maxBytesPerPartition: config.CONSUMER_MAX_BATCH_BYTES,
    // A consumer that died is noticed after this long, and its partitions go to the others.
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  let joined = false;
  let stopping = false;
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    joined = true;
    processor.onRebalance();
    logger.info({ assignment: event.payload.memberAssignment }, "joined consumer group");
  });
  consumer.on(consumer.events.CRASH, (event) => {
    joined = false;
    logger.error({ err: event.payload.error, restart: event.payload.restart }, "consumer crashed");
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.KAFKA_HITS_TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
      const outcome = await processor.process(batch, {
        isActive: () => !stopping && isRunning() && !isStale(),
        heartbeat,
      });
      if (outcome.lastOffset === undefined) return;
      resolveOffset(outcome.lastOffset);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(outcome.lastOffset) + 1n).toString() },
      ]);
      const { timings, lastOffset: _l, ...counts } = outcome;
      logger.debug({ partition: batch.partition, ...counts, timings }, "batch written");
    },
  });
  return {
    consumer,
    isReady: () => joined && !stopping,
    stop: async () => {
      stopping = true;
      await consumer.disconnect();
    },
  };
}
