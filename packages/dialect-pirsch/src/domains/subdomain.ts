import type { Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { pirschSettingsOf } from "./settings.js";

/** A DNS label, as Pirsch's dashboard subdomains are. */
export const subdomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be letters, digits and inner hyphens, at most 63 characters");

/** A subdomain made from the hostname ("www.example.com" → "www-example-com"), for sites that have none. */
export function defaultSubdomain(hostname: string): string {
  const label = hostname.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return label.replace(/-+$/, "") || "site";
}

export function subdomainOf(site: Site): string {
  return pirschSettingsOf(site).subdomain || defaultSubdomain(site.domain);
}

/**
 * Subdomains name one dashboard. No dashboards are served on them here, so they are kept unique
 * within an account (where lookups by subdomain happen), which also avoids revealing other
 * accounts' names through conflicts.
 */
export function ensureSubdomainFree(accountSites: readonly Site[], wanted: string, exceptSiteId?: string): void {
  const taken = accountSites.find((site) => site.id !== exceptSiteId && subdomainOf(site) === wanted);
  if (taken) throw new HTTPException(409, { message: `The subdomain ${wanted} is already used by domain ${taken.id}` });
}
