import { randomUUID } from "node:crypto";
import { type AuthEnv, freshLookup, rateLimit } from "@pulse/api-kit";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { AccessTokens, MetadataCache, MetadataStore, type Scope } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";
import { OpenApiRegistry, withJsonErrors } from "@pulse/service";
import { Realtime } from "@pulse/sessions";
import { StatsEngine } from "@pulse/stats";
import { Hono } from "hono";
import { authenticateBearer } from "../auth/authenticate.js";
import { pirschTokenRoutes } from "../auth/token-routes.js";
import { pirschManagementRoutes } from "../management.js";
import { pirschStatisticsRoutes } from "../statistics/statistics-routes.js";

export interface Reply {
  status: number;
  headers: Headers;
  // Responses are checked field by field against the reference; any is what a JSON test reads.
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  body: any;
}

export interface PirschWorld {
  db: TestDatabase;
  redis: Redis;
  store: MetadataStore;
  cache: MetadataCache;
  accessTokens: AccessTokens;
  registry: OpenApiRegistry;
  app: Hono;
  /** An account with an admin key, the usual caller. */
  accountId: string;
  admin: string;
  /** A request as a Pirsch client sends it: JSON body, bearer token. */
  call: (method: string, path: string, token?: string, body?: unknown) => Promise<Reply>;
  /** A key of the account with these scopes (limited to one site when given). */
  keyWith: (scopes: Scope[], siteId?: string) => Promise<string>;
  /** A site of the account, made through the store. */
  newSite: (label: string) => Promise<{ id: string; domain: string }>;
  dispose: () => Promise<void>;
}

/** A unique hostname per call, so tests never clash on the domain uniqueness rule. */
export const uniqueHost = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}.example.com`;

/**
 * The routes as the query app mounts them, in process, over real ClickHouse (a fresh database with
 * every migration) and Redis (a fresh prefix): the token exchange in the open, then everything else
 * behind authenticateBearer and the rate limit.
 */
export async function pirschWorld(name: string): Promise<PirschWorld> {
  const config = loadConfig();
  const keyPrefix = `it:${randomUUID()}:`;
  const db = await createTestDatabase(name);
  const redis = createRedis(config, keyPrefix);
  const subscriber = createRedis(config, keyPrefix);
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const cache = new MetadataCache({ source: store, createSubscriber: () => subscriber, keyPrefix });
  await cache.start();
  const accessTokens = new AccessTokens({ redis });
  const registry = new OpenApiRegistry();
  const fresh = freshLookup(cache);

  const app = withJsonErrors(new Hono(), createLogger("pirsch-it", { level: "silent" }));
  app.route("/", pirschTokenRoutes({ cache, accessTokens, fresh, redis, trustedProxyHeaders: ["x-forwarded-for"] }, registry));
  const api = new Hono<AuthEnv>();
  api.use("/api/v1/*", authenticateBearer({ cache, accessTokens, fresh }), rateLimit(redis, 10_000));
  api.route("/", pirschManagementRoutes({ store, cache, redis, clickhouse: db.client, accessTokens, publicUrl: "https://analytics.test" }, registry));
  const engine = new StatsEngine(db.client, { realtime: new Realtime(redis) });
  api.route("/", pirschStatisticsRoutes({ engine, cache, store, sites: (id) => fresh(() => cache.siteById(id)) }, registry));
  app.route("/", api as unknown as Hono);

  const account = await store.createAccount({ name: `Pirsch ${name}` });
  const admin = (await store.createApiKey({ account_id: account.id, scopes: ["admin"] })).token;
  await cache.reload();

  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<Reply> => {
    const response = await app.request(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  const keyWith = async (scopes: Scope[], siteId?: string) => {
    const { token } = await store.createApiKey({ account_id: account.id, scopes, site_id: siteId });
    await cache.reload();
    return token;
  };
  const newSite = async (label: string) => {
    const site = await store.createSite({ account_id: account.id, domain: uniqueHost(label) });
    await cache.reload();
    return { id: site.id, domain: site.domain };
  };

  return {
    db,
    redis,
    store,
    cache,
    accessTokens,
    registry,
    app,
    accountId: account.id,
    admin,
    call,
    keyWith,
    newSite,
    dispose: async () => {
      await cache.stop();
      subscriber.disconnect();
      redis.disconnect();
      await db.dispose();
    },
  };
}
