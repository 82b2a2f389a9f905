import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Logger } from "@pulse/logger";
import type { Redis } from "@pulse/redis";
import { type AccessLink, type AccessLinkCreate, type AccessLinkUpdate, accessLink, accessLinkCreate, accessLinkUpdate } from "./access-links.js";
import { randomBase62 } from "./base62.js";
import { type MetadataChange, changesChannel } from "./changes.js";
import { newClientCredentials } from "./clients.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { newId } from "./ids.js";
import { type QueryParams, readRows, writeRow } from "./rows.js";
import {
  type Account,
  type AccountCreate,
  type AccountUpdate,
  type ApiKey,
  type ApiKeyCreate,
  type ApiKeyUpdate,
  type Funnel,
  type FunnelCreate,
  type FunnelUpdate,
  type Goal,
  type GoalCreate,
  type GoalUpdate,
  type PublicApiKey,
  type SavedView,
  type SavedViewCreate,
  type SavedViewUpdate,
  type Site,
  type SiteCreate,
  type SiteUpdate,
  type TrafficFilter,
  type TrafficFilterCreate,
  type TrafficFilterUpdate,
  accountCreate,
  accountUpdate,
  apiKeyCreate,
  apiKeyUpdate,
  funnel,
  funnelCreate,
  funnelUpdate,
  goal,
  goalCreate,
  goalUpdate,
  savedView,
  savedViewCreate,
  savedViewUpdate,
  siteCreate,
  siteUpdate,
  trafficFilter,
  trafficFilterCreate,
  trafficFilterUpdate,
} from "./schemas.js";
import {
  ACCESS_LINKS,
  ACCOUNTS,
  API_KEYS,
  FUNNELS,
  GOALS,
  SAVED_VIEWS,
  SITES,
  TRAFFIC_FILTERS,
  type TableSpec,
  WEBHOOKS,
} from "./tables.js";
import { hashToken, newToken, tokenKindFor, tokenPrefix } from "./tokens.js";
import { createVersionClock } from "./version.js";
import { type Webhook, type WebhookCreate, type WebhookUpdate, webhook, webhookCreate, webhookUpdate } from "./webhooks.js";

export interface MetadataStoreOptions {
  /** Bound to the database holding the metadata tables. */
  clickhouse: ClickHouseClient;
  /** Used only to PUBLISH change notices. */
  redis: Redis;
  /** REDIS_KEY_PREFIX: channel names are not prefixed by ioredis, so the store adds it. */
  keyPrefix: string;
  /** Epoch milliseconds; drives created_at and versions. */
  now?: () => number;
  logger?: Logger;
}

type Stored = { id: string; version: number; created_at: string };

/**
 * Reads and writes the platform's configuration. Every write appends a whole row with a higher
 * version (deletes append is_deleted = 1) and then announces itself on Redis; inputs are validated
 * here, so every caller (API, CLI) gets the same rules.
 */
export class MetadataStore {
  readonly channel: string;
  private readonly clickhouse: ClickHouseClient;
  private readonly redis: Redis;
  private readonly now: () => number;
  private readonly nextVersion: () => number;
  private readonly log: Logger | undefined;

  constructor(options: MetadataStoreOptions) {
    this.clickhouse = options.clickhouse;
    this.redis = options.redis;
    this.channel = changesChannel(options.keyPrefix);
    this.now = options.now ?? Date.now;
    this.nextVersion = createVersionClock(this.now);
    this.log = options.logger;
  }

  // Accounts

  async createAccount(input: AccountCreate): Promise<Account> {
    const account: Account = { ...this.fresh(), ...accountCreate.parse(input) };
    await this.write(ACCOUNTS, account, "create");
    return account;
  }

  async updateAccount(id: string, patch: AccountUpdate): Promise<Account> {
    const current = await this.require(ACCOUNTS, id);
    const next: Account = { ...current, ...accountUpdate.parse(patch), version: this.versionAfter(current) };
    await this.write(ACCOUNTS, next, "update");
    return next;
  }

