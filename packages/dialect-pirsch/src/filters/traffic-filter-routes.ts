import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { entityId, type MetadataStore, type TrafficFilter, trafficFilterCreate, trafficFilterUpdate } from "@pulse/metadata";
import { fieldProblemsOf, type OpenApiRegistry, ValidationError } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { ownedItem, readableSite, writableSite } from "../http/site-access.js";
import { defTimeOf, modTimeOf } from "../http/times.js";
import type { Write } from "../http/writer.js";

const TAG = "Pirsch: traffic filters";
const PATH = "/api/v1/filter";

export const pirschTrafficFilter = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  type: z.enum(["ip", "path", "user_agent"]),
  description: z.string(),
  filter: z.string(),
});
export type PirschTrafficFilter = z.infer<typeof pirschTrafficFilter>;

/** Pirsch's "ip" filter takes single addresses and ranges; ours keeps ranges as "cidr". */
function trafficFilterView(filter: TrafficFilter): PirschTrafficFilter {
  return {
    id: filter.id,
    def_time: defTimeOf(filter),
    mod_time: modTimeOf(filter),
    domain_id: filter.site_id,
    type: filter.type === "cidr" ? "ip" : filter.type,
    description: filter.description,
    filter: filter.filter,
  };
}

const filterBody = z.object({
  id: entityId.optional(),
  domain_id: z.string(),
  type: z.enum(["ip", "cidr", "path", "user_agent"]),
  description: z.string().trim().max(500).default(""),
  filter: z.string().trim().min(1).max(1000),
});

/** Our type for a Pirsch filter: an "ip" with a prefix length is a range. */
const typeOf = (body: z.infer<typeof filterBody>) => (body.type === "ip" && body.filter.includes("/") ? "cidr" : body.type);

export function trafficFilterRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: { store: MetadataStore; sites: SiteLookup; write: Write }): void {
  const { store, sites, write } = deps;

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's traffic filters", tag: TAG, scope: "domains:read", query: z.object({ domain_id: z.string() }), response: z.array(pirschTrafficFilter) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    return c.json((await store.listTrafficFilters({ site_id: site.id })).map(trafficFilterView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a traffic filter, or update it when id is set", tag: TAG, scope: "domains:write", body: filterBody, response: pirschTrafficFilter }, async (c, { body }) => {
    const key = c.get("key");
    const fields = { type: typeOf(body), filter: body.filter, description: body.description };
    if (body.id !== undefined) {
      const { item } = await ownedItem(key, sites, await store.getTrafficFilter(body.id), "write", "traffic filter");
      if (item.site_id !== body.domain_id) throw notFound("traffic filter");
      return c.json(trafficFilterView(await write(() => store.updateTrafficFilter(item.id, trafficFilterUpdate.parse(fields)))));
    }
    const site = await writableSite(key, sites, body.domain_id);
    // The filter text is checked against its type by the store's own schema.
    const parsed = trafficFilterCreate.safeParse({ ...fields, site_id: site.id });
    if (!parsed.success) throw new ValidationError("Invalid traffic filter", fieldProblemsOf(parsed.error));
    return c.json(trafficFilterView(await write(() => store.createTrafficFilter(parsed.data))));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a traffic filter", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getTrafficFilter(query.id), "write", "traffic filter");
    await write(() => store.deleteTrafficFilter(item.id));
    return c.body(null, 200);
  });
}
