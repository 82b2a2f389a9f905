import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { AccessTokens, MetadataCache, MetadataStore } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { Realtime } from "@pulse/sessions";
import { StatsEngine } from "@pulse/stats";
import { queryRoutes } from "../app.js";

export interface QueryWorld {
  db: TestDatabase;
  redis: Redis;
  store: MetadataStore;
  /** A query service instance (its own metadata cache) over the shared database and Redis. */
  instance: () => Promise<Hono>;
  dispose: () => Promise<void>;
}

/** Real ClickHouse (fresh database) and Redis (fresh prefix) behind in-process query apps. */
export async function queryWorld(name: string, rateLimitPerMinute = 1000): Promise<QueryWorld> {
  const config = loadConfig();
  const keyPrefix = `it:${randomUUID()}:`;
  const db = await createTestDatabase(name);
  const redis = createRedis(config, keyPrefix);
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const closers: (() => Promise<void> | void)[] = [];
  const instance = async () => {
    const subscriber = createRedis(config, keyPrefix);
    const cache = new MetadataCache({ source: store, createSubscriber: () => subscriber, keyPrefix });
    await cache.start();
    closers.push(() => cache.stop(), () => subscriber.disconnect());
    const app = withJsonErrors(new Hono(), createLogger("query-it", { level: "silent" }));
    const engine = new StatsEngine(db.client, { realtime: new Realtime(redis) });
    app.route("/", queryRoutes({ store, cache, redis, clickhouse: db.client, engine, accessTokens: new AccessTokens({ redis }), rateLimitPerMinute }));
    return app;
  };
  return {
    db,
    redis,
    store,
    instance,
    dispose: async () => {
      for (const close of closers) await close();
      redis.disconnect();
      await db.dispose();
    },
  };
}