  /** Refused while the account has sites or keys: deleting it would orphan live credentials. */
  async deleteAccount(id: string): Promise<void> {
    const current = await this.require(ACCOUNTS, id);
    const [sites, keys] = await Promise.all([this.listSites({ account_id: id }), this.listApiKeys({ account_id: id })]);
    if (sites.length > 0 || keys.length > 0) {
      throw new ConflictError(`account ${id} still has ${sites.length} site(s) and ${keys.length} key(s)`);
    }
    await this.write(ACCOUNTS, { ...current, version: this.versionAfter(current) }, "delete");
  }

  getAccount(id: string): Promise<Account | undefined> {
    return this.get(ACCOUNTS, id);
  }

  listAccounts(): Promise<Account[]> {
    return readRows(this.clickhouse, ACCOUNTS, [], {}, this.log);
  }

  // Sites

  async createSite(input: SiteCreate): Promise<Site> {
    const fields = siteCreate.parse(input);
    await this.require(ACCOUNTS, fields.account_id);
    const site = withoutPrimaryAlias({ ...this.fresh(), ...fields });
    await this.ensureDomainsFree(site);
    await this.write(SITES, site, "create");
    return site;
  }

  async updateSite(id: string, patch: SiteUpdate): Promise<Site> {
    const current = await this.require(SITES, id);
    const next = withoutPrimaryAlias({ ...current, ...siteUpdate.parse(patch), version: this.versionAfter(current) });
    await this.ensureDomainsFree(next);
    await this.write(SITES, next, "update");
    return next;
  }

  /**
   * Never refused by what hangs off the site. Its keys and filters are left as they are: caches
   * ignore keys of a missing site and filters are only looked up by a live site, so nothing stale
   * can act. Its goals, funnels, saved views, access links and webhooks are deleted with it (each
   * with its own change notice), before the site itself, so a delete that fails halfway can simply
   * be retried; one created concurrently and left behind is ignored by the caches like a filter of
   * a missing site.
   */
  async deleteSite(id: string): Promise<void> {
    const current = await this.require(SITES, id);
    const bySite = { site_id: id };
    const [goals, funnels, views, links, hooks] = await Promise.all([
      this.listGoals(bySite),
      this.listFunnels(bySite),
      this.listSavedViews(bySite),
      this.listAccessLinks(bySite),
      this.listWebhooks(bySite),
    ]);
    for (const item of goals) await this.remove(GOALS, item);
    for (const item of funnels) await this.remove(FUNNELS, item);
    for (const item of views) await this.remove(SAVED_VIEWS, item);
    for (const item of links) await this.remove(ACCESS_LINKS, item);
    for (const item of hooks) await this.remove(WEBHOOKS, item);
    await this.remove(SITES, current);
  }

  getSite(id: string): Promise<Site | undefined> {
    return this.get(SITES, id);
  }

  listSites(filter: { account_id?: string } = {}): Promise<Site[]> {
    const where: string[] = [];
    const params: QueryParams = {};
    if (filter.account_id !== undefined) {
      where.push("account_id = {account_id:String}");
      params.account_id = filter.account_id;
    }
    return readRows(this.clickhouse, SITES, where, params, this.log);
  }

  // API keys

  /**
   * The plaintext token is in the result and nowhere else: only its hash is stored. `clientType`
   * "token" marks a key made as a Pirsch "token" client; it works like any other key.
   */
  async createApiKey(input: ApiKeyCreate, options: { clientType?: "" | "token" } = {}): Promise<{ key: PublicApiKey; token: string }> {
    const fields = await this.checkedKeyFields(input);
    const token = newToken(tokenKindFor(fields.scopes));
    const key: ApiKey = {
      ...this.fresh(),
      ...fields,
      token_hash: hashToken(token),
      token_prefix: tokenPrefix(token),
      client_type: options.clientType ?? "",
      client_id: "",
      client_secret_hash: "",
    };
    await this.write(API_KEYS, key, "create");
    return { key: visibleKey(key), token };
  }

