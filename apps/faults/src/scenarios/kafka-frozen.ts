import { type Scenario, sleep } from "../runner.js";

/**
 * The Kafka broker frozen (SIGSTOP, like a long GC pause or a network partition) and resumed after
 * the outage. Produce requests time out while the broker still holds them; when it resumes it
 * writes them. Whatever ingest answered 503 must not be stored.
 */
export const kafkaFrozen: Scenario = {
  name: "2b Kafka broker frozen (SIGSTOP), resumed after the outage",
  inject: async ({ stack, profile, notes }) => {
    const pid = stack.pidOf("kafka")!;
    process.kill(pid, "SIGSTOP");
    try {
      await sleep(profile.outageMs);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    notes.push(`Kafka frozen for ${profile.outageMs / 1000} s`);
  },
  afterSettle: async ({ driver, notes }) => {
    const statuses = new Map<string, number>();
    for (const r of driver.requests) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    notes.push(`requests by answer: ${JSON.stringify(Object.fromEntries(statuses))}`);
  },
};
