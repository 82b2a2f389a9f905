import type { Config } from "@pulse/config";
import type { Kafka } from "kafkajs";

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries?: { name: string; value: string }[];
}

/** The topics the pipeline needs, with explicit partition counts: nothing relies on auto-creation. */
export function pipelineTopics(
  config: Pick<Config, "KAFKA_HITS_TOPIC" | "KAFKA_DLQ_TOPIC" | "KAFKA_HITS_PARTITIONS" | "KAFKA_REPLICATION_FACTOR">,
): TopicSpec[] {
  const minInsync = String(Math.min(2, config.KAFKA_REPLICATION_FACTOR));
  return [
    {
      topic: config.KAFKA_HITS_TOPIC,
      numPartitions: config.KAFKA_HITS_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      configEntries: [
        { name: "min.insync.replicas", value: minInsync },
        { name: "retention.ms", value: String(7 * 24 * 3600 * 1000) },
      ],
    },
    {
      topic: config.KAFKA_DLQ_TOPIC,
      numPartitions: 1,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      configEntries: [{ name: "retention.ms", value: String(30 * 24 * 3600 * 1000) }],
    },
  ];
}

/**
 * Creates missing topics and grows existing ones that have fewer partitions than asked.
 * Never shrinks: Kafka cannot, and shrinking would reorder keys.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    const present = specs.filter((s) => existing.has(s.topic));
    if (present.length === 0) return;
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
    const grow = metadata.topics
      .map((t) => ({ topic: t.name, have: t.partitions.length, want: present.find((s) => s.topic === t.name)!.numPartitions }))
      .filter((t) => t.want > t.have)
      .map((t) => ({ topic: t.topic, count: t.want }));
    if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
  } finally {
    await admin.disconnect();
  }
}

/** Readiness probe: the cluster answers a metadata request. */
export async function isKafkaReachable(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect();
  }
}
