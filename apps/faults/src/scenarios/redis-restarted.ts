import { Realtime } from "@pulse/sessions";
import { type Scenario, sleep } from "../runner.js";

let restartedAt = 0;

/**
 * Redis SIGKILLed and started again empty (it keeps nothing on disk). Ingest does not need it to
 * accept; the consumer retries sessionization until Redis answers. Session state is gone, so a
 * visitor active across the gap starts a second session; the consumer keeps the day's salt in
 * memory, so visitor ids do not change. Realtime counters start again from the next batch.
 */
export const redisRestarted: Scenario = {
  name: "5 Redis SIGKILL, restarted empty after the outage",
  model: { maxSessionsPerVisitor: 2, visitorIdMayChange: false },
  inject: async ({ world, stack, profile, notes }) => {
    await stack.kill("redis");
    await sleep(profile.outageMs);
    await stack.up("redis");
    restartedAt = Date.now();
    const realtime = new Realtime(world.redis);
    const right = await realtime.activeVisitors(world.siteId, 300).catch(() => -1);
    notes.push(`right after the restart realtime counted ${right} active visitors`);
  },
  afterSettle: async ({ world, driver, problems, notes }) => {
    const { refused, unanswered } = driver.counts();
    if (refused + unanswered > 0) problems.push(`ingest refused ${refused} and left ${unanswered} unanswered while Redis was away`);
    const after = new Set(driver.events.filter((e) => e.outcome === "acked" && e.time > restartedAt).map((e) => e.visitor));
    const active = await new Realtime(world.redis).activeVisitors(world.siteId, 300);
    if (active !== after.size) problems.push(`realtime counts ${active} active visitors; ${after.size} sent hits after the restart`);
    notes.push(`realtime after recovery: ${active} active visitors (${after.size} visitors sent hits after the restart)`);
  },
};
