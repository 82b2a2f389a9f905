import {
  accountCreate,
  type ApiKey,
  apiKeyCreate,
  ConflictError,
  hasScope,
  type MetadataCache,
  type MetadataStore,
  NotFoundError,
  publicApiKey,
  site,
  siteCreate,
  siteUpdate,
  trafficFilter,
  trafficFilterCreate,
  account as accountSchema,
} from "@pulse/metadata";
import { fieldProblemsOf, type OpenApiRegistry, ValidationError } from "@pulse/service";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { type AuthEnv, paramOf, requireScope, route, type SiteLookup, siteFor } from "@pulse/api-kit";
import { siteResourceRoutes } from "./site-resources.js";

export interface ManagementDeps {
  store: MetadataStore;
  cache: MetadataCache;
  sites: SiteLookup;
}

const TAG = "Management";
export { API } from "./paths.js";
import { API } from "./paths.js";

/** Store errors as HTTP answers: a missing entity is 404, a conflicting write 409. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new HTTPException(404, { message: error.message });
    if (error instanceof ConflictError) throw new HTTPException(409, { message: error.message });
    if (error instanceof z.ZodError) throw new ValidationError("Invalid request", fieldProblemsOf(error));
    throw error;
  }
}

const siteBody = siteCreate.omit({ account_id: true });
const keyBody = apiKeyCreate.omit({ account_id: true });
const filterBody = z.object({
  type: z.enum(["ip", "cidr", "path", "user_agent"]),
  filter: z.string(),
  description: z.string().max(500).default(""),
});
const createdKey = z.object({ key: publicApiKey, token: z.string() });

/** Whether `caller` may see and revoke `key`: keys of its account, and of its own site when it is limited to one. */
function reaches(caller: ApiKey, key: ApiKey): boolean {
  return key.account_id === caller.account_id && (caller.site_id === "" || key.site_id === caller.site_id);
}

