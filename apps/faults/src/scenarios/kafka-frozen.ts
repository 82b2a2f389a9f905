import { type Scenario, sleep } from "../runner.js";

/** Longer than ingest waits for Kafka (INGEST_ACK_TIMEOUT_MS + INGEST_ACK_GRACE_MS, 12 s), so it answers 503s. */
const MIN_FREEZE_MS = 15_000;

/**
 * The Kafka broker frozen (SIGSTOP, as in a long GC pause or a network partition) and resumed after
 * the outage. The produce request in flight when it froze sits in the broker's socket; ingest gives
 * up on it and answers 503, and the broker appends it when it resumes. Whatever was answered 503
 * must not be stored: the consumer drops records appended after their `ack_by`.
 */
export const kafkaFrozen: Scenario = {
  name: "2b Kafka broker frozen (SIGSTOP), resumed after the outage",
  inject: async ({ stack, profile, notes }) => {
    const pid = stack.pidOf("kafka")!;
    const frozenMs = Math.max(MIN_FREEZE_MS, profile.outageMs);
    process.kill(pid, "SIGSTOP");
    try {
      await sleep(frozenMs);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    notes.push(`Kafka frozen for ${frozenMs / 1000} s`);
  },
  afterSettle: async ({ driver, notes }) => {
    const statuses = new Map<string, number>();
    for (const r of driver.requests) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    notes.push(`requests by answer: ${JSON.stringify(Object.fromEntries(statuses))}`);
  },
};
