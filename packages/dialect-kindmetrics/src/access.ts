import { type SiteLookup, siteFor } from "@pulse/api-kit";
import { type ApiKey, hasScope, type Scope, type Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";

/** Kindmetrics tokens are a user's: reading domains takes either of our read scopes. */
export const READ_DOMAINS: readonly Scope[] = ["domains:read", "statistics:read"];

/** 403 unless the key holds one of the scopes. */
export function requireAnyScope(key: ApiKey, scopes: readonly Scope[]): void {
  if (!scopes.some((scope) => hasScope(key.scopes, scope))) {
    throw new HTTPException(403, { message: `This token lacks the "${scopes.join('" or "')}" scope` });
  }
}

/** The domain's statistics, when the key may read them: 403 for another account's or site's, 404 when unknown. */
export function statsSite(key: ApiKey, sites: SiteLookup, siteId: string): Promise<Site> {
  return siteFor(key, sites, siteId, "statistics:read");
}
