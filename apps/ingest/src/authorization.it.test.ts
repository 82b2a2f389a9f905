import type { Scope } from "@pulse/metadata";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTHORIZATION, type RouteAccess, TOKEN_KINDS, type TokenKind, type WriteScope } from "./authorization.js";
import { type IngestWorld, ingestWorld } from "./test-support/ingest-world.js";

// Integration: every route of the ingest app (real ClickHouse metadata, Redis, Kafka) called with each
// kind of token; the statuses must be the ones authorization.ts declares. What a 202 promises is
// checked in Kafka itself: the cell's records are there, of the right kind and for the right site (the
// site of the key, which for a page must also be the page's); a refused cell put nothing there.

const MAIN_DOMAIN = "authz-main.test";
const WRITE: WriteScope[] = ["hit", "event", "session"];
const READ_SCOPES: Scope[] = ["statistics:read", "domains:read", "organizations:read", "themes:read", "billing:read"];

let world: IngestWorld;
let app: Hono;
let accountId: string;
/** The site each kind of token belongs to: where its let-through records must land. */
const siteOf = {} as Record<"main" | "second" | "rival", string>;
const tokens = {} as Record<"malformed" | "revoked" | "expired" | "otherAccount" | "accountWide" | "readOnly" | "otherSite", string>;

beforeAll(async () => {
  const { store, start } = await ingestWorld("ingest_authz");
  const account = await store.createAccount({ name: "Matrix" });
  accountId = account.id;
  const rival = await store.createAccount({ name: "Rival" });
  siteOf.main = (await store.createSite({ account_id: accountId, domain: MAIN_DOMAIN })).id;
  siteOf.second = (await store.createSite({ account_id: accountId, domain: "authz-second.test" })).id;
  siteOf.rival = (await store.createSite({ account_id: rival.id, domain: "authz-rival.test" })).id;
  const revoked = await store.createApiKey({ account_id: accountId, site_id: siteOf.main, scopes: WRITE });
  await store.deleteApiKey(revoked.key.id);
  tokens.revoked = revoked.token;
  tokens.malformed = "not-a-token";
  const expiresAt = new Date(Date.now() - 60_000).toISOString();
  tokens.expired = (await store.createApiKey({ account_id: accountId, site_id: siteOf.main, scopes: WRITE, expires_at: expiresAt })).token;
  tokens.otherAccount = (await store.createApiKey({ account_id: rival.id, site_id: siteOf.rival, scopes: WRITE })).token;
  tokens.accountWide = (await store.createApiKey({ account_id: accountId, scopes: ["admin"] })).token;
  tokens.readOnly = (await store.createApiKey({ account_id: accountId, site_id: siteOf.main, scopes: READ_SCOPES })).token;
  tokens.otherSite = (await store.createApiKey({ account_id: accountId, site_id: siteOf.second, scopes: WRITE })).token;
  world = await start();
  app = world.app;
}, 90_000);
afterAll(() => world?.dispose());

/** Keys of the main site by the scopes they hold, made once. */
const keys = new Map<string, Promise<string>>();
function keyWith(scopes: readonly Scope[]): Promise<string> {
  const id = [...scopes].sort().join(",");
  let token = keys.get(id);
  if (!token) {
    token = world.store.createApiKey({ account_id: accountId, site_id: siteOf.main, name: `holds ${id}`, scopes: [...scopes] }).then((k) => k.token);
    keys.set(id, token);
  }
  return token;
}

/** Pirsch access tokens of oAuth clients of the main site, by scope, made once. */
const accessTokens = new Map<string, Promise<string>>();
function accessTokenWith(scope: WriteScope): Promise<string> {
  let token = accessTokens.get(scope);
  if (!token) {
    token = (async () => {
      const client = await world.store.createOAuthClient({ account_id: accountId, site_id: siteOf.main, scopes: [scope] });
      return (await world.accessTokens.issue(client.key.id)).token;
    })();
    accessTokens.set(scope, token);
  }
  return token;
}

/** The Authorization header a cell sends (none for "none"), whatever the route: the beacon must ignore it. */
async function authorizationOf(kind: TokenKind, access: RouteAccess): Promise<string | undefined> {
  const scope = access.scope === "public" ? "hit" : access.scope;
  switch (kind) {
    case "none":
      return undefined;
    case "right":
      return `Bearer ${await keyWith([scope])}`;
    case "lacksScope":
      return `Bearer ${await keyWith(WRITE.filter((s) => s !== scope))}`;
    case "accessToken":
      return `Bearer ${await accessTokenWith(scope)}`;
    default:
      return `Bearer ${tokens[kind]}`;
  }
}

