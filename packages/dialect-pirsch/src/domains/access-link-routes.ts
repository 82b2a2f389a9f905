import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { type AccessLink, type ApiKey, type MetadataStore, timestamp } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { ownedItem, readableSite, writableSite } from "../http/site-access.js";
import { defTimeOf, modTimeOf } from "../http/times.js";
import type { Write } from "../http/writer.js";

const TAG = "Pirsch: access links";
const PATH = "/api/v1/domain/link";

export const pirschAccessLink = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  code: z.string(),
  description: z.string(),
  valid_until: z.string().nullable(),
});
export type PirschAccessLink = z.infer<typeof pirschAccessLink>;

function accessLinkView(link: AccessLink): PirschAccessLink {
  return {
    id: link.id,
    def_time: defTimeOf(link),
    mod_time: modTimeOf(link),
    domain_id: link.site_id,
    code: link.code,
    description: link.description,
    valid_until: link.valid_until,
  };
}

/** "Leave valid_until empty if the link should not expire": "", null and absence all mean never. */
const validUntil = z.union([timestamp, z.literal(""), z.null()]).optional().transform((value) => (value ? value : null));
const description = z.string().trim().max(500).default("");

export function accessLinkRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: { store: MetadataStore; sites: SiteLookup; write: Write }): void {
  const { store, sites, write } = deps;
  const owned = async (key: ApiKey, id: string) => (await ownedItem(key, sites, await store.getAccessLink(id), "write", "access link")).item;

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's access links", tag: TAG, scope: "domains:read", query: z.object({ domain_id: z.string() }), response: z.array(pirschAccessLink) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    return c.json((await store.listAccessLinks({ site_id: site.id })).map(accessLinkView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create an access link", tag: TAG, scope: "domains:write", body: z.object({ domain_id: z.string(), description, valid_until: validUntil }), response: pirschAccessLink }, async (c, { body }) => {
    const site = await writableSite(c.get("key"), sites, body.domain_id);
    const link = await write(() => store.createAccessLink({ site_id: site.id, description: body.description, valid_until: body.valid_until }));
    return c.json(accessLinkView(link));
  });

  route(app, registry, { method: "put", path: PATH, summary: "Update an access link's description and expiry", tag: TAG, scope: "domains:write", body: z.object({ id: z.string(), description, valid_until: validUntil }), response: pirschAccessLink }, async (c, { body }) => {
    const link = await owned(c.get("key"), body.id);
    const updated = await write(() => store.updateAccessLink(link.id, { description: body.description, valid_until: body.valid_until }));
    return c.json(accessLinkView(updated));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete an access link", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const link = await owned(c.get("key"), query.id);
    await write(() => store.deleteAccessLink(link.id));
    return c.body(null, 200);
  });
}
