import { type AuthEnv, requireScope, siteFor, type SiteLookup } from "@pulse/api-kit";
import type { ApiKey, MetadataStore, Site } from "@pulse/metadata";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { SCOPE } from "../deps.js";

/**
 * The products (sites) a key sees: its one site, or every site of its account, oldest first.
 * Read from the store so a site made a moment ago is listed at once.
 */
export async function visibleSitesOf(key: ApiKey, store: Pick<MetadataStore, "listSites">): Promise<Site[]> {
  requireScope(key, SCOPE);
  const sites = await store.listSites({ account_id: key.account_id });
  const visible = key.site_id === "" ? sites : sites.filter((s) => s.id === key.site_id);
  return visible.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** A product the key may read: 403 for another account's (or outside a one-site key), 404 for none. */
export function productOf(c: Context<AuthEnv>, sites: SiteLookup, siteId: string): Promise<Site> {
  return siteFor(c.get("key"), sites, siteId, SCOPE);
}

/** Keys belong to one account: that one is readable, any other existing account is 403. */
export async function checkAccount(key: ApiKey, accountId: string, exists: (id: string) => Promise<boolean>): Promise<void> {
  requireScope(key, SCOPE);
  if (accountId === key.account_id) return;
  if (await exists(accountId)) throw new HTTPException(403, { message: "This token cannot access that account" });
  throw new HTTPException(404, { message: "Account not found" });
}
