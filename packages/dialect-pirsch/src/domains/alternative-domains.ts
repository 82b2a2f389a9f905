import { createHash } from "node:crypto";
import type { Site } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";
import { type PirschSettings, pirschSettingsOf } from "./settings.js";

export const pirschAlternativeDomain = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  hostname: z.string(),
});
export type PirschAlternativeDomain = z.infer<typeof pirschAlternativeDomain>;

/**
 * A stable id for a hostname that has no Pirsch identity yet (added through the native API):
 * derived from site and hostname, so every read gives the same id without writing anything.
 */
function derivedId(siteId: string, hostname: string): string {
  return `alt${createHash("sha256").update(`${siteId}\n${hostname}`).digest("hex").slice(0, 16)}`;
}

/**
 * The site's alternative domains as Pirsch lists them. The hostnames are the site's own
 * alternative_domains (which ingest enforces); ids and times come from the Pirsch settings.
 */
export function alternativeDomainsOf(site: Site): PirschAlternativeDomain[] {
  const known = Object.entries(pirschSettingsOf(site).alternatives);
  return site.alternative_domains.map((hostname) => {
    const entry = known.find(([, identity]) => identity.hostname === hostname);
    if (entry) return { id: entry[0], def_time: entry[1].def_time, mod_time: entry[1].mod_time, domain_id: site.id, hostname };
    return { id: derivedId(site.id, hostname), def_time: defTimeOf(site), mod_time: modTimeOf(site), domain_id: site.id, hostname };
  });
}

/** The Pirsch identities of the given list, and nothing else (identities of removed hostnames are dropped). */
export function identitiesOf(list: readonly PirschAlternativeDomain[]): PirschSettings["alternatives"] {
  return Object.fromEntries(list.map((alt) => [alt.id, { hostname: alt.hostname, def_time: alt.def_time, mod_time: alt.mod_time }]));
}
