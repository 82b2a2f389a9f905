import { delayInserts, insertRunning, restoreInserts } from "../insert-pressure.js";
import { type Scenario, sleep } from "../runner.js";

/** Longer than the consumer group's session timeout (30 s), after which the replacement takes over. */
const HOLD_MS = 40_000;

/**
 * The consumer SIGKILLed while ClickHouse holds its insert for longer than the group's session
 * timeout. The insert outlives its consumer: the replacement takes the partitions over, reads
 * ingest_progress before the orphaned insert commits, and re-forms the batch with other boundaries.
 */
export const consumerKilledSlow: Scenario = {
  name: "3b consumer SIGKILL during an insert ClickHouse holds past the session timeout",
  serviceEnv: { LOG_LEVEL: "debug" },
  inject: async ({ world, problems, notes }) => {
    const t0 = Date.now();
    world.onConsumerLog((e) => { if (e.msg !== "batch written") return; console.log(((Date.now() - t0) / 1000).toFixed(1), JSON.stringify({ p: e.partition, w: e.written, a: e.alreadyWritten, d: e.duplicates, ins: Math.round((e.timings as { insert: number }).insert) })); });
    await delayInserts(world.clickhouse, HOLD_MS);
    try {
      const victim = world.consumers[0]!;
      const deadline = Date.now() + 30_000;
      while (!(await insertRunning(world.clickhouse, world.database)) && Date.now() < deadline) await sleep(50);
      if (Date.now() >= deadline) problems.push("no insert was seen running");
      console.log("kill at", ((Date.now() - t0) / 1000).toFixed(1), JSON.stringify(await (await world.clickhouse.query({ query: "SELECT query_id, elapsed FROM system.processes WHERE current_database = {db:String} AND query_kind = 'Insert'", query_params: { db: world.database }, format: "JSONEachRow" })).json()));
      await victim.stop("SIGKILL");
      const killedAt = Date.now();
      await world.startConsumer();
      notes.push(`killed mid-insert; the replacement was in the group after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
      // Let the replacement form its first batch while the orphaned insert is still held.
      console.log("ready at", ((Date.now() - t0) / 1000).toFixed(1));
      void (async () => { const q = async () => { const rs = await world.clickhouse.query({ query: "SELECT query_id, elapsed, substring(query, 1, 30) AS q FROM system.processes WHERE current_database = {db:String} AND query_kind = 'Insert'", query_params: { db: world.database }, format: "JSONEachRow" }); return rs.json(); }; for (let i = 0; i < 40; i++) { console.log("PROC", ((Date.now() - t0) / 1000).toFixed(1), JSON.stringify(await q())); await sleep(1000); } })();
      await sleep(2000);
    } finally {
      await restoreInserts(world.clickhouse);
    }
  },
};
