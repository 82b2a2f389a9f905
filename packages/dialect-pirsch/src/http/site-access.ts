import { type SiteLookup, siteFor } from "@pulse/api-kit";
import { type ApiKey, hasScope, type Scope, type Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";
import { notFound } from "./not-found.js";

/** Answers 403 unless the key holds one of the scopes; returns the first one it holds. */
export function requireAnyScope(key: ApiKey, scopes: readonly Scope[]): Scope {
  const held = scopes.find((scope) => hasScope(key.scopes, scope));
  if (held === undefined) throw new HTTPException(403, { message: `This token lacks the "${scopes.join('" or "')}" scope` });
  return held;
}

/**
 * Pirsch lets statistics clients read a domain's configuration (the SDKs list domains to find their
 * id), so reading takes either the statistics or the domains scope.
 */
export const READ_SCOPES: readonly Scope[] = ["domains:read", "statistics:read"];

/** A site the key may read, or 403/404 (see siteFor). */
export function readableSite(key: ApiKey, sites: SiteLookup, siteId: string): Promise<Site> {
  return siteFor(key, sites, siteId, requireAnyScope(key, READ_SCOPES));
}

/** A site the key may change, or 403/404. */
export function writableSite(key: ApiKey, sites: SiteLookup, siteId: string): Promise<Site> {
  return siteFor(key, sites, siteId, "domains:write");
}

/** Creating or deleting whole domains is for keys of the whole account, as for Pirsch's user clients. */
export function requireAccountWide(key: ApiKey, action: string): void {
  if (key.site_id !== "") throw new HTTPException(403, { message: `A token limited to one domain cannot ${action}` });
}

/**
 * The site of an item looked up by its own id (a goal, a link, ...). Unlike siteFor, an item of a
 * site the key cannot see answers 404, so ids of other accounts' items are not confirmed to exist.
 */
export async function siteOfItem(key: ApiKey, sites: SiteLookup, siteId: string, mode: "read" | "write", what: string): Promise<Site> {
  requireAnyScope(key, mode === "read" ? READ_SCOPES : ["domains:write"]);
  const site = await sites(siteId);
  if (!site || site.account_id !== key.account_id || (key.site_id !== "" && key.site_id !== site.id)) {
    throw notFound(what);
  }
  return site;
}

/** An item looked up by id, with its site, when the key may read or change it; 404 otherwise. */
export async function ownedItem<T extends { site_id: string }>(
  key: ApiKey,
  sites: SiteLookup,
  item: T | undefined,
  mode: "read" | "write",
  what: string,
): Promise<{ item: T; site: Site }> {
  if (!item) {
    requireAnyScope(key, mode === "read" ? READ_SCOPES : ["domains:write"]);
    throw notFound(what);
  }
  return { item, site: await siteOfItem(key, sites, item.site_id, mode, what) };
}
