import { type Scenario, sleep } from "../runner.js";

/**
 * The Kafka broker SIGKILLed mid-stream and restarted after the outage. Ingest cannot get an
 * acknowledgement, so it answers 503 with Retry-After and nothing of those requests may be stored;
 * the consumer reconnects (or is rebuilt) and continues from its committed offsets.
 */
export const kafkaKilled: Scenario = {
  name: "2 Kafka broker SIGKILL, restarted after the outage",
  inject: async ({ stack, profile, notes }) => {
    const killedAt = Date.now();
    await stack.kill("kafka");
    await sleep(profile.outageMs);
    await stack.up("kafka");
    notes.push(`Kafka down for ${((Date.now() - killedAt) / 1000).toFixed(1)} s (restart included)`);
  },
  afterSettle: async ({ driver, problems, notes }) => {
    const refusedHttp = driver.requests.filter((r) => r.outcome === "refused" && /^\d+$/.test(r.status));
    if (refusedHttp.length === 0) problems.push("no request was refused while the broker was down: the fault had no effect");
    const wrong = refusedHttp.filter((r) => r.status !== "503" || r.retryAfter !== "5");
    if (wrong.length > 0) problems.push(`refusals other than 503 + Retry-After: 5: ${JSON.stringify(wrong.slice(0, 3))}`);
    const statuses = new Map<string, number>();
    for (const r of driver.requests) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    notes.push(`requests by answer: ${JSON.stringify(Object.fromEntries(statuses))}`);
  },
};
