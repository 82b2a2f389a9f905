import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { entityId, type MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { ownedItem, readableSite, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { filtersOfView, pirschViewFields } from "./view-fields.js";
import { pirschView, savedQueryOf, viewView } from "./view-view.js";

const TAG = "Pirsch: views";
const PATH = "/api/v1/view";

/** def_time, mod_time and user_id may be sent back as received; they are ignored. */
const viewBody = pirschViewFields.extend({ id: entityId.optional(), domain_id: z.string(), name: z.string() });

/**
 * The reference's own example writes `?domain_id=A5kgYzK14m?search=My View`; a second "?" inside the
 * value is read as the search it was meant to be.
 */
const listQuery = z.object({ domain_id: z.string(), search: z.string().optional() });
function untypoed({ domain_id, search }: z.infer<typeof listQuery>): z.infer<typeof listQuery> {
  const [id, extra] = domain_id.split("?", 2);
  const typo = extra?.startsWith("search=") ? extra.slice("search=".length) : undefined;
  return { domain_id: id ?? "", search: search ?? typo };
}

export function viewRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: { store: MetadataStore; sites: SiteLookup; write: Write }): void {
  const { store, sites, write } = deps;

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's views (?domain_id=&search=<name>)", tag: TAG, scope: "domains:read", query: listQuery, response: z.array(pirschView) }, async (c, input) => {
    const query = untypoed(input.query);
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    const search = query.search?.toLowerCase();
    const views = await store.listSavedViews({ site_id: site.id });
    return c.json(views.filter((view) => !search || view.name.toLowerCase().includes(search)).map((view) => viewView(view, site)));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a view, or update it when id is set", tag: TAG, scope: "domains:write", body: viewBody, response: pirschView }, async (c, { body }) => {
    const key = c.get("key");
    const { id, domain_id, name, ...fields } = body;
    const query = savedQueryOf(fields, filtersOfView(fields));
    if (id !== undefined) {
      const { item, site } = await ownedItem(key, sites, await store.getSavedView(id), "write", "view");
      if (item.site_id !== domain_id) throw notFound("view");
      return c.json(viewView(await write(() => store.updateSavedView(item.id, { name, query })), site));
    }
    const site = await writableSite(key, sites, domain_id);
    return c.json(viewView(await write(() => store.createSavedView({ site_id: site.id, name, query })), site));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a view", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getSavedView(query.id), "write", "view");
    await write(() => store.deleteSavedView(item.id));
    return c.body(null, 200);
  });
}
