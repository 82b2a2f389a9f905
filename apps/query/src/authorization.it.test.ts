import type { Scope } from "@pulse/metadata";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_SCOPES, AUTHORIZATION, type MatrixFixture, type MatrixRequest, READ_SCOPES, type RouteAccess, TOKEN_KINDS, type TokenKind } from "./authorization.js";
import { event, feedHits, pageview } from "./test-support/hits.js";
import { type QueryWorld, queryWorld } from "./test-support/query-app.js";

// Integration: every route of the query app (real ClickHouse and Redis) called with each kind of
// token; the statuses must be the ones authorization.ts declares. Answers to the wrong tokens must
// never carry the account's site: not its id, not its domain.

const MAIN_DOMAIN = "authz-main.test";
let world: QueryWorld;
let app: Hono;
let accountId: string;
let main: string;
let mainFunnel: string;
const tokens = {} as Record<Exclude<TokenKind, "right" | "lacksScope" | "none">, string>;
let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${counter++}`;

beforeAll(async () => {
  world = await queryWorld("query_authz");
  const { store } = world;
  const account = await store.createAccount({ name: "Matrix" });
  accountId = account.id;
  const rival = await store.createAccount({ name: "Rival" });
  main = (await store.createSite({ account_id: accountId, domain: MAIN_DOMAIN, timezone: "Europe/Berlin" })).id;
  const second = (await store.createSite({ account_id: accountId, domain: "authz-second.test" })).id;
  await store.createSite({ account_id: rival.id, domain: "authz-rival.test" });
  mainFunnel = (
    await store.createFunnel({
      site_id: main,
      name: "Pricing",
      steps: [
        { name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] },
        { name: "Pricing", filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
      ],
    })
  ).id;
  await store.createGoal({ site_id: main, name: "Signup", event_name: "Signup" });
  // A key limited to the main site: a listing that shows it to a key of another site leaks it.
  await store.createApiKey({ account_id: accountId, site_id: main, name: "main only", scopes: ["statistics:read"] });
  const revoked = await store.createApiKey({ account_id: accountId, scopes: ["admin"] });
  await store.deleteApiKey(revoked.key.id);
  tokens.revoked = revoked.token;
  tokens.malformed = "not-a-token";
  tokens.expired = (await store.createApiKey({ account_id: accountId, scopes: ["admin"], expires_at: new Date(Date.now() - 60_000).toISOString() })).token;
  tokens.otherAccount = (await store.createApiKey({ account_id: rival.id, scopes: ["admin"] })).token;
  tokens.readOnly = (await store.createApiKey({ account_id: accountId, scopes: READ_SCOPES })).token;
  tokens.otherSite = (await store.createApiKey({ account_id: accountId, site_id: second, scopes: ["admin"] })).token;
  const host = MAIN_DOMAIN;
  await feedHits(world, "authz", [
    pageview({ site: main, host, at: "2026-03-10T10:00", path: "/", referrer: "https://www.google.com/" }),
    pageview({ site: main, host, at: "2026-03-10T10:01", path: "/pricing" }),
    event({ site: main, host, at: "2026-03-10T10:02", path: "/pricing", name: "Signup", meta: { plan: "pro" } }),
  ]);
  app = await world.instance();
}, 60_000);
afterAll(() => world?.dispose());

/** Keys by the scopes they hold, made once. */
const keys = new Map<string, Promise<string>>();
function keyWith(scopes: readonly Scope[]): Promise<string> {
  const id = [...scopes].sort().join(",");
  let token = keys.get(id);
  if (!token) {
    token = world.store.createApiKey({ account_id: accountId, name: `holds ${id}`, scopes: [...scopes] }).then((k) => k.token);
    keys.set(id, token);
  }
  return token;
}

/** Pirsch access tokens by the scopes their client holds, made once. */
const accessTokens = new Map<string, Promise<string>>();
function accessTokenWith(scopes: readonly Scope[]): Promise<string> {
  const id = [...scopes].sort().join(",");
  let token = accessTokens.get(id);
  if (!token) {
    token = (async () => {
      const { client_id, client_secret } = await world.store.createOAuthClient({ account_id: accountId, scopes: [...scopes] });
      const response = await app.request("/api/v1/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ client_id, client_secret }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    })();
    accessTokens.set(id, token);
  }
  return token;
}

/** Made once per route (its cells share them); a route that deletes one deletes its own. */
function fixtureFor(): MatrixFixture {
  const once = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
  };
  const { store } = world;
  const site = once(async () => (await store.createSite({ account_id: accountId, domain: `${unique("route")}.test` })).id);
  const clientCredentials = once(() => store.createOAuthClient({ account_id: accountId, scopes: ["statistics:read"] }));
  return {
    accountId,
    main,
    mainFunnel,
    site,
    goal: once(async () => (await store.createGoal({ site_id: await site(), name: "Goal", path_pattern: "/x" })).id),
    funnel: once(
      async () =>
        (
          await store.createFunnel({
            site_id: await site(),
            name: "Funnel",
            steps: [
              { name: "A", filters: [{ field: "path", op: "is", values: ["/a"] }] },
              { name: "B", filters: [{ field: "path", op: "is", values: ["/b"] }] },
            ],
          })
        ).id,
    ),
    view: once(async () => (await store.createSavedView({ site_id: await site(), name: "View", query: {} })).id),
    trafficFilter: once(async () => (await store.createTrafficFilter({ site_id: await site(), type: "ip", filter: "10.9.9.9" })).id),
    accessLink: once(async () => (await store.createAccessLink({ site_id: await site() })).id),
    webhook: once(async () => (await store.createWebhook({ site_id: await site(), event: "Signup", endpoint: "https://hooks.example.com/x" })).id),
    alternativeDomain: once(async () => {
      const admin = await keyWith(["admin"]);
      const response = await app.request("/api/v1/domain/alternative", {
        method: "POST",
        headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
        body: JSON.stringify({ domain_id: await site(), hostname: `${unique("alt")}.test` }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { id: string }).id;
    }),
    key: once(async () => (await store.createApiKey({ account_id: accountId, name: "to revoke", scopes: ["organizations:write"] })).key.id),
    client: once(async () => (await store.createOAuthClient({ account_id: accountId, scopes: ["domains:read", "domains:write"] })).key.id),
    clientCredentials: once(async () => {
      const { client_id, client_secret } = await clientCredentials();
      return { client_id, client_secret };
    }),
    unique,
  };
}

/** The token a cell sends, and how. */
async function credentialsOf(kind: TokenKind, access: RouteAccess): Promise<{ header?: string; query?: string }> {
  if (kind === "none") return {};
  if (kind === "right") {
    if (access.scopes === "public") return {};
    const grant = access.grant ?? (access.scopes.length > 0 ? [access.scopes[0]!] : ["billing:read" as const]);
    if (access.form === "pirsch-client") return { header: `Bearer ${await accessTokenWith(grant)}` };
    const token = await keyWith(grant);
    return access.form === "query" ? { query: token } : { header: `Bearer ${token}` };
  }
  if (kind === "lacksScope") {
    const accepted = access.scopes === "public" ? [] : access.scopes;
    return { header: `Bearer ${await keyWith(ALL_SCOPES.filter((s) => !accepted.includes(s)))}` };
  }
  return { header: `Bearer ${tokens[kind]}` };
}

async function call(method: string, request: MatrixRequest, credentials: { header?: string; query?: string }) {
  const url = credentials.query === undefined ? request.url : `${request.url}${request.url.includes("?") ? "&" : "?"}token=${credentials.query}`;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (credentials.header) headers.Authorization = credentials.header;
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await app.request(url, { method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
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

describe.concurrent.each(Object.entries(AUTHORIZATION))("%s", (id, access) => {
  it("answers each kind of token as declared, never leaking the account's site", async () => {
    const [method] = id.split(" ") as [string];
    const f = fixtureFor();
    const actual = {} as Record<TokenKind, number>;
    const problems: string[] = [];
    // The right token goes last: its request may delete what the others were refused.
    for (const kind of TOKEN_KINDS) {
      const request = await access.request(f);
      const { status, type, text } = await call(method, request, await credentialsOf(kind, access));
      actual[kind] = status;
      if (status >= 400 && !(type.includes("application/json") && typeof JSON.parse(text).error === "string")) {
        problems.push(`${kind}: a ${status} without a JSON {"error"} body: ${text.slice(0, 200)}`);
      }
      const foreign = kind === "otherAccount" || kind === "otherSite" || kind === "none" || kind === "malformed" || kind === "revoked" || kind === "expired" || kind === "lacksScope";
      if (foreign && access.scopes !== "public" && (text.includes(MAIN_DOMAIN) || text.includes(main))) {
        problems.push(`${kind}: the answer (${status}) shows the main site: ${text.slice(0, 300)}`);
      }
      if (kind === "otherAccount" && text.includes(accountId)) problems.push(`otherAccount: the answer (${status}) shows the account id`);
    }
    expect({ statuses: actual, problems }).toEqual({ statuses: access.expect, problems: [] });
  }, 30_000);
});
