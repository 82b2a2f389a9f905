import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { hostname, type MetadataStore, type Site, type SiteUpdate, timezone } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { type PirschSettings, settingsWith } from "./settings.js";
import { ensureSubdomainFree, subdomain } from "./subdomain.js";

const TAG = "Pirsch: domain settings";

interface Setting<B extends z.ZodRawShape> {
  method: "post" | "put";
  path: string;
  summary: string;
  /** Fields besides domain_id. */
  fields: B;
  /** The site update the request asks for. */
  change: (site: Site, body: z.infer<z.ZodObject<B>>) => SiteUpdate | Promise<SiteUpdate>;
}

/** A change of the Pirsch part of the settings only. */
const pirsch = (site: Site, change: (current: PirschSettings) => PirschSettings): SiteUpdate => ({ settings: settingsWith(site, change) });

/**
 * Each of Pirsch's one-field domain endpoints (hostname, subdomain, public, scripts, title, active
 * visitors time, time zone, metadata, noindex, traffic spike and warning). The reference shows no
 * response for them: they answer 200 with an empty body.
 */
export function domainSettingRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: Write },
): void {
  const { store, sites, write } = deps;
  const setting = <B extends z.ZodRawShape>(s: Setting<B>) => {
    const body = z.object({ domain_id: z.string(), ...s.fields });
    route(app, registry, { method: s.method, path: s.path, summary: s.summary, tag: TAG, scope: "domains:write", body }, async (c, input) => {
      // Generic shapes defeat inference; the body was validated by exactly this schema.
      const parsed = input.body as unknown as { domain_id: string } & z.infer<z.ZodObject<B>>;
      const site = await writableSite(c.get("key"), sites, parsed.domain_id);
      const update = await s.change(site, parsed);
      await write(() => store.updateSite(site.id, update));
      return c.body(null, 200);
    });
  };

  setting({ method: "post", path: "/api/v1/domain/hostname", summary: "Change the hostname", fields: { hostname }, change: (_site, b) => ({ domain: b.hostname }) });
  setting({
    method: "post",
    path: "/api/v1/domain/subdomain",
    summary: "Change the subdomain",
    fields: { subdomain },
    change: async (site, b) => {
      ensureSubdomainFree(await store.listSites({ account_id: site.account_id }), b.subdomain, site.id);
      return pirsch(site, (s) => ({ ...s, subdomain: b.subdomain }));
    },
  });
  setting({ method: "post", path: "/api/v1/domain/public", summary: "Toggle whether the dashboard is public", fields: {}, change: (site) => ({ public: !site.public }) });
  setting({ method: "post", path: "/api/v1/domain/scripts", summary: "Toggle disabling the tracking scripts", fields: {}, change: (site) => pirsch(site, (s) => ({ ...s, disable_scripts: !s.disable_scripts })) });
  setting({ method: "post", path: "/api/v1/domain/title", summary: "Toggle grouping pages by title", fields: {}, change: (site) => pirsch(site, (s) => ({ ...s, group_by_title: !s.group_by_title })) });
  setting({
    method: "post",
    path: "/api/v1/domain/active",
    summary: "Set the seconds visitors count as active",
    fields: { time: z.number().int().min(1).max(86_400) },
    change: (site, b) => pirsch(site, (s) => ({ ...s, active_visitors_seconds: b.time })),
  });
  setting({ method: "post", path: "/api/v1/domain/timezone", summary: "Set the time zone", fields: { timezone }, change: (_site, b) => ({ timezone: b.timezone }) });
  setting({
    method: "post",
    path: "/api/v1/domain/metadata",
    summary: "Replace the free-form metadata object",
    fields: { metadata: z.record(z.string(), z.unknown()) },
    change: (site, b) => pirsch(site, (s) => ({ ...s, metadata: b.metadata })),
  });
  setting({ method: "put", path: "/api/v1/domain/noindex", summary: "Toggle noindex for the public dashboard", fields: {}, change: (site) => pirsch(site, (s) => ({ ...s, noindex: !s.noindex })) });
  setting({
    method: "put",
    path: "/api/v1/traffic/spike",
    summary: "Toggle traffic spike notifications",
    fields: {},
    change: (site) => pirsch(site, (s) => ({ ...s, traffic_spike: { ...s.traffic_spike, enabled: !s.traffic_spike.enabled } })),
  });
  setting({
    method: "post",
    path: "/api/v1/traffic/spike",
    summary: "Set the visitors that make a traffic spike",
    fields: { threshold: z.number().int().min(0).max(100_000_000) },
    change: (site, b) => pirsch(site, (s) => ({ ...s, traffic_spike: { ...s.traffic_spike, threshold: b.threshold } })),
  });
  setting({
    method: "put",
    path: "/api/v1/traffic/warning",
    summary: "Toggle traffic warnings",
    fields: {},
    change: (site) => pirsch(site, (s) => ({ ...s, traffic_warning: { ...s.traffic_warning, enabled: !s.traffic_warning.enabled } })),
  });
  setting({
    method: "post",
    path: "/api/v1/traffic/warning",
    summary: "Set the days without traffic before a warning",
    fields: { threshold: z.number().int().min(0).max(3650) },
    change: (site, b) => pirsch(site, (s) => ({ ...s, traffic_warning: { ...s.traffic_warning, threshold_days: b.threshold } })),
  });
}
