import type { ClickHouseClient } from "@pulse/clickhouse";
import { clickhouseTimeOf } from "./clickhouse-time.js";
import { sleep } from "./processes.js";
import { type Weighted, weightedPercentile } from "./stats.js";

/** Width of the received_at buckets the poll counts by, ms. */
export const BUCKET_MS = 100;

/**
 * End-to-end lag from polling: every poll counts a site's events by 100 ms bucket of `received_at`
 * (when ingest accepted them); events that were not there at the previous poll became visible between
 * the two polls, taken as the midpoint. Lag = that moment − the bucket's middle, so the error is at
 * most half a poll interval plus half a bucket.
 */
export class VisibilityTracker {
  private readonly seen = new Map<number, number>();
  readonly lags: Weighted[] = [];
  total = 0;
  /** Estimated moment the last new events became visible (epoch ms). */
  lastVisibleAt = Number.NaN;

  observe(previousPollAt: number, pollAt: number, counts: readonly { b: number; n: number }[]): number {
    const visibleAt = (previousPollAt + pollAt) / 2;
    let fresh = 0;
    for (const { b, n } of counts) {
      const before = this.seen.get(b) ?? 0;
      if (n <= before) continue;
      this.seen.set(b, n);
      const added = n - before;
      this.lags.push({ value: visibleAt - (b * BUCKET_MS + BUCKET_MS / 2), weight: added });
      fresh += added;
    }
    if (fresh > 0) {
      this.total += fresh;
      this.lastVisibleAt = visibleAt;
    }
    return fresh;
  }

  /** Lag percentile in ms; `missing` events not yet visible count with lag `missingLagMs` (a lower bound). */
  lagPercentile(p: number, missing = 0, missingLagMs = 0): number {
    const items = missing > 0 ? [...this.lags, { value: missingLagMs, weight: missing }] : this.lags;
    return weightedPercentile(items, p);
  }
}

/** Polls ClickHouse for one site's events every `intervalMs` until stopped. */
export class VisibilityPoller {
  readonly tracker = new VisibilityTracker();
  private running = false;
  private loop: Promise<void> | undefined;
  polls = 0;
  pollMs = 0;
  /** Polls that failed (a poll is retried at the next interval). */
  errors = 0;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly siteId: string,
    private readonly intervalMs = 500,
    /**
     * Count only events received in the last windowMs (and timed at most 10 minutes before that),
     * so that a long run polls a slice of bounded size; events later than that are never seen.
     */
    private readonly windowMs?: number,
  ) {}

  start(): void {
    this.running = true;
    let previous = Date.now();
    this.loop = (async () => {
      while (this.running) {
        const at = Date.now();
        try {
          const counts = await this.count();
          this.pollMs += Date.now() - at;
          this.polls++;
          this.tracker.observe(previous, at, counts);
          previous = at;
        } catch {
          this.errors++;
        }
        const wait = this.intervalMs - (Date.now() - at);
        if (wait > 0) await sleep(wait);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async count(): Promise<{ b: number; n: number }[]> {
    const params: Record<string, unknown> = { site: this.siteId };
    let recent = "";
    if (this.windowMs !== undefined) {
      const since = Date.now() - this.windowMs;
      params["since"] = clickhouseTimeOf(since);
      params["since_time"] = clickhouseTimeOf(since - 600_000);
      recent = " AND received_at >= {since:DateTime64(3, 'UTC')} AND time >= {since_time:DateTime64(3, 'UTC')}";
    }
    const result = await this.client.query({
      query: `SELECT intDiv(toUnixTimestamp64Milli(received_at), ${BUCKET_MS}) AS b, count() AS n
              FROM events WHERE site_id = {site:String}${recent} GROUP BY b`,
      query_params: params,
      format: "JSONEachRow",
    });
    return (await result.json<{ b: number | string; n: number | string }>()).map((r) => ({ b: Number(r.b), n: Number(r.n) }));
  }
}
