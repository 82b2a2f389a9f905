import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import type { MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { readableSite, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { settingsWith, snippetSettings } from "./settings.js";
import { pirschSnippet, snippetOf, snippetType } from "./snippet.js";

const TAG = "Pirsch: snippets";
const PATH = "/api/v1/domain/snippet";

const updateBody = snippetSettings.omit({ def_time: true, mod_time: true }).extend({ domain_id: z.string(), type: snippetType });

export function snippetRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: Write; publicUrl?: string },
): void {
  const { store, sites, write } = deps;
  const baseUrlOf = (c: Context) => deps.publicUrl ?? new URL(c.req.url).origin;

  route(app, registry, { method: "get", path: PATH, summary: "Get a snippet's settings and the tracker tag", tag: TAG, scope: "domains:read", query: z.object({ domain_id: z.string(), type: snippetType.default("page view") }), response: pirschSnippet }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    return c.json(snippetOf(site, query.type, baseUrlOf(c)));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Update a snippet's settings", tag: TAG, scope: "domains:write", body: updateBody, response: pirschSnippet }, async (c, { body }) => {
    const site = await writableSite(c.get("key"), sites, body.domain_id);
    const { domain_id: _site, type, ...fields } = body;
    const now = new Date().toISOString();
    const updated = await write(() =>
      store.updateSite(site.id, {
        settings: settingsWith(site, (s) => ({ ...s, snippets: { ...s.snippets, [type]: { ...fields, def_time: s.snippets[type]?.def_time ?? now, mod_time: now } } })),
      }),
    );
    return c.json(snippetOf(updated, type, baseUrlOf(c)));
  });
}
