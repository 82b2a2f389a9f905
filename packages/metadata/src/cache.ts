import type { Logger } from "@pulse/logger";
import type { Redis } from "@pulse/redis";
import type { AccessLink } from "./access-links.js";
import { changesChannel } from "./changes.js";
import { coalesce } from "./coalesce.js";
import type { ApiKey, Funnel, Goal, Site, TrafficFilter } from "./schemas.js";
import { MetadataSnapshot } from "./snapshot.js";
import type { MetadataStore } from "./store.js";
import { hashToken } from "./tokens.js";
import type { HitTraits } from "./traffic-filter.js";
import type { Webhook } from "./webhooks.js";

/**
 * The part of the store a cache reads. Webhooks and access links were added later and are
 * optional, so a source written before them still works (without those lookups).
 */
export type MetadataSource = Pick<MetadataStore, "listSites" | "listApiKeys" | "listTrafficFilters" | "listGoals" | "listFunnels"> &
  Partial<Pick<MetadataStore, "listWebhooks" | "listAccessLinks">>;

export interface MetadataCacheOptions {
  source: MetadataSource;
  /** A new connection for the cache alone: a subscribed ioredis client cannot run other commands. */
  createSubscriber: () => Redis;
  /** REDIS_KEY_PREFIX, as given to the store. */
  keyPrefix: string;
  /** Full reload interval, a safety net for notices lost while Redis was unreachable. */
  refreshMs?: number;
  /** Epoch milliseconds, for key expiry. */
  now?: () => number;
  logger?: Logger;
}

/**
 * In-process copy of sites, keys, filters, goals, funnels, webhooks and access links, for the hot
 * paths (every hit, every API call, every stats query). Saved views are not cached: read them
 * from the store.
 * Reloads everything on each change notice: the data is small, and a full reload cannot drift.
 */
export class MetadataCache {
  private snapshot = new MetadataSnapshot();
  private subscriber: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly channel: string;
  private readonly reloader: ReturnType<typeof coalesce>;
  private readonly now: () => number;

  constructor(private readonly options: MetadataCacheOptions) {
    this.channel = changesChannel(options.keyPrefix);
    this.now = options.now ?? Date.now;
    this.reloader = coalesce(() => this.load());
  }

  /** Subscribes before the first load, so a change made during that load is not missed. */
  async start(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.options.createSubscriber();
    this.subscriber = subscriber;
    subscriber.on("message", (channel: string) => {
      if (channel === this.channel) this.refreshInBackground("change notice");
    });
    await subscriber.subscribe(this.channel);
    // ioredis resubscribes after a reconnect; notices sent while it was away are gone, so reload.
    subscriber.on("ready", () => this.refreshInBackground("redis reconnected"));
    await this.reload();
    this.timer = setInterval(() => this.refreshInBackground("periodic refresh"), this.options.refreshMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) {
      subscriber.removeAllListeners("message");
      subscriber.removeAllListeners("ready");
      await subscriber.quit().catch(() => subscriber.disconnect());
    }
    await this.reloader.idle();
  }

  /** Reloads now (coalesced with any reload already under way); rejects if loading fails. */
  reload(): Promise<void> {
    return this.reloader.request();
  }

  siteById(id: string): Site | undefined {
    return this.snapshot.siteById(id);
  }

  siteByHostname(hostname: string): Site | undefined {
    return this.snapshot.siteByHostname(hostname);
  }

  /** Expired keys and keys of deleted sites are not returned. */
  keyByToken(token: string): ApiKey | undefined {
    return this.snapshot.keyByHash(hashToken(token), this.now());
  }

  /**
   * The key an access token resolved to (see AccessTokens.resolve), or an oAuth client's key by
   * its id; expired keys and keys of deleted sites are not returned.
   */
  keyById(id: string): ApiKey | undefined {
    return this.snapshot.keyById(id, this.now());
  }

  /** The oAuth client with this client id; check the secret with clientSecretMatches. */
  keyByClientId(clientId: string): ApiKey | undefined {
    return this.snapshot.keyByClientId(clientId, this.now());
  }

  /** The site's webhooks (active or not), oldest first; none for a site that is not live. */
  webhooksOf(siteId: string): readonly Webhook[] {
    return this.snapshot.webhooksOf(siteId);
  }

  /** The access link with this code, while it is valid and its site is live. */
  accessLinkByCode(code: string): AccessLink | undefined {
    return this.snapshot.accessLinkByCode(code, this.now());
  }

  filtersOf(siteId: string): readonly TrafficFilter[] {
    return this.snapshot.filtersOf(siteId);
  }

  isHitFiltered(siteId: string, hit: HitTraits): boolean {
    return this.snapshot.isHitFiltered(siteId, hit);
  }

  /** The site's goals, oldest first; none for a site that is not live. */
  goalsOf(siteId: string): readonly Goal[] {
    return this.snapshot.goalsOf(siteId);
  }

  /** The site's funnels, oldest first; none for a site that is not live. */
  funnelsOf(siteId: string): readonly Funnel[] {
    return this.snapshot.funnelsOf(siteId);
  }

  /**
   * A funnel of a live site, whichever site that is: callers serving one site must check that
   * funnel.site_id is that site before using it.
   */
  funnelById(id: string): Funnel | undefined {
    return this.snapshot.funnelById(id);
  }

  private async load(): Promise<void> {
    const { source } = this.options;
    const [sites, keys, filters, goals, funnels, webhooks, accessLinks] = await Promise.all([
      source.listSites(),
      source.listApiKeys(),
      source.listTrafficFilters(),
      source.listGoals(),
      source.listFunnels(),
      source.listWebhooks?.() ?? [],
      source.listAccessLinks?.() ?? [],
    ]);
    this.snapshot = new MetadataSnapshot(sites, keys, filters, goals, funnels, { webhooks, accessLinks });
    this.options.logger?.debug(this.snapshot.size, "metadata reloaded");
  }

  /** A failed reload keeps the previous snapshot: stale configuration beats none. */
  private refreshInBackground(reason: string): void {
    this.reloader.request().catch((error: unknown) => {
      this.options.logger?.warn({ err: error, reason }, "metadata reload failed; keeping the previous snapshot");
    });
  }
}
