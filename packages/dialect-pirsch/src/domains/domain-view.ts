import { type ApiKey, hasScope, type Site } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";
import { pirschSettingsOf } from "./settings.js";
import { subdomainOf } from "./subdomain.js";

const record = z.record(z.string(), z.unknown());

/** A Pirsch domain: our site (id, hostname, timezone, public) plus its Pirsch settings. */
export const pirschDomain = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  /** The site's account. */
  user_id: z.string(),
  /** Organizations are not supported: always null. */
  organization_id: z.null(),
  hostname: z.string(),
  subdomain: z.string(),
  identification_code: z.string(),
  public: z.boolean(),
  google_user_id: z.null(),
  google_user_email: z.null(),
  gsc_domain: z.null(),
  new_owner: z.null(),
  timezone: z.string(),
  group_by_title: z.boolean(),
  active_visitors_seconds: z.number(),
  disable_scripts: z.boolean(),
  statistics_start: z.null(),
  imported_statistics: z.boolean(),
  metadata: record,
  theme_id: z.null(),
  theme: record,
  custom_domain: z.null(),
  user_role: z.enum(["Owner", "Admin", "Viewer"]),
  settings: record,
  theme_settings: record,
  display_name: z.string(),
  subscription_active: z.boolean(),
  // Not in the reference's example, but set by its other endpoints (and in Pirsch's SDK types).
  noindex: z.boolean(),
  traffic_spike_notifications: z.boolean(),
  traffic_spike_threshold: z.number(),
  traffic_warning: z.boolean(),
  traffic_warning_threshold_days: z.number(),
});
export type PirschDomain = z.infer<typeof pirschDomain>;

/** Who the key is to the domain, in Pirsch's roles: it can change the domain, or only read it. */
function roleOf(key: ApiKey): PirschDomain["user_role"] {
  if (!hasScope(key.scopes, "domains:write")) return "Viewer";
  return key.site_id === "" ? "Owner" : "Admin";
}

export function domainView(site: Site, key: ApiKey): PirschDomain {
  const settings = pirschSettingsOf(site);
  return {
    id: site.id,
    def_time: defTimeOf(site),
    mod_time: modTimeOf(site),
    user_id: site.account_id,
    organization_id: null,
    hostname: site.domain,
    subdomain: subdomainOf(site),
    identification_code: settings.identification_code,
    public: site.public,
    google_user_id: null,
    google_user_email: null,
    gsc_domain: null,
    new_owner: null,
    timezone: site.timezone,
    group_by_title: settings.group_by_title,
    active_visitors_seconds: settings.active_visitors_seconds,
    disable_scripts: settings.disable_scripts,
    statistics_start: null,
    imported_statistics: false,
    metadata: settings.metadata,
    theme_id: null,
    theme: {},
    custom_domain: null,
    user_role: roleOf(key),
    settings: {},
    theme_settings: {},
    display_name: settings.display_name,
    // Self-hosted: nothing is ever unpaid.
    subscription_active: true,
    noindex: settings.noindex,
    traffic_spike_notifications: settings.traffic_spike.enabled,
    traffic_spike_threshold: settings.traffic_spike.threshold,
    traffic_warning: settings.traffic_warning.enabled,
    traffic_warning_threshold_days: settings.traffic_warning.threshold_days,
  };
}
