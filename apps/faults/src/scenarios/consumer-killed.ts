import { delayInserts, insertRunning, restoreInserts } from "../insert-pressure.js";
import { type FaultRun, type Scenario, sleep } from "../runner.js";

/** Resolves once an insert of this world is executing on the server (inserts are slowed meanwhile). */
async function untilInsertRunning({ world }: FaultRun, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await insertRunning(world.clickhouse, world.database).catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/**
 * The consumer SIGKILLed while its insert is executing, twice, each time replaced by a new process;
 * then a second consumer joins the group and leaves it (SIGTERM) mid-stream. Inserts are slowed to
 * 1.5 s on the server so the kills land mid-batch: the killed consumer's rows may be committed while
 * its Kafka offsets are not, and the replacement must skip them (ingest_progress), not write them twice.
 */
export const consumerKilled: Scenario = {
  name: "3 consumer SIGKILL mid-batch twice, then a second consumer joins and leaves",
  // Debug logs carry each batch's counts, among them the messages skipped as already written.
  serviceEnv: { LOG_LEVEL: "debug" },
  inject: async (run) => {
    const { world, profile, problems, notes } = run;
    let skipped = 0;
    world.onConsumerLog((entry) => {
      if (typeof entry.alreadyWritten === "number") skipped += entry.alreadyWritten;
    });
    await delayInserts(world.clickhouse, 1500);
    try {
      for (const attempt of [1, 2]) {
        const victim = world.consumers.find((c) => c.running)!;
        if (!(await untilInsertRunning(run))) problems.push(`kill ${attempt}: no insert was seen running`);
        await victim.stop("SIGKILL");
        const started = Date.now();
        await world.startConsumer();
        notes.push(`kill ${attempt} mid-insert; the replacement was in the group after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      const joiner = await world.startConsumer();
      notes.push("a second consumer joined the group");
      await sleep(profile.outageMs);
      await untilInsertRunning(run, 10_000);
      const { code } = await joiner.stop("SIGTERM");
      if (code !== 0) problems.push(`the second consumer exited with ${code} on SIGTERM`);
      notes.push("the second consumer left the group (SIGTERM) while an insert was running");
    } finally {
      await restoreInserts(world.clickhouse);
    }
    notes.push(`replacement consumers skipped ${skipped} messages whose rows the killed ones had written`);
    if (skipped === 0) problems.push("no replayed message was found already written: the kills did not land mid-batch");
  },
};