  /**
   * A Pirsch oAuth client: a key that is never a bearer itself (its token hash is of a token nobody
   * is given), whose client id and secret are exchanged for access tokens. The secret is in the
   * result and nowhere else.
   */
  async createOAuthClient(input: ApiKeyCreate): Promise<{ key: PublicApiKey; client_id: string; client_secret: string }> {
    const fields = await this.checkedKeyFields(input);
    const { clientId, clientSecret } = newClientCredentials();
    const key: ApiKey = {
      ...this.fresh(),
      ...fields,
      token_hash: hashToken(newToken("secret")),
      token_prefix: clientId.slice(0, 8),
      client_type: "oauth",
      client_id: clientId,
      client_secret_hash: hashToken(clientSecret),
    };
    await this.write(API_KEYS, key, "create");
    return { key: visibleKey(key), client_id: clientId, client_secret: clientSecret };
  }

  async updateApiKey(id: string, patch: ApiKeyUpdate): Promise<ApiKey> {
    const current = await this.require(API_KEYS, id);
    const next: ApiKey = { ...current, ...apiKeyUpdate.parse(patch), version: this.versionAfter(current) };
    await this.write(API_KEYS, next, "update");
    return next;
  }

  async deleteApiKey(id: string): Promise<void> {
    const current = await this.require(API_KEYS, id);
    await this.write(API_KEYS, { ...current, version: this.versionAfter(current) }, "delete");
  }

  getApiKey(id: string): Promise<ApiKey | undefined> {
    return this.get(API_KEYS, id);
  }

  listApiKeys(filter: { account_id?: string; site_id?: string } = {}): Promise<ApiKey[]> {
    const where: string[] = [];
    const params: QueryParams = {};
    if (filter.account_id !== undefined) {
      where.push("account_id = {account_id:String}");
      params.account_id = filter.account_id;
    }
    if (filter.site_id !== undefined) {
      where.push("site_id = {site_id:String}");
      params.site_id = filter.site_id;
    }
    return readRows(this.clickhouse, API_KEYS, where, params, this.log);
  }

  // Access links

  /** The link's code is made here: 32 base62 characters (~190 bits). */
  async createAccessLink(input: AccessLinkCreate): Promise<AccessLink> {
    const fields = accessLinkCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const created: AccessLink = { ...this.fresh(), ...fields, code: randomBase62(32) };
    await this.write(ACCESS_LINKS, created, "create");
    return created;
  }

