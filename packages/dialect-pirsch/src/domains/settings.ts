import type { Site } from "@pulse/metadata";
import { z } from "zod";

/** Settings of a snippet type, as Pirsch's snippet endpoints take them; times are ISO strings. */
export const snippetSettings = z.object({
  dev: z.boolean().default(false),
  include: z.string().max(2000).default(""),
  exclude: z.string().max(2000).default(""),
  domains: z.string().max(2000).default(""),
  endpoint: z.string().max(2000).default(""),
  sample: z.string().max(2000).default(""),
  def_time: z.string().optional(),
  mod_time: z.string().optional(),
});
export type SnippetSettings = z.infer<typeof snippetSettings>;

/** An alternative domain's Pirsch identity, kept by id; the hostnames themselves are the site's. */
const alternativeIdentity = z.object({ hostname: z.string(), def_time: z.string(), mod_time: z.string() });

/**
 * Everything a Pirsch domain has that our site does not, kept in site.settings.pirsch. Missing
 * fields take Pirsch's defaults, so sites made through the native API read as Pirsch domains too.
 */
export const pirschSettings = z.object({
  /** "" means "derived from the hostname" (see subdomainOf). */
  subdomain: z.string().max(63).default(""),
  identification_code: z.string().max(64).default(""),
  display_name: z.string().max(200).default(""),
  group_by_title: z.boolean().default(false),
  active_visitors_seconds: z.number().int().min(0).max(86_400).default(600),
  disable_scripts: z.boolean().default(false),
  noindex: z.boolean().default(false),
  metadata: z.record(z.string(), z.unknown()).default({}),
  traffic_spike: z.object({ enabled: z.boolean().default(false), threshold: z.number().int().min(0).default(0) }).prefault({}),
  traffic_warning: z.object({ enabled: z.boolean().default(false), threshold_days: z.number().int().min(0).default(0) }).prefault({}),
  /** By snippet type: "page view", "event", "session". */
  snippets: z.record(z.string(), snippetSettings).default({}),
  /** By alternative domain id. */
  alternatives: z.record(z.string(), alternativeIdentity).default({}),
});
export type PirschSettings = z.infer<typeof pirschSettings>;
export type PirschSettingsInput = z.input<typeof pirschSettings>;

/** The site's Pirsch settings; unreadable ones fall back to the defaults rather than failing every request. */
export function pirschSettingsOf(site: Site): PirschSettings {
  const parsed = pirschSettings.safeParse(site.settings.pirsch ?? {});
  return parsed.success ? parsed.data : pirschSettings.parse({});
}

/** The site's whole settings object with the Pirsch part changed, ready for store.updateSite. */
export function settingsWith(site: Site, change: (current: PirschSettings) => PirschSettings): Record<string, unknown> {
  return { ...site.settings, pirsch: change(pirschSettingsOf(site)) };
}
