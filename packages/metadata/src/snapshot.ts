import { type AccessLink, isAccessLinkValid } from "./access-links.js";
import type { ApiKey, Funnel, Goal, Site, TrafficFilter } from "./schemas.js";
import { compileTrafficFilters, type HitTraits } from "./traffic-filter.js";
import type { Webhook } from "./webhooks.js";

/** What a snapshot holds besides the hot-path entities, added later and so passed by name. */
export interface SnapshotExtras {
  webhooks?: readonly Webhook[];
  accessLinks?: readonly AccessLink[];
}

/**
 * One consistent, immutable view of the metadata with the indexes lookups need. A reload builds
 * a new snapshot and swaps it in whole, so readers never see half of a reload.
 */
export class MetadataSnapshot {
  private readonly sites = new Map<string, Site>();
  private readonly hosts = new Map<string, Site>();
  private readonly keys = new Map<string, ApiKey>();
  private readonly keysById = new Map<string, ApiKey>();
  private readonly keysByClientId = new Map<string, ApiKey>();
  private readonly webhooks = new Map<string, Webhook[]>();
  private readonly linksByCode = new Map<string, AccessLink>();
  private readonly filters = new Map<string, TrafficFilter[]>();
  private readonly matchers = new Map<string, (hit: HitTraits) => boolean>();
  private readonly goals = new Map<string, Goal[]>();
  private readonly funnels = new Map<string, Funnel[]>();
  private readonly funnelsById = new Map<string, Funnel>();

  constructor(
    sites: readonly Site[] = [],
    keys: readonly ApiKey[] = [],
    filters: readonly TrafficFilter[] = [],
    goals: readonly Goal[] = [],
    funnels: readonly Funnel[] = [],
    extras: SnapshotExtras = {},
  ) {
    // Oldest first, and the first claim on a hostname wins: the store refuses duplicates, this
    // only makes a race between two writers resolve the same way in every process.
    const ordered = [...sites].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    for (const site of ordered) {
      this.sites.set(site.id, site);
      for (const host of [site.domain, ...site.alternative_domains]) {
        if (!this.hosts.has(host)) this.hosts.set(host, site);
      }
    }
    for (const key of keys) {
      this.keys.set(key.token_hash, key);
      this.keysById.set(key.id, key);
      if (key.client_id !== "") this.keysByClientId.set(key.client_id, key);
    }
    // What belongs to a site that is gone (a race with its deletion) is left out, in input order.
    this.groupBySite(filters, this.filters);
    for (const [siteId, list] of this.filters) this.matchers.set(siteId, compileTrafficFilters(list));
    this.groupBySite(goals, this.goals);
    this.groupBySite(funnels, this.funnels);
    for (const list of this.funnels.values()) for (const funnel of list) this.funnelsById.set(funnel.id, funnel);
    this.groupBySite(extras.webhooks ?? [], this.webhooks);
    for (const link of extras.accessLinks ?? []) {
      if (this.sites.has(link.site_id)) this.linksByCode.set(link.code, link);
    }
  }

  get size(): { sites: number; keys: number; filters: number; goals: number; funnels: number; webhooks: number; accessLinks: number } {
    const count = (groups: Map<string, unknown[]>) => {
      let n = 0;
      for (const list of groups.values()) n += list.length;
      return n;
    };
    return {
      sites: this.sites.size,
      keys: this.keys.size,
      filters: count(this.filters),
      goals: count(this.goals),
      funnels: count(this.funnels),
      webhooks: count(this.webhooks),
      accessLinks: this.linksByCode.size,
    };
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
    return this.usable(this.keys.get(hash), now);
  }

  /** By the key's id, e.g. the one an access token stands for; absent like keyByHash. */
  keyById(id: string, now: number): ApiKey | undefined {
    return this.usable(this.keysById.get(id), now);
  }

  /** The oAuth client with this client id; absent like keyByHash. */
  keyByClientId(clientId: string, now: number): ApiKey | undefined {
    return this.usable(this.keysByClientId.get(clientId), now);
  }

  /** The site's webhooks, active or not, oldest first. */
  webhooksOf(siteId: string): readonly Webhook[] {
    return this.webhooks.get(siteId) ?? [];
  }

  /** A link of a live site that is still valid. */
  accessLinkByCode(code: string, now: number): AccessLink | undefined {
    const link = this.linksByCode.get(code);
    return link && isAccessLinkValid(link, now) ? link : undefined;
  }

  filtersOf(siteId: string): readonly TrafficFilter[] {
    return this.filters.get(siteId) ?? [];
  }

  isHitFiltered(siteId: string, hit: HitTraits): boolean {
    return this.matchers.get(siteId)?.(hit) ?? false;
  }

  goalsOf(siteId: string): readonly Goal[] {
    return this.goals.get(siteId) ?? [];
  }

  funnelsOf(siteId: string): readonly Funnel[] {
    return this.funnels.get(siteId) ?? [];
  }

  funnelById(id: string): Funnel | undefined {
    return this.funnelsById.get(id);
  }

  private usable(key: ApiKey | undefined, now: number): ApiKey | undefined {
    if (!key) return undefined;
    if (key.expires_at !== null && Date.parse(key.expires_at) <= now) return undefined;
    if (key.site_id !== "" && !this.sites.has(key.site_id)) return undefined;
    return key;
  }

  private groupBySite<T extends { site_id: string }>(items: readonly T[], groups: Map<string, T[]>): void {
    for (const item of items) {
      if (!this.sites.has(item.site_id)) continue;
      const list = groups.get(item.site_id) ?? [];
      list.push(item);
      groups.set(item.site_id, list);
    }
  }
}
