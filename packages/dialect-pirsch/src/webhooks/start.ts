import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Logger } from "@pulse/logger";
import type { MetadataCache, MetadataStore } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import { WebhookDispatcher, type WebhookDispatcherOptions } from "./dispatcher.js";
import { WebhookEventFeed, type WebhookEventFeedOptions } from "./event-feed.js";

export interface PirschWebhookDeps {
  store: MetadataStore;
  cache: MetadataCache;
  redis: Redis;
  /** Bound to the database holding the events table. */
  clickhouse: ClickHouseClient;
  logger?: Logger;
  dispatcher?: Partial<Omit<WebhookDispatcherOptions, "store" | "webhooksOf" | "redis">>;
  feed?: Partial<Omit<WebhookEventFeedOptions, "clickhouse" | "redis" | "store" | "dispatcher">>;
}

/** Webhook delivery as a service runs it: the dispatcher fed by the event feed, started; stop() on shutdown. */
export function startPirschWebhooks(deps: PirschWebhookDeps): { dispatcher: WebhookDispatcher; feed: WebhookEventFeed; stop: () => Promise<void> } {
  const dispatcher = new WebhookDispatcher({
    ...deps.dispatcher,
    store: deps.store,
    webhooksOf: (siteId) => deps.cache.webhooksOf(siteId),
    redis: deps.redis,
    logger: deps.logger,
  });
  const feed = new WebhookEventFeed({ ...deps.feed, clickhouse: deps.clickhouse, redis: deps.redis, store: deps.store, dispatcher, logger: deps.logger });
  feed.start();
  return { dispatcher, feed, stop: () => feed.stop() };
}