/** Accounts, sites, API keys and traffic filters: the native management API. */
export function managementRoutes({ store, cache, sites }: ManagementDeps, registry: OpenApiRegistry): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  /** A write, then a reload, so this instance answers the next request with what it just wrote. */
  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    const result = await answer(work);
    await cache.reload();
    return result;
  };

  route(app, registry, { method: "get", path: `${API}/account`, summary: "The token's account", tag: TAG, scope: "organizations:read", response: accountSchema }, async (c) => {
    const key = c.get("key");
    requireScope(key, "organizations:read");
    return c.json(await answer(async () => (await store.getAccount(key.account_id)) ?? Promise.reject(new NotFoundError("account", key.account_id))));
  });

  route(
    app,
    registry,
    { method: "post", path: `${API}/accounts`, summary: "Create an account and its first admin key", tag: TAG, scope: "admin", body: accountCreate, response: z.object({ account: accountSchema, token: z.string() }), status: 201 },
    async (c, { body }) => {
      const key = c.get("key");
      requireScope(key, "admin");
      if (key.site_id !== "") throw new HTTPException(403, { message: "A token limited to one site cannot create accounts" });
      const account = await write(() => store.createAccount(body));
      const { token } = await write(() => store.createApiKey({ account_id: account.id, name: "admin", scopes: ["admin"] }));
      return c.json({ account, token }, 201);
    },
  );

  route(app, registry, { method: "get", path: `${API}/sites`, summary: "List the account's sites", tag: TAG, scope: "domains:read", response: z.array(site) }, async (c) => {
    const key = c.get("key");
    requireScope(key, "domains:read");
    const sites = await store.listSites({ account_id: key.account_id });
    return c.json(key.site_id === "" ? sites : sites.filter((s) => s.id === key.site_id));
  });

  route(app, registry, { method: "post", path: `${API}/sites`, summary: "Create a site", tag: TAG, scope: "domains:write", body: siteBody, response: site, status: 201 }, async (c, { body }) => {
    const key = c.get("key");
    requireScope(key, "domains:write");
    if (key.site_id !== "") throw new HTTPException(403, { message: "A token limited to one site cannot create sites" });
    return c.json(await write(() => store.createSite({ ...body, account_id: key.account_id })), 201);
  });

  route(app, registry, { method: "get", path: `${API}/sites/:id`, summary: "Get a site", tag: TAG, scope: "domains:read", response: site }, async (c) =>
    c.json(await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:read")),
  );

  route(app, registry, { method: "patch", path: `${API}/sites/:id`, summary: "Update a site", tag: TAG, scope: "domains:write", body: siteUpdate, response: site }, async (c, { body }) => {
    const target = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    return c.json(await write(() => store.updateSite(target.id, body)));
  });

  route(app, registry, { method: "delete", path: `${API}/sites/:id`, summary: "Delete a site", tag: TAG, scope: "domains:write", status: 204 }, async (c) => {
    const target = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    await write(() => store.deleteSite(target.id));
    return c.body(null, 204);
  });

  route(app, registry, { method: "get", path: `${API}/keys`, summary: "List the account's API keys (never their tokens)", tag: TAG, scope: "organizations:read", response: z.array(publicApiKey) }, async (c) => {
    const key = c.get("key");
    requireScope(key, "organizations:read");
    const keys = await store.listApiKeys({ account_id: key.account_id });
    return c.json(keys.filter((k) => reaches(key, k)).map((k) => publicApiKey.parse(k)));
  });

  route(
    app,
    registry,
    { method: "post", path: `${API}/keys`, summary: "Create an API key; its token is shown once", tag: TAG, scope: "organizations:write", body: keyBody, response: createdKey, status: 201 },
    async (c, { body }) => {
      const key = c.get("key");
      requireScope(key, "organizations:write");
      // No key can hand out more than it holds.
      const beyond = body.scopes.filter((s) => !hasScope(key.scopes, s));
      if (beyond.length > 0) throw new HTTPException(403, { message: `This token cannot grant: ${beyond.join(", ")}` });
      if (body.site_id) await siteFor(key, sites, body.site_id, "organizations:write");
      else if (key.site_id !== "") throw new HTTPException(403, { message: "A token limited to one site can only create keys for it" });
      return c.json(await write(() => store.createApiKey({ ...body, account_id: key.account_id })), 201);
    },
  );

  route(app, registry, { method: "delete", path: `${API}/keys/:id`, summary: "Revoke an API key", tag: TAG, scope: "organizations:write", status: 204 }, async (c) => {
    const key = c.get("key");
    requireScope(key, "organizations:write");
    const target = await store.getApiKey(paramOf(c, "id"));
    if (!target || !reaches(key, target)) throw new HTTPException(404, { message: "No such key" });
    // As with granting: no key can take away more than it holds.
    if (!target.scopes.every((s) => hasScope(key.scopes, s))) throw new HTTPException(403, { message: "This token cannot revoke a key that holds more than it does" });
    await write(() => store.deleteApiKey(target.id));
    return c.body(null, 204);
  });

  route(app, registry, { method: "get", path: `${API}/sites/:id/filters`, summary: "List a site's traffic filters", tag: TAG, scope: "domains:read", response: z.array(trafficFilter) }, async (c) => {
    const target = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:read");
    return c.json(await store.listTrafficFilters({ site_id: target.id }));
  });

  route(app, registry, { method: "post", path: `${API}/sites/:id/filters`, summary: "Add a traffic filter", tag: TAG, scope: "domains:write", body: filterBody, response: trafficFilter, status: 201 }, async (c, { body }) => {
    const target = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    // The rule's shape depends on its type; the store's own schema checks the pair.
    const parsed = trafficFilterCreate.safeParse({ ...body, site_id: target.id });
    if (!parsed.success) throw new ValidationError("Invalid traffic filter", fieldProblemsOf(parsed.error));
    return c.json(await write(() => store.createTrafficFilter(parsed.data)), 201);
  });

  route(app, registry, { method: "delete", path: `${API}/sites/:id/filters/:filterId`, summary: "Delete a traffic filter", tag: TAG, scope: "domains:write", status: 204 }, async (c) => {
    const target = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    const filter = await store.getTrafficFilter(paramOf(c, "filterId"));
    if (!filter || filter.site_id !== target.id) throw new HTTPException(404, { message: "No such filter" });
    await write(() => store.deleteTrafficFilter(filter.id));
    return c.body(null, 204);
  });

  siteResourceRoutes(app, registry, { store, sites, write });
  return app;
}
