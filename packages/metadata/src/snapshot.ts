import type { ApiKey, Site, TrafficFilter } from "./schemas.js";
import { compileTrafficFilters, type HitTraits } from "./traffic-filter.js";

/**
 * One consistent, immutable view of the metadata with the indexes lookups need. A reload builds
 * a new snapshot and swaps it in whole, so readers never see half of a reload.
 */
export class MetadataSnapshot {
  private readonly sites = new Map<string, Site>();
  private readonly hosts = new Map<string, Site>();
  private readonly keys = new Map<string, ApiKey>();
  private readonly filters = new Map<string, TrafficFilter[]>();
  private readonly matchers = new Map<string, (hit: HitTraits) => boolean>();

  constructor(sites: readonly Site[] = [], keys: readonly ApiKey[] = [], filters: readonly TrafficFilter[] = []) {
    // Oldest first, and the first claim on a hostname wins: the store refuses duplicates, this
    // only makes a race between two writers resolve the same way in every process.
    const ordered = [...sites].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    for (const site of ordered) {
      this.sites.set(site.id, site);
      for (const host of [site.domain, ...site.alternative_domains]) {
        if (!this.hosts.has(host)) this.hosts.set(host, site);
      }
    }
    for (const key of keys) this.keys.set(key.token_hash, key);
    for (const filter of filters) {
      if (!this.sites.has(filter.site_id)) continue;
      const list = this.filters.get(filter.site_id) ?? [];
      list.push(filter);
      this.filters.set(filter.site_id, list);
    }
    for (const [siteId, list] of this.filters) this.matchers.set(siteId, compileTrafficFilters(list));
  }

  get size(): { sites: number; keys: number; filters: number } {
    let filters = 0;
    for (const list of this.filters.values()) filters += list.length;
    return { sites: this.sites.size, keys: this.keys.size, filters };
  }

  siteById(id: string): Site | undefined {
    return this.sites.get(id);
  }

  /**
   * Case-insensitive; an exact entry wins, otherwise "www.example.com" finds "example.com" and
   * the other way round. Pass URL.hostname (no port); a trailing dot is ignored.
   */
  siteByHostname(hostname: string): Site | undefined {
    const host = hostname.trim().toLowerCase().replace(/\.$/, "");
    const exact = this.hosts.get(host);
    if (exact) return exact;
    return this.hosts.get(host.startsWith("www.") ? host.slice(4) : `www.${host}`);
  }

  /** Keys of a deleted site and expired keys count as absent. */
  keyByHash(hash: string, now: number): ApiKey | undefined {
    const key = this.keys.get(hash);
    if (!key) return undefined;
    if (key.expires_at !== null && Date.parse(key.expires_at) <= now) return undefined;
    if (key.site_id !== "" && !this.sites.has(key.site_id)) return undefined;
    return key;
  }

  filtersOf(siteId: string): readonly TrafficFilter[] {
    return this.filters.get(siteId) ?? [];
  }

  isHitFiltered(siteId: string, hit: HitTraits): boolean {
    return this.matchers.get(siteId)?.(hit) ?? false;
  }
}
