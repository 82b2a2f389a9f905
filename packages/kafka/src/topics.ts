import type { Config } from "@pulse/config";
import kafkajs, { type Kafka } from "kafkajs";

// kafkajs is CommonJS and Node's ESM loader does not see this one as a named export.
const { ConfigResourceTypes } = kafkajs;

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
        // The broker stamps each message with the time it appended it, whatever the producer says:
        // the consumer drops a record appended after ingest stopped waiting and answered 503
        // (its `ack_by`), which a frozen broker does when it resumes.
        { name: "message.timestamp.type", value: "LogAppendTime" },
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
 * Creates missing topics, grows existing ones that have fewer partitions than asked, and gives
 * existing ones the settings asked where they differ (a topic made by an older version).
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
    await alignConfigs(admin, present);
  } finally {
    await admin.disconnect();
  }
}

type Admin = ReturnType<Kafka["admin"]>;

async function alignConfigs(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const withEntries = specs.filter((s) => (s.configEntries ?? []).length > 0);
  if (withEntries.length === 0) return;
  const described = await admin.describeConfigs({
    resources: withEntries.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic })),
    includeSynonyms: false,
  });
  const current = new Map(
    described.resources.map((r) => [r.resourceName, new Map(r.configEntries.map((e) => [e.configName, e.configValue]))]),
  );
  const differing = withEntries.filter((s) => s.configEntries!.some((e) => current.get(s.topic)?.get(e.name) !== e.value));
  if (differing.length === 0) return;
  // The (non-incremental) AlterConfigs request resets every entry it does not name, so it names all of ours.
  await admin.alterConfigs({
    validateOnly: false,
    resources: differing.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configEntries: s.configEntries! })),
  });
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
