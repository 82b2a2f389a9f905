import { delayInserts, restoreInserts } from "../insert-pressure.js";
import { type Scenario, sleep } from "../runner.js";

/**
 * Probe: one consumer, no process killed; ClickHouse holds every insert for 45 s, longer than both
 * the client's request timeout and the consumer group's session timeout (30 s each).
 */
export const clickhouseStalled: Scenario = {
  name: "6b ClickHouse holds inserts longer than the session timeout",
  inject: async ({ world, notes }) => {
    await delayInserts(world.clickhouse, 45_000);
    try {
      await sleep(50_000);
    } finally {
      await restoreInserts(world.clickhouse);
    }
    notes.push("inserts held 45 s for 50 s");
  },
};
