import { type BearerDeps, keyOfBearer } from "@pulse/api-kit";
import { type ApiKey, hasScope, isAccessToken, type MetadataCache } from "@pulse/metadata";
import type { SiteDirectory, WriteAccess } from "./ports.js";

/** Tokens remembered at most; beyond it the memory starts over (it only ever holds valid keys' tokens). */
const MAX_REMEMBERED = 10_000;

/** Ingest's view of the metadata cache: write keys, site hostnames and traffic filters. */
export function siteDirectoryOf(cache: MetadataCache, bearer: BearerDeps): SiteDirectory {
  // keyOfBearer hashes the token twice (sha256) on every request, a noticeable part of a single hit's
  // cost. A key found for a token is reused only while the cache still hands out that very key object:
  // any reload (a key revoked, expired, re-scoped or its site deleted) makes a new one, and the token
  // goes through keyOfBearer again. Access tokens (Redis-backed, short-lived) always do.
  const remembered = new Map<string, ApiKey>();
  const keyOf = async (token: string): Promise<ApiKey | undefined> => {
    const known = remembered.get(token);
    if (known !== undefined && cache.keyById(known.id) === known) return known;
    const key = await keyOfBearer(token, bearer);
    if (key === undefined || isAccessToken(token)) {
      remembered.delete(token);
      return key;
    }
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(token, key);
    return key;
  };
  return {
    // Access keys (pa_…) and the access tokens Pirsch's OAuth exchange issues both work here.
    async writeAccessOf(token, scope): Promise<WriteAccess> {
      const key = await keyOf(token);
      if (!key) return { ok: false, status: 401, error: "Unknown or expired access key" };
      if (!hasScope(key.scopes, scope)) {
        return { ok: false, status: 403, error: `This key lacks the "${scope}" scope` };
      }
      if (key.site_id === "" || !cache.siteById(key.site_id)) {
        return { ok: false, status: 403, error: "This key is not bound to a site; tracking needs a site key" };
      }
      return { ok: true, siteId: key.site_id };
    },
    siteIdOfDomain: (domain) => cache.siteByHostname(domain)?.id,
    servesHostname: (siteId, hostname) => cache.siteByHostname(hostname)?.id === siteId,
    isFiltered: (siteId, hit) => cache.isHitFiltered(siteId, hit),
  };
}
