import { hasScope, type ApiKey, type Scope, type Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";

/** Finds a site by id, tolerating one created a moment ago. */
export type SiteLookup = (siteId: string) => Promise<Site | undefined>;

export function requireScope(key: ApiKey, scope: Scope): void {
  if (!hasScope(key.scopes, scope)) throw new HTTPException(403, { message: `This token lacks the "${scope}" scope` });
}

/**
 * The site a key may use: it must exist, belong to the key's account, and match the key's site
 * when the key is limited to one. Another account's site answers 403, not 404, without saying more.
 */
export async function siteFor(key: ApiKey, sites: SiteLookup, siteId: string, scope: Scope): Promise<Site> {
  requireScope(key, scope);
  const site = await sites(siteId);
  if (site && site.account_id !== key.account_id) throw new HTTPException(403, { message: "This token cannot access that site" });
  if (!site) throw new HTTPException(404, { message: `No site with id ${siteId}` });
  if (key.site_id !== "" && key.site_id !== site.id) {
    throw new HTTPException(403, { message: "This token is limited to another site" });
  }
  return site;
}
