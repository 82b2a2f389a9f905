import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { hostname, type MetadataCache, type MetadataStore, randomBase62, type Site, timezone } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { requireAccountWide, requireAnyScope, READ_SCOPES, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { notSupported } from "../unsupported/not-supported.js";
import { domainView, pirschDomain } from "./domain-view.js";
import { type PirschSettingsInput, pirschSettings, settingsWith } from "./settings.js";
import { defaultSubdomain, ensureSubdomainFree, subdomain, subdomainOf } from "./subdomain.js";
import { visibleSitesOf } from "./visible-sites.js";

const TAG = "Pirsch: domains";
const PATH = "/api/v1/domain";

/** Pirsch's identification codes are 32 characters (its SDK checks the length). */
const newIdentificationCode = () => randomBase62(32);

const lookupQuery = z.object({
  id: z.string().optional(),
  subdomain: z.string().optional(),
  domain: z.string().optional(),
  access: z.string().optional(),
  search: z.string().optional(),
});

const createBody = z.object({
  hostname,
  subdomain: subdomain.optional(),
  timezone: timezone.default("UTC"),
  organization_id: z.string().nullish(),
  theme_id: z.string().nullish(),
  public: z.boolean().default(false),
  group_by_title: z.boolean().default(false),
  /** 0: Pirsch's default of 600. */
  active_visitors_seconds: z.number().int().min(0).max(86_400).default(0),
  disable_scripts: z.boolean().default(false),
  display_name: z.string().trim().max(200).default(""),
  traffic_spike_threshold: z.number().int().min(0).default(0),
  traffic_warning_threshold_days: z.number().int().min(0).default(0),
});

/** The one site a lookup names, or undefined when none is asked for. */
function lookedUp(sites: Site[], query: z.infer<typeof lookupQuery>, cache: MetadataCache): Site | "none" | undefined {
  const find = (test: (site: Site) => boolean) => sites.find(test) ?? "none";
  if (query.id) return find((site) => site.id === query.id);
  if (query.subdomain) return find((site) => subdomainOf(site) === query.subdomain?.toLowerCase());
  if (query.domain) {
    // Custom domains are not supported; the dashboard's own hostnames answer for them.
    const host = query.domain.toLowerCase();
    return find((site) => site.domain === host || site.alternative_domains.includes(host));
  }
  if (query.access) {
    const link = cache.accessLinkByCode(query.access);
    return find((site) => site.id === link?.site_id);
  }
  return undefined;
}

export function domainRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; cache: MetadataCache; sites: SiteLookup; write: Write },
): void {
  const { store, cache, sites, write } = deps;

  route(app, registry, { method: "get", path: PATH, summary: "List domains, or find one by id, subdomain, domain or access code", tag: TAG, scope: "statistics:read", query: lookupQuery, response: z.array(pirschDomain).or(pirschDomain) }, async (c, { query }) => {
    const key = c.get("key");
    requireAnyScope(key, READ_SCOPES);
    const visible = await visibleSitesOf(key, store);
    const one = lookedUp(visible, query, cache);
    if (one === "none") throw notFound("domain");
    if (one) return c.json(domainView(one, key));
    const search = query.search?.toLowerCase();
    const listed = search ? visible.filter((site) => site.domain.includes(search)) : visible;
    return c.json(listed.map((site) => domainView(site, key)));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a domain", tag: TAG, scope: "domains:write", body: createBody, response: pirschDomain }, async (c, { body }) => {
    const key = c.get("key");
    requireAnyScope(key, ["domains:write"]);
    requireAccountWide(key, "create domains");
    if (body.organization_id) throw notSupported("Organization management");
    if (body.theme_id) throw notSupported("Theme management");
    const wanted = body.subdomain ?? defaultSubdomain(body.hostname);
    ensureSubdomainFree(await store.listSites({ account_id: key.account_id }), wanted);
    const settings: PirschSettingsInput = {
      subdomain: wanted,
      identification_code: newIdentificationCode(),
      display_name: body.display_name,
      group_by_title: body.group_by_title,
      active_visitors_seconds: body.active_visitors_seconds || undefined,
      disable_scripts: body.disable_scripts,
      traffic_spike: { enabled: body.traffic_spike_threshold > 0, threshold: body.traffic_spike_threshold },
      traffic_warning: { enabled: body.traffic_warning_threshold_days > 0, threshold_days: body.traffic_warning_threshold_days },
    };
    const site = await write(() =>
      store.createSite({
        account_id: key.account_id,
        domain: body.hostname,
        timezone: body.timezone,
        public: body.public,
        settings: { pirsch: pirschSettings.parse(settings) },
      }),
    );
    return c.json(domainView(site, key));
  });

  route(app, registry, { method: "put", path: PATH, summary: "Reset a domain's identification code", tag: TAG, scope: "domains:write", body: z.object({ id: z.string() }), response: z.object({ identification_code: z.string() }) }, async (c, { body }) => {
    const site = await writableSite(c.get("key"), sites, body.id);
    const code = newIdentificationCode();
    await write(() => store.updateSite(site.id, { settings: settingsWith(site, (s) => ({ ...s, identification_code: code })) }));
    return c.json({ identification_code: code });
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a domain with its goals, funnels, views, links and webhooks", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const key = c.get("key");
    requireAccountWide(key, "delete domains");
    const site = await writableSite(key, sites, query.id);
    await write(() => store.deleteSite(site.id));
    return c.body(null, 200);
  });
}