  async updateAccessLink(id: string, patch: AccessLinkUpdate): Promise<AccessLink> {
    const current = await this.require(ACCESS_LINKS, id);
    const next = accessLink.parse({ ...current, ...accessLinkUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(ACCESS_LINKS, next, "update");
    return next;
  }

  async deleteAccessLink(id: string): Promise<void> {
    await this.remove(ACCESS_LINKS, await this.require(ACCESS_LINKS, id));
  }

  getAccessLink(id: string): Promise<AccessLink | undefined> {
    return this.get(ACCESS_LINKS, id);
  }

  listAccessLinks(filter: { site_id?: string } = {}): Promise<AccessLink[]> {
    return this.listOfSite(ACCESS_LINKS, filter);
  }

  // Webhooks

  async createWebhook(input: WebhookCreate): Promise<Webhook> {
    const fields = webhookCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const created: Webhook = { ...this.fresh(), ...fields };
    await this.write(WEBHOOKS, created, "create");
    return created;
  }

  async updateWebhook(id: string, patch: WebhookUpdate): Promise<Webhook> {
    const current = await this.require(WEBHOOKS, id);
    const next = webhook.parse({ ...current, ...webhookUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(WEBHOOKS, next, "update");
    return next;
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.remove(WEBHOOKS, await this.require(WEBHOOKS, id));
  }

  getWebhook(id: string): Promise<Webhook | undefined> {
    return this.get(WEBHOOKS, id);
  }

  listWebhooks(filter: { site_id?: string } = {}): Promise<Webhook[]> {
    return this.listOfSite(WEBHOOKS, filter);
  }

  // Traffic filters

  async createTrafficFilter(input: TrafficFilterCreate): Promise<TrafficFilter> {
    const fields = trafficFilterCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const filter: TrafficFilter = { ...this.fresh(), ...fields };
    await this.write(TRAFFIC_FILTERS, filter, "create");
    return filter;
  }

  async updateTrafficFilter(id: string, patch: TrafficFilterUpdate): Promise<TrafficFilter> {
    const current = await this.require(TRAFFIC_FILTERS, id);
    // type and filter are validated together, so the merged filter is checked as a whole.
    const next = trafficFilter.parse({ ...current, ...trafficFilterUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(TRAFFIC_FILTERS, next, "update");
    return next;
  }

  async deleteTrafficFilter(id: string): Promise<void> {
    const current = await this.require(TRAFFIC_FILTERS, id);
    await this.write(TRAFFIC_FILTERS, { ...current, version: this.versionAfter(current) }, "delete");
  }

  getTrafficFilter(id: string): Promise<TrafficFilter | undefined> {
    return this.get(TRAFFIC_FILTERS, id);
  }

  listTrafficFilters(filter: { site_id?: string } = {}): Promise<TrafficFilter[]> {
    const where: string[] = [];
    const params: QueryParams = {};
    if (filter.site_id !== undefined) {
      where.push("site_id = {site_id:String}");
      params.site_id = filter.site_id;
    }
    return readRows(this.clickhouse, TRAFFIC_FILTERS, where, params, this.log);
  }

  // Goals

  async createGoal(input: GoalCreate): Promise<Goal> {
    const fields = goalCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const created: Goal = { ...this.fresh(), ...fields };
    await this.write(GOALS, created, "create");
    return created;
  }

  /** The merged goal is checked as a whole: the rules span fields (a path or an event, meta_value needs meta_key). */
  async updateGoal(id: string, patch: GoalUpdate): Promise<Goal> {
    const current = await this.require(GOALS, id);
    const next = goal.parse({ ...current, ...goalUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(GOALS, next, "update");
    return next;
  }

  async deleteGoal(id: string): Promise<void> {
    await this.remove(GOALS, await this.require(GOALS, id));
  }

  getGoal(id: string): Promise<Goal | undefined> {
    return this.get(GOALS, id);
  }

  listGoals(filter: { site_id?: string } = {}): Promise<Goal[]> {
    return this.listOfSite(GOALS, filter);
  }

  // Funnels

  async createFunnel(input: FunnelCreate): Promise<Funnel> {
    const fields = funnelCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const created: Funnel = { ...this.fresh(), ...fields };
    await this.write(FUNNELS, created, "create");
    return created;
  }

  async updateFunnel(id: string, patch: FunnelUpdate): Promise<Funnel> {
    const current = await this.require(FUNNELS, id);
    const next = funnel.parse({ ...current, ...funnelUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(FUNNELS, next, "update");
    return next;
  }

  async deleteFunnel(id: string): Promise<void> {
    await this.remove(FUNNELS, await this.require(FUNNELS, id));
  }

  getFunnel(id: string): Promise<Funnel | undefined> {
    return this.get(FUNNELS, id);
  }

  listFunnels(filter: { site_id?: string } = {}): Promise<Funnel[]> {
    return this.listOfSite(FUNNELS, filter);
  }

  // Saved views

  async createSavedView(input: SavedViewCreate): Promise<SavedView> {
    const fields = savedViewCreate.parse(input);
    await this.require(SITES, fields.site_id);
    const created: SavedView = { ...this.fresh(), ...fields };
    await this.write(SAVED_VIEWS, created, "create");
    return created;
  }

  async updateSavedView(id: string, patch: SavedViewUpdate): Promise<SavedView> {
    const current = await this.require(SAVED_VIEWS, id);
    const next = savedView.parse({ ...current, ...savedViewUpdate.parse(patch), version: this.versionAfter(current) });
    await this.write(SAVED_VIEWS, next, "update");
    return next;
  }

  async deleteSavedView(id: string): Promise<void> {
    await this.remove(SAVED_VIEWS, await this.require(SAVED_VIEWS, id));
  }

  getSavedView(id: string): Promise<SavedView | undefined> {
    return this.get(SAVED_VIEWS, id);
  }

  listSavedViews(filter: { site_id?: string } = {}): Promise<SavedView[]> {
    return this.listOfSite(SAVED_VIEWS, filter);
  }

  // Shared

  /** A key's fields, checked: the account exists and the key's site belongs to it. */
  private async checkedKeyFields(input: ApiKeyCreate) {
    const fields = apiKeyCreate.parse(input);
    await this.require(ACCOUNTS, fields.account_id);
    if (fields.site_id !== "") {
      const site = await this.require(SITES, fields.site_id);
      if (site.account_id !== fields.account_id) {
        throw new ConflictError(`site ${site.id} does not belong to account ${fields.account_id}`);
      }
    }
    return fields;
  }

  private fresh(): Stored {
    return { id: newId(), created_at: new Date(this.now()).toISOString(), version: this.nextVersion() };
  }

  /**
   * Above the row just read even if this machine's clock lags the writer's: an edit must not be
   * silently outranked by the very version it was based on.
   */
  private versionAfter(current: { version: number }): number {
    return Math.max(this.nextVersion(), current.version + 1);
  }

  private async get<T>(spec: TableSpec<T>, id: string): Promise<T | undefined> {
    const rows = await readRows(this.clickhouse, spec, ["id = {id:String}"], { id }, this.log);
    return rows[0];
  }

  private async require<T>(spec: TableSpec<T>, id: string): Promise<T> {
    const found = await this.get(spec, id);
    if (found === undefined) throw new NotFoundError(spec.entity, id);
    return found;
  }

  private listOfSite<T>(spec: TableSpec<T>, filter: { site_id?: string }): Promise<T[]> {
    if (filter.site_id === undefined) return readRows(this.clickhouse, spec, [], {}, this.log);
    return readRows(this.clickhouse, spec, ["site_id = {site_id:String}"], { site_id: filter.site_id }, this.log);
  }

  /** Appends the deletion of the row just read. */
  private remove<T extends Stored>(spec: TableSpec<T>, current: T): Promise<void> {
    return this.write(spec, { ...current, version: this.versionAfter(current) }, "delete");
  }

  /** A hostname belongs to one site only, or hits could not be attributed. */
  private async ensureDomainsFree(site: Site): Promise<void> {
    const hosts = [site.domain, ...site.alternative_domains];
    const taken = await readRows(
      this.clickhouse,
      SITES,
      ["id != {id:String}", "hasAny(arrayPushFront(alternative_domains, domain), {hosts:Array(String)})"],
      { id: site.id, hosts },
      this.log,
    );
    const other = taken[0];
    if (other) {
      const clash = hosts.filter((h) => h === other.domain || other.alternative_domains.includes(h));
      throw new ConflictError(`${clash.join(", ")} already belongs to site ${other.id}`);
    }
  }

  /** The row is durable before the notice goes out; a lost notice is repaired by the caches' periodic reload. */
  private async write<T extends Stored>(spec: TableSpec<T>, entity: T, op: MetadataChange["op"]): Promise<void> {
    await writeRow(this.clickhouse, spec.table, spec.toRow ? spec.toRow(entity) : entity, op === "delete");
    const change: MetadataChange = { entity: spec.entity, id: entity.id, op, version: entity.version };
    try {
      await this.redis.publish(this.channel, JSON.stringify(change));
    } catch (error) {
      this.log?.warn({ err: error, change }, "could not announce metadata change; caches catch up on their next refresh");
    }
  }
}

/** What a caller may see of a new key. */
function visibleKey(key: ApiKey): PublicApiKey {
  const { token_hash: _token, client_secret_hash: _secret, ...visible } = key;
  return visible;
}

/** The primary domain listed again as an alternative would only be noise. */
function withoutPrimaryAlias(site: Site): Site {
  return { ...site, alternative_domains: site.alternative_domains.filter((d) => d !== site.domain) };
}
