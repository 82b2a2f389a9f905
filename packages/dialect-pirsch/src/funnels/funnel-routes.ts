import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { entityId, type FunnelStep, type MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { ownedItem, readableSite, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { funnelView, pirschFunnel } from "./funnel-view.js";
import { filtersOfPirschStep, pirschStepFilter } from "./step-filter.js";

const TAG = "Pirsch: funnels";
const PATH = "/api/v1/funnel";

const funnelBody = z.object({
  id: entityId.optional(),
  domain_id: z.string(),
  name: z.string(),
  steps: z.array(z.object({ name: z.string(), filter: pirschStepFilter.default({}) })).max(10),
});

function stepsOf(body: z.infer<typeof funnelBody>): FunnelStep[] {
  return body.steps.map((step, index) => ({ name: step.name, filters: filtersOfPirschStep(step.filter, `steps.${index}.filter`) }));
}

export function funnelRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: { store: MetadataStore; sites: SiteLookup; write: Write }): void {
  const { store, sites, write } = deps;

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's funnels (?id=<domain>&search=<name>)", tag: TAG, scope: "domains:read", query: z.object({ id: z.string(), search: z.string().optional() }), response: z.array(pirschFunnel) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.id);
    const search = query.search?.toLowerCase();
    const funnels = await store.listFunnels({ site_id: site.id });
    return c.json(funnels.filter((funnel) => !search || funnel.name.toLowerCase().includes(search)).map(funnelView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a funnel, or update it when id is set", tag: TAG, scope: "domains:write", body: funnelBody, response: pirschFunnel }, async (c, { body }) => {
    const key = c.get("key");
    if (body.id !== undefined) {
      const { item } = await ownedItem(key, sites, await store.getFunnel(body.id), "write", "funnel");
      if (item.site_id !== body.domain_id) throw notFound("funnel");
      return c.json(funnelView(await write(() => store.updateFunnel(item.id, { name: body.name, steps: stepsOf(body) }))));
    }
    const site = await writableSite(key, sites, body.domain_id);
    return c.json(funnelView(await write(() => store.createFunnel({ site_id: site.id, name: body.name, steps: stepsOf(body) }))));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a funnel", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getFunnel(query.id), "write", "funnel");
    await write(() => store.deleteFunnel(item.id));
    return c.body(null, 200);
  });
}
