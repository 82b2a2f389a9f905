import type { Kafka, Producer } from "kafkajs";

/**
 * The producer behind every acknowledged hit. One request in flight per broker keeps each partition's
 * order through retries; a few bounded retries make a failure definite within seconds, so ingest can
 * answer 503 instead of hanging. kafkajs's idempotent mode is not used: it is marked experimental and
 * wants unbounded retries; the rare duplicate a retried send can cause carries the same event id and is
 * dropped by the consumer.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    allowAutoTopicCreation: false,
    idempotent: false,
    maxInFlightRequests: 1,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1500 },
  });
}
