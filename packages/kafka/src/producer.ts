import { type Kafka, Partitioners, type Producer } from "kafkajs";

/** Partition counts per topic, as the producer's metadata had them at its last send. */
const partitionCounts = new WeakMap<Producer, Map<string, number>>();

/** How many partitions `topic` had at the producer's last send to it; undefined before the first. */
export function partitionCountOf(producer: Producer, topic: string): number | undefined {
  return partitionCounts.get(producer)?.get(topic);
}

export interface ProducerOptions {
  /**
   * Retries of a failed or timed-out send (default 3). Ingest uses 0: a retry after a timeout puts a
   * second copy in the broker's socket, and when copies are appended at different times ingest only
   * learns the time of the one it got an answer for, while the consumer keeps the first (see ack_by).
   */
  retries?: number;
}

/**
 * A producer for hits and dead letters. One request in flight per broker keeps each partition's
 * order through retries; bounded retries make a failure definite within seconds. kafkajs's idempotent
 * mode is not used: it is marked experimental and wants unbounded retries; the rare duplicate a
 * retried send can cause carries the same event id and is dropped by the consumer.
 *
 * Partitioning is kafkajs's default (murmur2 of the key, as the Java client); the partitioner also
 * notes each topic's partition count, so BatchingProducer can group messages by partition itself.
 */
export function createProducer(kafka: Kafka, options: ProducerOptions = {}): Producer {
  const counts = new Map<string, number>();
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    idempotent: false,
    maxInFlightRequests: 1,
    retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 1500 },
    createPartitioner: () => {
      const partition = Partitioners.DefaultPartitioner();
      return (args) => {
        counts.set(args.topic, args.partitionMetadata.length);
        return partition(args);
      };
    },
  });
  partitionCounts.set(producer, counts);
  return producer;
}