/** Where a let-through cell's records must land: the key's site, or for the beacon the site it names. */
function expectedSiteOf(kind: TokenKind, access: RouteAccess): string {
  if (access.scope === "public") return siteOf.main;
  if (kind === "otherAccount") return siteOf.rival;
  if (kind === "otherSite") return siteOf.second;
  return siteOf.main;
}

describe("the authorization table", () => {
  it("has exactly one entry for every route the app serves", () => {
    // Handlers only: middleware registered with use() shows up as method ALL.
    const routes = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    const served = [...new Set(routes)].sort();
    expect(routes.length, "a route registered twice").toBe(served.length);
    expect(served.filter((id) => !(id in AUTHORIZATION)), "routes without an entry in authorization.ts").toEqual([]);
    expect(Object.keys(AUTHORIZATION).filter((id) => !served.includes(id)), "entries without a route").toEqual([]);
  });
});

let routeNumber = 0;
describe.concurrent.each(Object.entries(AUTHORIZATION))("%s", (id, access) => {
  const route = routeNumber++;
  it("answers each kind of token as declared, and only what it let through is in Kafka, for the right site", async () => {
    const [method, path] = id.split(" ") as [string, string];
    const actual = {} as Record<TokenKind, number>;
    const problems: string[] = [];
    const userAgentOf = (kind: TokenKind) => `Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0 matrix-${route}-${kind}`;
    for (const kind of TOKEN_KINDS) {
      const cell = access.request({ domain: MAIN_DOMAIN, userAgent: userAgentOf(kind), time: new Date(Date.now() - 60_000).toISOString() });
      const headers: Record<string, string> = { ...cell.headers };
      const authorization = await authorizationOf(kind, access);
      if (authorization) headers.Authorization = authorization;
      const response = await app.request(path, { method, headers, body: method === "GET" ? undefined : cell.body });
      const text = await response.text();
      actual[kind] = response.status;
      if (response.status >= 400) {
        const type = response.headers.get("content-type") ?? "";
        if (!(type.includes("application/json") && typeof JSON.parse(text).error === "string")) {
          problems.push(`${kind}: a ${response.status} without a JSON {"error"} body: ${text.slice(0, 200)}`);
        }
      }
    }
    // Every request above has been answered, so whatever it sent Kafka already acknowledged.
    await world.records.caughtUp();
    for (const kind of TOKEN_KINDS) {
      const records = world.records.matching(userAgentOf(kind));
      const letThrough = actual[kind] >= 200 && actual[kind] < 300;
      const count = letThrough ? access.produces.count : 0;
      if (records.length !== count) {
        problems.push(`${kind}: answered ${actual[kind]}, ${records.length} records in Kafka (expected ${count})`);
        continue;
      }
      const site = expectedSiteOf(kind, access);
      for (const record of records) {
        if (record.site_id !== site) problems.push(`${kind}: a record for site ${record.site_id}, expected ${site}`);
        if ("kind" in access.produces && record.kind !== access.produces.kind) problems.push(`${kind}: a ${record.kind} record, expected ${access.produces.kind}`);
      }
    }
    expect({ statuses: actual, problems }).toEqual({ statuses: access.expect, problems: [] });
  }, 60_000);
});

describe("a page on the main site's domain sent with another site's key", () => {
  it("is refused however the hostname is spelled, and nothing reaches Kafka", async () => {
    const marker = "matrix-spelling";
    const spellings = [`https://www.${MAIN_DOMAIN}/`, `https://${MAIN_DOMAIN.toUpperCase()}./x`, `https://u:p@${MAIN_DOMAIN}:8443/x`, `https://${MAIN_DOMAIN}\\x`];
    for (const token of [tokens.otherSite, tokens.otherAccount]) {
      for (const url of spellings) {
        const body = JSON.stringify({ url, ip: "81.2.69.142", user_agent: `Mozilla/5.0 Firefox/120.0 ${marker}` });
        const response = await app.request("/api/v1/hit", { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body });
        expect(response.status, url).toBe(403);
      }
    }
    await world.records.caughtUp();
    expect(world.records.matching(marker)).toEqual([]);
  });
});

describe("what Kafka holds", () => {
  it("is only valid records", async () => {
    await world.records.caughtUp();
    expect(world.records.invalid).toEqual([]);
  });
});
