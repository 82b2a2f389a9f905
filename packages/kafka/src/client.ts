import type { Config } from "@pulse/config";
import type { Logger } from "@pulse/logger";
import { Kafka, logLevel, type LogEntry } from "kafkajs";

export type { Kafka };

const LEVELS: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/** kafkajs logs through the service's JSON logger instead of its own console format. */
function logCreatorFor(logger: Logger) {
  const child = logger.child({ component: "kafkajs" });
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, timestamp: _t, logger: _l, ...rest } = log;
      child[LEVELS[level] ?? "info"](rest, message);
    };
}

export interface KafkaOptions {
  /** How long a request may wait for the broker's answer (default 5 s). */
  requestTimeoutMs?: number;
}

export function createKafka(config: Pick<Config, "KAFKA_BROKERS" | "KAFKA_CLIENT_ID">, logger: Logger, options: KafkaOptions = {}): Kafka {
  // The default partitioner is the Java client's murmur2; this quiets kafkajs's one-off notice about it.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = "1";
  return new Kafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.WARN,
    logCreator: logCreatorFor(logger),
    connectionTimeout: 3000,
    requestTimeout: options.requestTimeoutMs ?? 5000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
  });
}
