import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { type ApiKey, hostname, type MetadataStore, newId, type Site } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { readableSite, requireAnyScope, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { alternativeDomainsOf, identitiesOf, type PirschAlternativeDomain, pirschAlternativeDomain } from "./alternative-domains.js";
import { settingsWith } from "./settings.js";
import { visibleSitesOf } from "./visible-sites.js";

const TAG = "Pirsch: alternative domains";
const PATH = "/api/v1/domain/alternative";

export function alternativeDomainRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: { store: MetadataStore; sites: SiteLookup; write: Write }): void {
  const { store, sites, write } = deps;

  /** Writes the list as the site's alternative domains, with their Pirsch identities. */
  const save = (site: Site, list: PirschAlternativeDomain[]) =>
    write(() =>
      store.updateSite(site.id, {
        alternative_domains: list.map((alt) => alt.hostname),
        settings: settingsWith(site, (s) => ({ ...s, alternatives: identitiesOf(list) })),
      }),
    );

  /** The site holding an alternative domain id, among the sites the key may change. */
  const holderOf = async (key: ApiKey, id: string) => {
    requireAnyScope(key, ["domains:write"]);
    for (const site of await visibleSitesOf(key, store)) {
      const list = alternativeDomainsOf(site);
      const index = list.findIndex((alt) => alt.id === id);
      if (index >= 0) return { site, list, index };
    }
    throw notFound("alternative domain");
  };

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's alternative domains", tag: TAG, scope: "domains:read", query: z.object({ domain_id: z.string() }), response: z.array(pirschAlternativeDomain) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    return c.json(alternativeDomainsOf(site));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Add an alternative domain (hits from it then count for the domain)", tag: TAG, scope: "domains:write", body: z.object({ domain_id: z.string(), hostname }), response: pirschAlternativeDomain }, async (c, { body }) => {
    const site = await writableSite(c.get("key"), sites, body.domain_id);
    const list = alternativeDomainsOf(site);
    if (site.domain === body.hostname || list.some((alt) => alt.hostname === body.hostname)) {
      throw new HTTPException(409, { message: `${body.hostname} already belongs to this domain` });
    }
    const now = new Date().toISOString();
    const added: PirschAlternativeDomain = { id: newId(), def_time: now, mod_time: now, domain_id: site.id, hostname: body.hostname };
    await save(site, [...list, added]);
    return c.json(added);
  });

  route(app, registry, { method: "put", path: PATH, summary: "Change an alternative domain's hostname", tag: TAG, scope: "domains:write", body: z.object({ id: z.string(), hostname }), response: pirschAlternativeDomain }, async (c, { body }) => {
    const { site, list, index } = await holderOf(c.get("key"), body.id);
    const changed: PirschAlternativeDomain = { ...list[index]!, hostname: body.hostname, mod_time: new Date().toISOString() };
    const others = list.filter((_, i) => i !== index);
    if (site.domain === body.hostname || others.some((alt) => alt.hostname === body.hostname)) {
      throw new HTTPException(409, { message: `${body.hostname} already belongs to this domain` });
    }
    await save(site, list.map((alt, i) => (i === index ? changed : alt)));
    return c.json(changed);
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Remove an alternative domain", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { site, list, index } = await holderOf(c.get("key"), query.id);
    await save(site, list.filter((_, i) => i !== index));
    return c.body(null, 200);
  });
}
