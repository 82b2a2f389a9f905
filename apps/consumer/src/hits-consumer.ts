import type { Config } from "@pulse/config";
import type { Logger } from "@pulse/logger";
import type { BatchProcessor } from "@pulse/pipeline";
import type { Consumer, Kafka } from "kafkajs";
import { CommitLanes } from "./commit-lanes.js";

export interface HitsConsumer {
  /** True while a consumer is a member of its group. */
  isReady: () => boolean;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Heartbeat answers saying this member's partitions may be (or be about to be) someone else's. */
const GROUP_CHANGED = new Set(["REBALANCE_IN_PROGRESS", "ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID", "FENCED_INSTANCE_ID"]);

/**
 * The consumer group loop. Kafka's fetch waits for CONSUMER_FLUSH_BYTES or CONSUMER_FLUSH_MS, which is
 * what makes each fetch, and so each ClickHouse insert (all partitions' batches of a fetch together),
 * large. Offsets are committed by hand, in order, only after the batch's rows are in ClickHouse.
 *
 * A batch's eachBatch returns as soon as its insert has started (BatchProcessor.start), with its
 * offset resolved, so kafkajs fetches the next batches and they are decoded, enriched and sessionized
 * while the insert runs; they wait for it before their own insert starts (a pipeline of depth two).
 * Commits follow each partition's order, and an abandoned batch rewinds its partition (CommitLanes).
 *
 * kafkajs gives up on a consumer after its own retries (a broker away for long, a lost group
 * membership) and may not restart it; a consumer that silently stopped would leave the partitions
 * unread, so a crash without restart builds a new consumer here, with backoff, until stop().
 */
export async function startHitsConsumer(
  kafka: Kafka,
  processor: BatchProcessor,
  config: Config,
  logger: Logger,
): Promise<HitsConsumer> {
  let joined = false;
  let stopping = false;
  let current: Consumer | undefined;
  const lanes = new CommitLanes({
    commit: async (partition, offset) => {
      await current?.commitOffsets([{ topic: config.KAFKA_HITS_TOPIC, partition, offset }]);
    },
    seek: (partition, offset) => {
      logger.info({ partition, offset }, "batch abandoned; fetching the partition again from it");
      try {
        current?.seek({ topic: config.KAFKA_HITS_TOPIC, partition, offset });
      } catch (error) {
        // Only when the consumer is gone: the partition's next reader starts from the committed offset.
        logger.warn({ err: error, partition, offset }, "seek failed");
      }
    },
    warn: (details, message) => logger.warn(details, message),
  });

  const create = async (): Promise<Consumer> => {
    const consumer = kafka.consumer({
      groupId: config.KAFKA_CONSUMER_GROUP,
      minBytes: config.CONSUMER_FLUSH_BYTES,
      maxWaitTimeInMs: config.CONSUMER_FLUSH_MS,
      // A batch (one insert) is one partition's share of a fetch: every partition may bring a full one.
      // Capping the whole fetch at one batch's size made inserts of a sixth of it, and an insert costs
      // ClickHouse tens of milliseconds whatever its size.
      maxBytes: config.CONSUMER_MAX_BATCH_BYTES * Math.max(1, config.KAFKA_HITS_PARTITIONS),
      maxBytesPerPartition: config.CONSUMER_MAX_BATCH_BYTES,
      // A consumer that died is noticed after this long; batches heartbeat between their stages.
      sessionTimeout: 30_000,
      heartbeatInterval: 1000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    consumer.on(consumer.events.REBALANCING, () => lanes.newGeneration());
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      joined = true;
      lanes.newGeneration();
      processor.onRebalance();
      logger.info({ assignment: event.payload.memberAssignment }, "joined consumer group");
    });
    consumer.on(consumer.events.CRASH, (event) => {
      joined = false;
      logger.error({ err: event.payload.error, restart: event.payload.restart }, "consumer crashed");
      if (!event.payload.restart && !stopping) void replace(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: config.KAFKA_HITS_TOPIC, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Every partition's batch of a fetch at once: while one waits for Redis, another is decoded and
      // enriched (partitions hold disjoint visitors, so their batches are independent), and they reach
      // ClickHouse as one insert (see @pulse/pipeline's InsertGroup).
      partitionsConsumedConcurrently: Math.max(1, config.KAFKA_HITS_PARTITIONS),
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const first = batch.messages[0]?.offset;
        const last = batch.messages.at(-1)?.offset;
        if (first === undefined || last === undefined) return;
        const lane = lanes.admit(batch.partition, first);
        if (lane === undefined) return; // fetched before its partition was rewound: it comes again
        const pending = await processor.start(batch, {
          isActive: () => !stopping && isRunning() && !isStale() && lanes.isCurrent(lane),
          heartbeat: async () => {
            try {
              await heartbeat();
            } catch (error) {
              // Batches prepared from here on must not start an insert: the partition may move.
              if (GROUP_CHANGED.has((error as { type?: string }).type ?? "")) lanes.newGeneration();
              throw error;
            }
          },
          abandoned: () => lanes.abandon(lane, first),
        });
        lanes.track(lane, first, pending.done);
        // The insert runs; the next fetch may go past this batch (an abandoned one rewinds the partition).
        if (lanes.isCurrent(lane)) resolveOffset(last);
        void pending.done.then(({ timings, lastOffset, ...counts }) => {
          if (lastOffset !== undefined) logger.debug({ partition: batch.partition, ...counts, timings }, "batch written");
        }, () => {});
      },
    });
    return consumer;
  };

  const replace = async (crashed: Consumer) => {
    if (crashed !== current) return;
    lanes.newGeneration();
    await crashed.disconnect().catch(() => {});
    for (let attempt = 1, delay = 1000; !stopping; attempt++, delay = Math.min(delay * 2, 30_000)) {
      try {
        current = await create();
        logger.info({ attempt }, "consumer restarted");
        return;
      } catch (error) {
        logger.error({ err: error, attempt, retryInMs: delay }, "consumer restart failed");
        await sleep(delay);
      }
    }
  };

  current = await create();
  return {
    isReady: () => joined && !stopping,
    stop: async () => {
      stopping = true;
      lanes.stop();
      // The insert under way ends (or fails, and is not retried) and is committed while still a member.
      await lanes.drain();
      await current?.disconnect();
    },
  };
}
