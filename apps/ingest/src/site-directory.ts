import { type BearerDeps, keyOfBearer } from "@pulse/api-kit";
import { hasScope, type MetadataCache } from "@pulse/metadata";
import type { SiteDirectory, WriteAccess } from "./ports.js";

/** Ingest's view of the metadata cache: write keys, site hostnames and traffic filters. */
export function siteDirectoryOf(cache: MetadataCache, bearer: BearerDeps): SiteDirectory {
  return {
    // Access keys (pa_…) and the access tokens Pirsch's OAuth exchange issues both work here.
    async writeAccessOf(token, scope): Promise<WriteAccess> {
      const key = await keyOfBearer(token, bearer);
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
