import { readinessOf } from "../service-process.js";
import { type Scenario, sleep } from "../runner.js";

/**
 * ClickHouse SIGKILLed mid-stream and restarted after the outage. Ingest does not need ClickHouse to
 * accept, so nothing is refused; the consumer retries the same batch (same deduplication token) until
 * the server is back, and says in /readyz which dependency is failing meanwhile.
 */
export const clickhouseKilled: Scenario = {
  name: "1 ClickHouse SIGKILL, restarted after the outage",
  inject: async ({ world, stack, profile, problems, notes }) => {
    const killedAt = Date.now();
    await stack.kill("clickhouse");
    const consumer = world.consumers[0]!;
    let readiness = await readinessOf(consumer.url);
    while (readiness.dependencies.clickhouse !== "failing" && Date.now() - killedAt < 15_000) {
      await sleep(250);
      readiness = await readinessOf(consumer.url);
    }
    if (readiness.status !== 503 || readiness.dependencies.clickhouse !== "failing") {
      problems.push(`consumer /readyz did not report ClickHouse failing: ${JSON.stringify(readiness)}`);
    }
    await sleep(Math.max(0, profile.outageMs - (Date.now() - killedAt)));
    await stack.up("clickhouse");
    notes.push(`ClickHouse down for ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  },
  afterSettle: async ({ driver, problems }) => {
    const { refused, unanswered } = driver.counts();
    if (refused + unanswered > 0) problems.push(`ingest refused ${refused} and left ${unanswered} unanswered though Kafka was up`);
  },
};
