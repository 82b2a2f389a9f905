import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Logger } from "@pulse/logger";
import type { MetadataStore } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import type { WebhookDispatcher } from "./dispatcher.js";
import { type TrackedEvent, trackedEvent } from "./payload.js";

export interface WebhookEventFeedOptions {
  /** Bound to the database holding the events table. */
  clickhouse: ClickHouseClient;
  redis: Redis;
  /** Which sites and event names have active webhooks (read on every poll, so always current). */
  store: Pick<MetadataStore, "listWebhooks">;
  dispatcher: Pick<WebhookDispatcher, "notify">;
  intervalMs?: number;
  /** How far behind now a poll reads, so rows the consumer is still writing are not skipped. */
  lagMs?: number;
  /** Events per poll. */
  batchSize?: number;
  logger?: Logger;
}

interface Watermark {
  at: string;
  id: string;
}

interface EventRow {
  site_id: string;
  event_name: string;
  /** As text: an alias named id would shadow the column in WHERE. */
  event_id: string;
  time: string;
  received_at: string;
  hostname: string;
  path: string;
  title: string;
  event_duration: number;
  event_meta: Record<string, string>;
}

const WATERMARK = "webhook-feed:watermark";
const LOCK = "webhook-feed:lock";
const NO_ID = "00000000-0000-0000-0000-000000000000";
/** Only events that happened at most this long before they arrived are seen: it keeps the scan on recent partitions. */
const MAX_LATENESS_MS = 86_400_000;

/** ClickHouse's DateTime64 parameter format: "YYYY-MM-DD hh:mm:ss.sss" in UTC. */
const chTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

/**
 * Finds the custom events webhooks wait for, by reading what the pipeline wrote to ClickHouse, so
 * webhooks work without a change to ingest or the consumer. Every instance may run one; a Redis
 * lock lets one poll at a time, and a watermark (arrival time and id of the last event handled)
 * carries on where the previous poll stopped, across restarts. Delivery is at least once: the
 * watermark moves after the deliveries settle.
 */
export class WebhookEventFeed {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly instance = randomUUID();
  private readonly intervalMs: number;
  private readonly lagMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: WebhookEventFeedOptions) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.lagMs = options.lagMs ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.pollIfLeader()
        .catch((error: unknown) => this.options.logger?.warn({ err: error }, "webhook feed poll failed"))
        .finally(() => {
          this.running = undefined;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Polls once when this instance holds (or takes) the lock; returns the events handled. */
  async pollIfLeader(now = Date.now()): Promise<number> {
    const { redis } = this.options;
    const lockMs = this.intervalMs * 3 + 60_000;
    const taken = await redis.set(LOCK, this.instance, "PX", lockMs, "NX");
    if (taken !== "OK") {
      if ((await redis.get(LOCK)) !== this.instance) return 0;
      await redis.pexpire(LOCK, lockMs);
    }
    return this.pollOnce(now);
  }

  /** Reads the next events with active webhooks, delivers them and moves the watermark past them. */
  async pollOnce(now = Date.now()): Promise<number> {
    const hooks = (await this.options.store.listWebhooks()).filter((hook) => hook.active);
    const until = now - this.lagMs;
    const watermark = await this.watermark(until);
    if (hooks.length === 0) {
      // Nothing listens: skip ahead, so a webhook made later does not receive old events.
      await this.save({ at: chTime(until), id: NO_ID });
      return 0;
    }
    const rows = await this.eventsAfter(watermark, until, hooks.map((hook) => hook.site_id), hooks.map((hook) => hook.event));
    for (const row of rows) await this.options.dispatcher.notify(eventOf(row));
    const last = rows.at(-1);
    await this.save(last && rows.length === this.batchSize ? { at: last.received_at, id: last.event_id } : { at: chTime(until), id: NO_ID });
    return rows.length;
  }

  private async watermark(until: number): Promise<Watermark> {
    const stored = await this.options.redis.get(WATERMARK);
    if (stored) return JSON.parse(stored) as Watermark;
    // First run: start now, not at the beginning of history.
    return { at: chTime(until), id: NO_ID };
  }

  private async save(watermark: Watermark): Promise<void> {
    await this.options.redis.set(WATERMARK, JSON.stringify(watermark));
  }

  private async eventsAfter(after: Watermark, until: number, sites: string[], names: string[]): Promise<EventRow[]> {
    const result = await this.options.clickhouse.query({
      query: `SELECT site_id, event_name, toString(id) AS event_id, time, received_at, hostname, path, title, event_duration, event_meta
        FROM events
        WHERE kind = 'event'
          AND site_id IN {sites:Array(String)}
          AND event_name IN {names:Array(String)}
          AND time >= {earliest:DateTime64(3, 'UTC')}
          AND (received_at, id) > ({after_at:DateTime64(3, 'UTC')}, {after_id:UUID})
          AND received_at <= {until:DateTime64(3, 'UTC')}
        ORDER BY received_at, id
        LIMIT {limit:UInt32}`,
      query_params: {
        sites: [...new Set(sites)],
        names: [...new Set(names)],
        earliest: chTime(Date.parse(`${after.at.replace(" ", "T")}Z`) - MAX_LATENESS_MS),
        after_at: after.at,
        after_id: after.id,
        until: chTime(until),
        limit: this.batchSize,
      },
      format: "JSONEachRow",
    });
    return result.json<EventRow>();
  }
}

function eventOf(row: EventRow): TrackedEvent {
  return trackedEvent.parse({
    site_id: row.site_id,
    event_name: row.event_name,
    time: `${row.time.replace(" ", "T")}Z`,
    hostname: row.hostname,
    path: row.path,
    title: row.title,
    duration_seconds: Number(row.event_duration),
    meta: row.event_meta,
  });
}
