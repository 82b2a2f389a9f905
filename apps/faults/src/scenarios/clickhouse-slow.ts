import { delayInserts, refuseInserts, restoreInserts } from "../insert-pressure.js";
import { type Scenario, sleep } from "../runner.js";

const REQUEST_TIMEOUT_MS = 4000;

/**
 * ClickHouse slow or refusing writes rather than down, in three phases: every insert delayed 2 s on
 * the server; delayed beyond the consumer's request timeout (the client gives up while the server
 * still writes, and the retry must not count twice); and refused outright (TOO_MANY_PARTS, as with a
 * full disk). Heavy events (about 20 KB each, 2 MB/s) make the backlog large. Ingest keeps accepting, the
 * backlog stays in Kafka (lag grows), and the consumer's memory does not grow with it.
 */
export const clickhouseSlow: Scenario = {
  name: "6 ClickHouse slow, slower than the client's timeout, then refusing writes",
  serviceEnv: { CLICKHOUSE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  driver: { paddingBytes: 20_000, requestsPerSecond: 20 },
  inject: async ({ world, profile, problems, notes }) => {
    const consumer = world.consumers[0]!;
    const failures = { timeout: 0, tooManyParts: 0, other: 0 };
    world.onConsumerLog((entry) => {
      const message = (entry.err as { message?: string } | undefined)?.message;
      if (message === undefined) return;
      if (/timeout/i.test(message)) failures.timeout++;
      else if (/too many parts/i.test(message)) failures.tooManyParts++;
      else failures.other++;
    });
    const rss: number[] = [];
    let peakLag = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        rss.push(consumer.rssMb());
        peakLag = Math.max(peakLag, await world.lag().catch(() => 0));
        await sleep(500);
      }
    })();
    const before = Math.max(...rss, consumer.rssMb());
    try {
      await delayInserts(world.clickhouse, 2000);
      await sleep(profile.outageMs);
      await delayInserts(world.clickhouse, REQUEST_TIMEOUT_MS + 1500);
      await sleep(profile.outageMs);
      await refuseInserts(world.clickhouse);
      await sleep(profile.outageMs);
    } finally {
      await restoreInserts(world.clickhouse);
      sampling = false;
      await sampler;
    }
    const peak = Math.max(...rss);
    const backlogMb = (peakLag * 20_500) / 2 ** 20;
    notes.push(
      `consumer RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB during the faults; ` +
        `peak lag ${peakLag} events (about ${backlogMb.toFixed(0)} MiB waiting in Kafka)`,
    );
    notes.push(`consumer errors logged: ${JSON.stringify(failures)}`);
    if (peakLag === 0) problems.push("no backlog built up: the fault had no effect");
    if (failures.timeout === 0) problems.push("no insert timed out: the slower-than-timeout phase had no effect");
    if (failures.tooManyParts === 0) problems.push("no insert was refused: the refusing phase had no effect");
    // Buffering the backlog in the consumer would grow it by the backlog's size; a few fetches are
    // allowed. The check can tell the two apart only when the backlog is larger than the allowance
    // (the full profile's is).
    const allowedMb = 48;
    if (peak - before > allowedMb) problems.push(`consumer memory grew by ${(peak - before).toFixed(0)} MiB (allowed ${allowedMb})`);
    if (backlogMb <= allowedMb) notes.push(`the backlog is below the ${allowedMb} MiB allowance: this run cannot prove the bound`);
  },
  afterSettle: async ({ driver, problems }) => {
    const { refused, unanswered } = driver.counts();
    if (refused + unanswered > 0) problems.push(`ingest refused ${refused} and left ${unanswered} unanswered though Kafka was up`);
  },
};
