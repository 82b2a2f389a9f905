import { randomUUID } from "node:crypto";
import { type HitRecord, hitRecord } from "@pulse/hits";
import type { Kafka } from "@pulse/kafka";

export interface KafkaRecords {
  /** Resolves once everything the topic holds now has been read (every partition up to its high watermark). */
  caughtUp: (timeoutMs?: number) => Promise<void>;
  /** The records read so far whose user agent contains `marker`. */
  matching: (marker: string) => HitRecord[];
  /** Records that did not parse as a HitRecord (must stay empty). */
  invalid: string[];
  stop: () => Promise<void>;
}

/**
 * Reads a topic from its beginning into memory, unbundling what BatchingProducer bundled, so a test
 * can ask what really reached Kafka, and (after caughtUp) that something did not.
 */
export async function kafkaRecords(kafka: Kafka, topic: string): Promise<KafkaRecords> {
  const read: HitRecord[] = [];
  const invalid: string[] = [];
  const next = new Map<number, number>();
  const consumer = kafka.consumer({ groupId: `it-${randomUUID()}`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const value = JSON.parse(String(message.value)) as unknown;
      for (const item of Array.isArray(value) ? value : [value]) {
        const parsed = hitRecord.safeParse(item);
        if (parsed.success) read.push(parsed.data);
        else invalid.push(JSON.stringify(item).slice(0, 300));
      }
      next.set(partition, Number(message.offset) + 1);
    },
  });
  const admin = kafka.admin();
  await admin.connect();
  return {
    async caughtUp(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const offsets = await admin.fetchTopicOffsets(topic);
      for (;;) {
        const behind = offsets.filter((o) => (next.get(o.partition) ?? 0) < Number(o.high));
        if (behind.length === 0) return;
        if (Date.now() > deadline) throw new Error(`the topic was not read to its end in time: ${JSON.stringify(behind)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    matching: (marker) => read.filter((r) => r.user_agent.includes(marker)),
    invalid,
    stop: async () => {
      await consumer.disconnect();
      await admin.disconnect();
    },
  };
}
