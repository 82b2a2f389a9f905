import {
  funnel,
  funnelCreate,
  funnelUpdate,
  goal,
  goalCreate,
  goalUpdate,
  type MetadataStore,
  savedView,
  savedViewCreate,
  savedViewUpdate,
} from "@pulse/metadata";
import { fieldProblemsOf, type OpenApiRegistry, ValidationError } from "@pulse/service";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { type AuthEnv, paramOf, route, type SiteLookup, siteFor } from "@pulse/api-kit";
import { API } from "./paths.js";

interface SiteOwned {
  id: string;
  site_id: string;
}

/** What the routes need of the store for one kind of site-owned entity. */
interface Resource<T extends SiteOwned> {
  /** URL segment and OpenAPI tag, e.g. "goals". */
  name: string;
  entity: z.ZodType<T>;
  create: z.ZodObject;
  update: z.ZodType;
  list: (siteId: string) => Promise<T[]>;
  get: (id: string) => Promise<T | undefined>;
  add: (input: never) => Promise<T>;
  change: (id: string, patch: never) => Promise<T>;
  remove: (id: string) => Promise<void>;
}

function validated<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError("Invalid request body", fieldProblemsOf(parsed.error));
  return parsed.data;
}

/** List, create, read, update and delete for an entity that belongs to a site. */
function siteResource<T extends SiteOwned>(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  sites: SiteLookup,
  write: <R>(work: () => Promise<R>) => Promise<R>,
  r: Resource<T>,
) {
  const base = `${API}/sites/:id/${r.name}`;
  // Documented without site_id (it comes from the path); validated in full, refinements included.
  const body = z.object(r.create.shape).omit({ site_id: true });
  const owned = async (siteId: string, itemId: string) => {
    const item = await r.get(itemId);
    if (!item || item.site_id !== siteId) throw new HTTPException(404, { message: `No such item in ${r.name}` });
    return item;
  };
  route(app, registry, { method: "get", path: base, summary: `List a site's ${r.name}`, tag: r.name, scope: "domains:read", response: z.array(r.entity) }, async (c) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:read");
    return c.json(await r.list(site.id));
  });
  route(app, registry, { method: "post", path: base, summary: `Create one of a site's ${r.name}`, tag: r.name, scope: "domains:write", body, response: r.entity, status: 201 }, async (c, input) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    const create = validated(r.create, { ...(input.body as object), site_id: site.id });
    return c.json(await write(() => r.add(create as never)), 201);
  });
  route(app, registry, { method: "get", path: `${base}/:itemId`, summary: `Get one of a site's ${r.name}`, tag: r.name, scope: "domains:read", response: r.entity }, async (c) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:read");
    return c.json(await owned(site.id, paramOf(c, "itemId")));
  });
  route(app, registry, { method: "patch", path: `${base}/:itemId`, summary: `Update one of a site's ${r.name}`, tag: r.name, scope: "domains:write", body: r.update, response: r.entity }, async (c, input) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    const item = await owned(site.id, paramOf(c, "itemId"));
    return c.json(await write(() => r.change(item.id, input.body as never)));
  });
  route(app, registry, { method: "delete", path: `${base}/:itemId`, summary: `Delete one of a site's ${r.name}`, tag: r.name, scope: "domains:write", status: 204 }, async (c) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), "domains:write");
    const item = await owned(site.id, paramOf(c, "itemId"));
    await write(() => r.remove(item.id));
    return c.body(null, 204);
  });
}

/** Goals, funnels and saved views of a site. */
export function siteResourceRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: <R>(work: () => Promise<R>) => Promise<R> },
) {
  const { store, sites, write } = deps;
  siteResource(app, registry, sites, write, {
    name: "goals",
    entity: goal,
    create: goalCreate,
    update: goalUpdate,
    list: (site_id) => store.listGoals({ site_id }),
    get: (id) => store.getGoal(id),
    add: (input) => store.createGoal(input),
    change: (id, patch) => store.updateGoal(id, patch),
    remove: (id) => store.deleteGoal(id),
  });
  siteResource(app, registry, sites, write, {
    name: "funnels",
    entity: funnel,
    create: funnelCreate,
    update: funnelUpdate,
    list: (site_id) => store.listFunnels({ site_id }),
    get: (id) => store.getFunnel(id),
    add: (input) => store.createFunnel(input),
    change: (id, patch) => store.updateFunnel(id, patch),
    remove: (id) => store.deleteFunnel(id),
  });
  siteResource(app, registry, sites, write, {
    name: "views",
    entity: savedView,
    create: savedViewCreate,
    update: savedViewUpdate,
    list: (site_id) => store.listSavedViews({ site_id }),
    get: (id) => store.getSavedView(id),
    add: (input) => store.createSavedView(input),
    change: (id, patch) => store.updateSavedView(id, patch),
    remove: (id) => store.deleteSavedView(id),
  });
}
