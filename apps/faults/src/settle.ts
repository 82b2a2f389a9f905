import { storedCountOf } from "./stored.js";
import type { World } from "./world.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the consumer group has committed every message in the topic (offsets are committed
 * only after their rows are in ClickHouse) and the row count stopped moving. Resolves whether it
 * settled, so a scenario that did not still prints its figures.
 */
export async function settle(world: World, timeoutMs: number): Promise<{ settled: boolean; ms: number }> {
  const started = Date.now();
  let previous = -1;
  let stableSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    const lag = await world.lag().catch(() => Number.NaN);
    const count = await storedCountOf(world.clickhouse, world.siteId).catch(() => -1);
    if (count !== previous) {
      previous = count;
      stableSince = Date.now();
    }
    if (lag === 0 && count >= 0 && Date.now() - stableSince >= 1500) return { settled: true, ms: Date.now() - started };
    await sleep(500);
  }
  return { settled: false, ms: Date.now() - started };
}
