import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import type { HitRecord } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { MetadataCache, MetadataStore } from "@pulse/metadata";
import { BatchProcessor } from "@pulse/pipeline";
import { createRedis, type Redis } from "@pulse/redis";
import { OpenApiRegistry, withJsonErrors } from "@pulse/service";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import { StatsEngine } from "@pulse/stats";
import { Hono } from "hono";
import { type AuthEnv, authenticate } from "./authenticate.js";
import { freshLookup } from "./fresh.js";
import { rateLimit } from "./rate-limit.js";

/** What a dialect's routes are built from in tests (and, the same way, in the query service). */
export interface DialectDeps {
  store: MetadataStore;
  cache: MetadataCache;
  redis: Redis;
  engine: StatsEngine;
  sites: (siteId: string) => Promise<import("@pulse/metadata").Site | undefined>;
  registry: OpenApiRegistry;
}

export interface DialectWorld {
  db: TestDatabase;
  redis: Redis;
  store: MetadataStore;
  cache: MetadataCache;
  engine: StatsEngine;
  /** Sends records through the real pipeline (enrich, sessionize, ClickHouse, realtime). */
  feed: (records: HitRecord[]) => Promise<void>;
  /** An app serving `routes` under token authentication and rate limits, with JSON errors. */
  mount: (routes: (deps: DialectDeps) => Hono<AuthEnv>, options?: { public?: (deps: DialectDeps) => Hono }) => Hono;
  dispose: () => Promise<void>;
}

/**
 * For integration tests of an API dialect: a fresh database and Redis prefix on the real servers,
 * the metadata store and cache, the stats engine, and a way to feed hits through the real pipeline.
 */
export async function dialectWorld(name: string): Promise<DialectWorld> {
  const config = loadConfig();
  const keyPrefix = `it:${randomUUID()}:`;
  const db = await createTestDatabase(name);
  const redis = createRedis(config, keyPrefix);
  const subscriber = createRedis(config, keyPrefix);
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const cache = new MetadataCache({ source: store, createSubscriber: () => subscriber, keyPrefix });
  await cache.start();
  const realtime = new Realtime(redis);
  const engine = new StatsEngine(db.client, { realtime });
  const processor = new BatchProcessor(
    {
      clickhouse: db.client,
      sessionizer: new Sessionizer(redis, { saltStore: new SaltStore(redis) }),
      realtime,
      hostnamesOf: (siteId) => {
        const site = cache.siteById(siteId);
        return site ? [site.domain, ...site.alternative_domains] : [];
      },
      deadLetter: async (letters) => {
        throw new Error(`test records were dead-lettered: ${letters.map((l) => l.reason).join("; ")}`);
      },
      logger: createLogger(name, { level: "silent" }),
    },
    `it.${name}`,
  );
  let offset = 0;
  const fresh = freshLookup(cache);
  return {
    db,
    redis,
    store,
    cache,
    engine,
    feed: async (records) => {
      const messages = records.map((r) => ({ offset: String(offset++), value: Buffer.from(JSON.stringify(r)) }));
      await processor.process({ topic: `it.${name}`, partition: 0, messages }, { isActive: () => true, heartbeat: async () => {} });
    },
    mount: (routes, options) => {
      const deps: DialectDeps = { store, cache, redis, engine, sites: (id) => fresh(() => cache.siteById(id)), registry: new OpenApiRegistry() };
      const app = withJsonErrors(new Hono(), createLogger(name, { level: "silent" }));
      if (options?.public) app.route("/", options.public(deps));
      const api = new Hono<AuthEnv>();
      api.use("*", authenticate({ cache, fresh }), rateLimit(redis, 10_000));
      api.route("/", routes(deps));
      app.route("/", api as unknown as Hono);
      return app;
    },
    dispose: async () => {
      await cache.stop();
      subscriber.disconnect();
      redis.disconnect();
      await db.dispose();
    },
  };
}
export { fixture, INJECTIONS, PEOPLE, type Sites } from "./testing-fixture.js";
