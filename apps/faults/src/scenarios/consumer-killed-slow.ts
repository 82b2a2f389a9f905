import { delayInserts, insertRunning, restoreInserts } from "../insert-pressure.js";
import { type Scenario, sleep } from "../runner.js";

/**
 * Probe: the consumer SIGKILLed while an insert that ClickHouse delays for longer than the group's
 * session timeout (30 s) is executing; the replacement takes the partitions over before the orphaned
 * insert commits.
 */
export const consumerKilledSlow: Scenario = {
  name: "3b consumer SIGKILL during an insert slower than the session timeout",
  inject: async ({ world, problems, notes }) => {
    await delayInserts(world.clickhouse, 45_000);
    try {
      const victim = world.consumers[0]!;
      const deadline = Date.now() + 60_000;
      while (!(await insertRunning(world.clickhouse, world.database)) && Date.now() < deadline) await sleep(50);
      await victim.stop("SIGKILL");
      const killedAt = Date.now();
      await world.startConsumer();
      notes.push(`replacement in the group after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
      await sleep(20_000);
      if (!(await insertRunning(world.clickhouse, world.database))) problems.push("no insert running after the takeover");
    } finally {
      await restoreInserts(world.clickhouse);
    }
  },
};
