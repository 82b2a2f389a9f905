import { delayInserts, insertRunning, restoreInserts } from "../insert-pressure.js";
import { type Scenario, sleep } from "../runner.js";

/** Longer than the consumer group's session timeout (30 s), after which the replacement takes over. */
const HOLD_MS = 50_000;

/**
 * The consumer SIGKILLed while ClickHouse holds its insert for longer than the group's session
 * timeout. The insert outlives its consumer: the replacement takes the partitions over, reads
 * ingest_progress before the orphaned insert commits, and re-forms the batch with other boundaries.
 */
export const consumerKilledSlow: Scenario = {
  name: "3b consumer SIGKILL during an insert ClickHouse holds past the session timeout",
  inject: async ({ world, problems, notes }) => {
    await delayInserts(world.clickhouse, HOLD_MS);
    try {
      const victim = world.consumers[0]!;
      const deadline = Date.now() + 30_000;
      while (!(await insertRunning(world.clickhouse, world.database)) && Date.now() < deadline) await sleep(50);
      if (Date.now() >= deadline) problems.push("no insert was seen running");
      await victim.stop("SIGKILL");
      const killedAt = Date.now();
      await world.startConsumer();
      notes.push(`killed mid-insert; the replacement was in the group after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
      // Let the replacement form its first batch while the orphaned insert is still held.
      await sleep(2000);
    } finally {
      await restoreInserts(world.clickhouse);
    }
  },
};
