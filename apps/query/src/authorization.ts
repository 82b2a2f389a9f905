import type { Scope } from "@pulse/metadata";

/**
 * Who may call what: every route of the query service (native API, the five dialects, docs and the
 * token exchange) with the status each kind of token must get. authorization.it.test.ts reads the
 * routes from the app itself and fails for any route without an entry here, so a new route has to
 * say how it is protected before it can ship.
 */

/** The kinds of token every route is called with. */
export const TOKEN_KINDS = [
  /** No token at all. */
  "none",
  /** Something that is not a token. */
  "malformed",
  /** A key of the account that was deleted (revoked). */
  "revoked",
  /** A key of the account whose expiry has passed. */
  "expired",
  /** An admin key of another account. */
  "otherAccount",
  /** A key of the account holding every scope except the ones the route accepts. */
  "lacksScope",
  /** A key of the account holding every read scope and no write scope. */
  "readOnly",
  /** An admin key of the account limited to another site than the one asked for. */
  "otherSite",
  /** A key of the account holding just the route's scope, sent the way the route's dialect sends it. */
  "right",
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export type Expected = Record<TokenKind, number>;

/** How the route's own clients send the right token. */
export type TokenForm =
  /** Authorization: Bearer <key>. */
  | "bearer"
  /** ?token=<key> (Kindmetrics' documented form). */
  | "query"
  /** A Pirsch oAuth client's id and secret exchanged at POST /api/v1/token for an access token. */
  | "pirsch-client";

export interface MatrixRequest {
  /** Path and query string. */
  url: string;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * What a request is built from. `main` holds statistics; the other things are made for the route at
 * hand (once per route, shared by its cells), so a route that changes or deletes them leaves the
 * rest of the matrix alone.
 */
export interface MatrixFixture {
  accountId: string;
  /** The site with hits (page views and a "Signup" event) on 2026-03-10. */
  main: string;
  /** A funnel of `main`. */
  mainFunnel: string;
  /** A site of the account for this route only. */
  site(): Promise<string>;
  /** Things of site(), each made once per route. */
  goal(): Promise<string>;
  funnel(): Promise<string>;
  view(): Promise<string>;
  trafficFilter(): Promise<string>;
  accessLink(): Promise<string>;
  webhook(): Promise<string>;
  /** The Pirsch id of an alternative domain of site(). */
  alternativeDomain(): Promise<string>;
  /** An account-wide key of the account holding "organizations:write" (what the right token holds). */
  key(): Promise<string>;
  /** A Pirsch oAuth client of the account holding "domains:read" and "domains:write". */
  client(): Promise<string>;
  /** Credentials of a Pirsch oAuth client of the account. */
  clientCredentials(): Promise<{ client_id: string; client_secret: string }>;
  /** A value no other request of the run uses (hostnames, names). */
  unique(label: string): string;
}

export interface RouteAccess {
  /** "public": no token needed. Otherwise any one of these scopes opens the route; [] means any valid key. */
  scopes: "public" | readonly Scope[];
  /** The right token's scopes; default: the first of `scopes`. */
  grant?: readonly Scope[];
  form?: TokenForm;
  expect: Expected;
  /** A request the right token gets a real answer to. */
  request: (f: MatrixFixture) => Promise<MatrixRequest> | MatrixRequest;
}

const UNAUTHENTICATED = { none: 401, malformed: 401, revoked: 401, expired: 401 } as const;

/** The statuses of the usual kinds of route. */
export const EXPECT = {
  /** One site's data or settings, read: another account's or another site's is refused with `foreign`. */
  siteRead: (right = 200, foreign = 403): Expected => ({ ...UNAUTHENTICATED, otherAccount: foreign, lacksScope: 403, readOnly: right, otherSite: foreign, right }),
  /** One site's data or settings, changed. */
  siteWrite: (right = 200, foreign = 403): Expected => ({ ...UNAUTHENTICATED, otherAccount: foreign, lacksScope: 403, readOnly: 403, otherSite: foreign, right }),
  /** The key's own account: every key with the scope gets its own view (checked for leaks). */
  accountRead: (right = 200): Expected => ({ ...UNAUTHENTICATED, otherAccount: right, lacksScope: 403, readOnly: right, otherSite: right, right }),
  /** Something new in the key's own account; a key limited to one site may not. */
  accountCreate: (right: number): Expected => ({ ...UNAUTHENTICATED, otherAccount: right, lacksScope: 403, readOnly: 403, otherSite: 403, right }),
  /** Any valid key. */
  anyKey: (right = 200): Expected => ({ ...UNAUTHENTICATED, otherAccount: right, lacksScope: right, readOnly: right, otherSite: right, right }),
  /** Open to all. */
  open: (status = 200): Expected => ({ none: status, malformed: status, revoked: status, expired: status, otherAccount: status, lacksScope: status, readOnly: status, otherSite: status, right: status }),
};

const READ_SCOPES: Scope[] = ["statistics:read", "domains:read", "organizations:read", "themes:read", "billing:read"];
/** Every scope but admin. */
export const ALL_SCOPES: Scope[] = [...READ_SCOPES, "domains:write", "organizations:write", "themes:write", "hit", "event", "session"];
export { READ_SCOPES };

const DAY = "from=2026-03-10&to=2026-03-10";
const NATIVE = "/api/pulse/v1";
const query = (site: string) => ({ site_id: site, date_range: { from: "2026-03-10", to: "2026-03-10" } });
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

const stats: RouteAccess["scopes"] = ["statistics:read"];
const pirschRead: Scope[] = ["domains:read", "statistics:read"];
const domainsWrite: Scope[] = ["domains:write"];

const table: Record<string, RouteAccess> = {};
const add = (method: string, path: string, access: RouteAccess) => {
  const id = `${method} ${path}`;
  if (table[id]) throw new Error(`${id} is declared twice`);
  table[id] = access;
};

// Docs and the token exchange: open.
add("GET", "/openapi.json", { scopes: "public", expect: EXPECT.open(), request: () => ({ url: "/openapi.json" }) });
add("GET", "/docs", { scopes: "public", expect: EXPECT.open(), request: () => ({ url: "/docs" }) });
add("GET", "/docs/swagger-ui.css", { scopes: "public", expect: EXPECT.open(), request: () => ({ url: "/docs/swagger-ui.css" }) });
add("GET", "/docs/swagger-ui-bundle.js", { scopes: "public", expect: EXPECT.open(), request: () => ({ url: "/docs/swagger-ui-bundle.js" }) });
add("POST", "/api/v1/token", { scopes: "public", expect: EXPECT.open(), request: async (f) => ({ url: "/api/v1/token", body: await f.clientCredentials() }) });

// Native management API.
add("GET", `${NATIVE}/account`, { scopes: ["organizations:read"], expect: EXPECT.accountRead(), request: () => ({ url: `${NATIVE}/account` }) });
add("POST", `${NATIVE}/accounts`, { scopes: ["admin"], expect: EXPECT.accountCreate(201), request: (f) => ({ url: `${NATIVE}/accounts`, body: { name: f.unique("account") } }) });
add("GET", `${NATIVE}/sites`, { scopes: ["domains:read"], expect: EXPECT.accountRead(), request: () => ({ url: `${NATIVE}/sites` }) });
add("POST", `${NATIVE}/sites`, { scopes: domainsWrite, expect: EXPECT.accountCreate(201), request: (f) => ({ url: `${NATIVE}/sites`, body: { domain: `${f.unique("site")}.test` } }) });
add("GET", `${NATIVE}/sites/:id`, { scopes: ["domains:read"], expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sites/${f.main}` }) });
add("PATCH", `${NATIVE}/sites/:id`, { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}`, body: { timezone: "Europe/Paris" } }) });
add("DELETE", `${NATIVE}/sites/:id`, { scopes: domainsWrite, expect: EXPECT.siteWrite(204), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}` }) });
add("GET", `${NATIVE}/keys`, { scopes: ["organizations:read"], expect: EXPECT.accountRead(), request: () => ({ url: `${NATIVE}/keys` }) });
add("POST", `${NATIVE}/keys`, {
  scopes: ["organizations:write"],
  expect: EXPECT.accountCreate(201),
  request: () => ({ url: `${NATIVE}/keys`, body: { name: "matrix", scopes: ["organizations:write"] } }),
});
// Keys are looked up by id: another account's, or one outside the caller's site, is not there.
add("DELETE", `${NATIVE}/keys/:id`, { scopes: ["organizations:write"], expect: EXPECT.siteWrite(204, 404), request: async (f) => ({ url: `${NATIVE}/keys/${await f.key()}` }) });
add("GET", `${NATIVE}/sites/:id/filters`, { scopes: ["domains:read"], expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sites/${f.main}/filters` }) });
add("POST", `${NATIVE}/sites/:id/filters`, {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(201),
  request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/filters`, body: { type: "ip", filter: "10.1.2.3" } }),
});
add("DELETE", `${NATIVE}/sites/:id/filters/:filterId`, {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(204),
  request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/filters/${await f.trafficFilter()}` }),
});
const siteResources = [
  ["goals", (f: MatrixFixture) => f.goal(), { name: "Signup", event_name: "Signup" }],
  ["funnels", (f: MatrixFixture) => f.funnel(), { name: "Buy", steps: [{ name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] }, { name: "Signup", filters: [{ field: "event", op: "is", values: ["Signup"] }] }] }],
  ["views", (f: MatrixFixture) => f.view(), { name: "Blog", query: { filters: [["path", "contains", ["/blog"]]] } }],
] as const;
for (const [name, item, body] of siteResources) {
  const base = `${NATIVE}/sites/:id/${name}`;
  add("GET", base, { scopes: ["domains:read"], expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sites/${f.main}/${name}` }) });
  add("POST", base, { scopes: domainsWrite, expect: EXPECT.siteWrite(201), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/${name}`, body }) });
  add("GET", `${base}/:itemId`, { scopes: ["domains:read"], expect: EXPECT.siteRead(), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/${name}/${await item(f)}` }) });
  add("PATCH", `${base}/:itemId`, { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/${name}/${await item(f)}`, body: { name: "Renamed" } }) });
  add("DELETE", `${base}/:itemId`, { scopes: domainsWrite, expect: EXPECT.siteWrite(204), request: async (f) => ({ url: `${NATIVE}/sites/${await f.site()}/${name}/${await item(f)}` }) });
}

// Native statistics API.
add("POST", `${NATIVE}/query`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/query`, body: { ...query(f.main), metrics: ["visitors"], dimensions: ["path"] } }) });
add("POST", `${NATIVE}/sessions`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sessions`, body: query(f.main) }) });
add("POST", `${NATIVE}/goals`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/goals`, body: query(f.main) }) });
add("POST", `${NATIVE}/funnel`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/funnel`, body: { query: query(f.main), funnel_id: f.mainFunnel } }) });
add("POST", `${NATIVE}/filter-options`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/filter-options`, body: { query: query(f.main), field: "path" } }) });
add("GET", `${NATIVE}/sites/:id/sessions/:sessionId`, {
  scopes: stats,
  expect: EXPECT.siteRead(),
  request: (f) => ({ url: `${NATIVE}/sites/${f.main}/sessions/019a0000-0000-7000-8000-000000000000` }),
});
add("GET", `${NATIVE}/sites/:id/realtime`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sites/${f.main}/realtime` }) });
add("GET", `${NATIVE}/sites/:id/events`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `${NATIVE}/sites/${f.main}/events?date_range=7d` }) });

// Kindmetrics (https://app.kindmetrics.io/api): tokens travel as ?token=.
add("GET", "/api/domains", { scopes: ["domains:read", "statistics:read"], form: "query", expect: EXPECT.accountRead(), request: () => ({ url: "/api/domains" }) });
add("POST", "/api/domains", {
  scopes: domainsWrite,
  form: "query",
  expect: EXPECT.accountCreate(201),
  request: (f) => ({ url: "/api/domains", body: { domain: { address: `${f.unique("kind")}.test`, time_zone: "Europe/Stockholm" } } }),
});
for (const list of ["", "/countries", "/current", "/entry_pages", "/goals", "/pages", "/referrers", "/sources"]) {
  add("GET", `/api/domains/:id${list}`, { scopes: stats, form: "query", expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/domains/${f.main}${list}?${DAY}` }) });
}

// Krafter (https://app.krafter.dev/api/v1/analytics).
for (const endpoint of ["stats", "realtime", "events"]) {
  add("GET", `/api/v1/analytics/sites/:key/${endpoint}`, {
    scopes: stats,
    expect: EXPECT.siteRead(),
    request: (f) => ({ url: `/api/v1/analytics/sites/${f.main}/${endpoint}?period=custom&from=2026-03-10&to=2026-03-10` }),
  });
}

// Analytics Platform API v2.
add("GET", "/api/v2/sites", { scopes: stats, expect: EXPECT.accountRead(), request: () => ({ url: "/api/v2/sites" }) });
for (const endpoint of ["stats", "realtime", "events", "pageviews"]) {
  add("GET", `/api/v2/sites/:siteId/${endpoint}`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v2/sites/${f.main}/${endpoint}` }) });
}

// Kissmetrics Core API: the directory takes any key; an account id of the key's own account is readable by a one-site key too.
add("GET", "/core", { scopes: [], expect: EXPECT.anyKey(), request: () => ({ url: "/core" }) });
add("GET", "/core/accounts", { scopes: stats, expect: EXPECT.accountRead(), request: () => ({ url: "/core/accounts" }) });
add("GET", "/core/accounts/:id", { scopes: stats, expect: { ...EXPECT.accountRead(), otherAccount: 403 }, request: (f) => ({ url: `/core/accounts/${f.accountId}` }) });
add("GET", "/core/accounts/:id/products", { scopes: stats, expect: { ...EXPECT.accountRead(), otherAccount: 403 }, request: (f) => ({ url: `/core/accounts/${f.accountId}/products` }) });
add("GET", "/core/products", { scopes: stats, expect: EXPECT.accountRead(), request: () => ({ url: "/core/products" }) });
add("GET", "/core/products/:id", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/products/${f.main}` }) });
for (const collection of ["events", "properties", "metrics", "reports"]) {
  add("GET", `/core/${collection}`, { scopes: stats, expect: EXPECT.accountRead(), request: () => ({ url: `/core/${collection}` }) });
  add("GET", `/core/products/:id/${collection}`, { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/products/${f.main}/${collection}` }) });
}
add("GET", "/core/events/:id", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/events/${f.main}.e.${b64("Signup")}` }) });
add("GET", "/core/properties/:id", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/properties/${f.main}.p.${b64("country")}` }) });
add("GET", "/core/metrics/:id", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/metrics/${f.main}.b.${b64("visitors")}` }) });
add("GET", "/core/reports/:id", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/core/reports/${f.mainFunnel}` }) });
add("GET", "/query/metrics/:id/over-time", {
  scopes: stats,
  expect: EXPECT.siteRead(),
  request: (f) => ({ url: `/query/metrics/${f.main}.b.${b64("visitors")}/over-time?start_date=2026-03-10&end_date=2026-03-10` }),
});
add("GET", "/query/metrics/:id/by-segment", {
  scopes: stats,
  expect: EXPECT.siteRead(),
  request: (f) => ({ url: `/query/metrics/${f.main}.b.${b64("visitors")}/by-segment?segment=country&start_date=2026-03-10&end_date=2026-03-10` }),
});

// Pirsch management (/api/v1/...): the right token is an oAuth client's access token. Items looked
// up by their own id answer 404 outside the key's reach, so their existence is not confirmed.
const pirsch = (method: string, path: string, access: Omit<RouteAccess, "form">) => add(method, path, { form: "pirsch-client", ...access });
pirsch("GET", "/api/v1/domain", { scopes: pirschRead, expect: EXPECT.siteRead(200, 404), request: (f) => ({ url: `/api/v1/domain?id=${f.main}` }) });
pirsch("POST", "/api/v1/domain", { scopes: domainsWrite, expect: EXPECT.accountCreate(200), request: (f) => ({ url: "/api/v1/domain", body: { hostname: `${f.unique("pirsch")}.test` } }) });
pirsch("PUT", "/api/v1/domain", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/domain", body: { id: await f.site() } }) });
pirsch("DELETE", "/api/v1/domain", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: `/api/v1/domain?id=${await f.site()}` }) });
const settings: [string, string, (f: MatrixFixture) => object][] = [
  ["POST", "/api/v1/domain/hostname", (f) => ({ hostname: `${f.unique("host")}.test` })],
  ["POST", "/api/v1/domain/subdomain", (f) => ({ subdomain: f.unique("sub") })],
  ["POST", "/api/v1/domain/public", () => ({})],
  ["POST", "/api/v1/domain/scripts", () => ({})],
  ["POST", "/api/v1/domain/title", () => ({})],
  ["POST", "/api/v1/domain/active", () => ({ time: 120 })],
  ["POST", "/api/v1/domain/timezone", () => ({ timezone: "Europe/Paris" })],
  ["POST", "/api/v1/domain/metadata", () => ({ metadata: { team: "growth" } })],
  ["PUT", "/api/v1/domain/noindex", () => ({})],
  ["PUT", "/api/v1/traffic/spike", () => ({})],
  ["POST", "/api/v1/traffic/spike", () => ({ threshold: 100 })],
  ["PUT", "/api/v1/traffic/warning", () => ({})],
  ["POST", "/api/v1/traffic/warning", () => ({ threshold: 7 })],
];
for (const [method, path, fields] of settings) {
  pirsch(method, path, { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: path, body: { domain_id: await f.site(), ...fields(f) } }) });
}
pirsch("GET", "/api/v1/domain/link", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/domain/link?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/domain/link", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/domain/link", body: { domain_id: await f.site() } }) });
pirsch("PUT", "/api/v1/domain/link", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: "/api/v1/domain/link", body: { id: await f.accessLink(), description: "x" } }) });
pirsch("DELETE", "/api/v1/domain/link", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/domain/link?id=${await f.accessLink()}` }) });
pirsch("GET", "/api/v1/domain/alternative", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/domain/alternative?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/domain/alternative", {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(),
  request: async (f) => ({ url: "/api/v1/domain/alternative", body: { domain_id: await f.site(), hostname: `${f.unique("alt")}.test` } }),
});
pirsch("PUT", "/api/v1/domain/alternative", {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(200, 404),
  request: async (f) => ({ url: "/api/v1/domain/alternative", body: { id: await f.alternativeDomain(), hostname: `${f.unique("alt")}.test` } }),
});
pirsch("DELETE", "/api/v1/domain/alternative", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/domain/alternative?id=${await f.alternativeDomain()}` }) });
pirsch("GET", "/api/v1/domain/snippet", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/domain/snippet?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/domain/snippet", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/domain/snippet", body: { domain_id: await f.site(), type: "page view", dev: true } }) });
pirsch("GET", "/api/v1/client", { scopes: ["domains:read", "organizations:read"], expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/client?id=${f.main}` }) });
pirsch("POST", "/api/v1/client", {
  scopes: domainsWrite,
  // A client can only be given what its maker holds: "w" on domains is read and write.
  grant: ["domains:read", "domains:write"],
  expect: EXPECT.siteWrite(),
  request: async (f) => ({ url: "/api/v1/client", body: { domain_id: await f.site(), type: "oauth", scope_domains: "w", description: "matrix" } }),
});
pirsch("DELETE", "/api/v1/client", { scopes: domainsWrite, grant: ["domains:read", "domains:write"], expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/client?id=${await f.client()}` }) });
pirsch("GET", "/api/v1/filter", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/filter?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/filter", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/filter", body: { domain_id: await f.site(), type: "ip", filter: "10.1.2.3" } }) });
pirsch("DELETE", "/api/v1/filter", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/filter?id=${await f.trafficFilter()}` }) });
pirsch("GET", "/api/v1/goal", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/goal?id=${f.main}` }) });
pirsch("POST", "/api/v1/goal", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/goal", body: { domain_id: await f.site(), name: "Pricing", path_pattern: "/pricing" } }) });
pirsch("PUT", "/api/v1/goal", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: "/api/v1/goal", body: { id: await f.goal(), name: "Renamed" } }) });
pirsch("DELETE", "/api/v1/goal", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/goal?id=${await f.goal()}` }) });
// Testing a regular expression touches no site.
pirsch("POST", "/api/v1/goal/regex", { scopes: pirschRead, expect: EXPECT.accountRead(), request: () => ({ url: "/api/v1/goal/regex", body: { regex: "^/blog", sample: "/blog/post" } }) });
pirsch("GET", "/api/v1/funnel", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/funnel?id=${f.main}` }) });
pirsch("POST", "/api/v1/funnel", {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(),
  request: async (f) => ({ url: "/api/v1/funnel", body: { domain_id: await f.site(), name: "Buy", steps: [{ name: "Home", filter: { path: ["/"] } }, { name: "Pricing", filter: { path: ["/pricing"] } }] } }),
});
pirsch("DELETE", "/api/v1/funnel", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/funnel?id=${await f.funnel()}` }) });
pirsch("GET", "/api/v1/view", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/view?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/view", { scopes: domainsWrite, expect: EXPECT.siteWrite(), request: async (f) => ({ url: "/api/v1/view", body: { domain_id: await f.site(), name: "Blog", path: ["/blog"] } }) });
pirsch("DELETE", "/api/v1/view", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/view?id=${await f.view()}` }) });
pirsch("GET", "/api/v1/webhook", { scopes: pirschRead, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/webhook?domain_id=${f.main}` }) });
pirsch("POST", "/api/v1/webhook", {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(),
  request: async (f) => ({ url: "/api/v1/webhook", body: { domain_id: await f.site(), event: "Signup", endpoint: "https://hooks.example.com/pulse" } }),
});
pirsch("DELETE", "/api/v1/webhook", { scopes: domainsWrite, expect: EXPECT.siteWrite(200, 404), request: async (f) => ({ url: `/api/v1/webhook?id=${await f.webhook()}` }) });

// Pirsch features not offered: 501 to any valid key, before any scope or site is looked at.
const NOT_SUPPORTED = [
  "GET /api/v1/member", "POST /api/v1/member", "PUT /api/v1/member", "DELETE /api/v1/member",
  "GET /api/v1/invitation", "POST /api/v1/invitation", "DELETE /api/v1/invitation",
  "GET /api/v1/organization", "POST /api/v1/organization", "PUT /api/v1/organization", "DELETE /api/v1/organization",
  "PUT /api/v1/organization/theme", "GET /api/v1/organization/domain", "POST /api/v1/organization/domain", "DELETE /api/v1/organization/domain",
  "POST /api/v1/organization/autojoin", "DELETE /api/v1/organization/autojoin",
  "GET /api/v1/theme", "POST /api/v1/theme", "DELETE /api/v1/theme", "DELETE /api/v1/theme/file", "PUT /api/v1/domain/theme", "POST /api/v1/domain/theme",
  "GET /api/v1/domain/custom", "POST /api/v1/domain/custom",
  "GET /api/v1/report", "POST /api/v1/report", "PUT /api/v1/report", "DELETE /api/v1/report",
  "GET /api/v1/import", "DELETE /api/v1/import", "GET /api/v1/google/import/job", "DELETE /api/v1/google/import/job",
  "GET /api/v1/google/import/profile", "POST /api/v1/google/import", "POST /api/v1/import/fathom", "POST /api/v1/import/plausible",
  "GET /api/v1/billing",
  "POST /api/v1/user/favorite", "POST /api/v1/user/pin", "POST /api/v1/user/active", "POST /api/v1/user/fullwidth",
  "GET /api/v1/statistics/keywords",
];
for (const id of NOT_SUPPORTED) {
  const [method, path] = id.split(" ") as [string, string];
  pirsch(method, path, { scopes: [], expect: EXPECT.anyKey(501), request: () => ({ url: path }) });
}

// Pirsch statistics: ?id=<site> and a period; some name what they are about.
const PIRSCH_STATISTICS: Record<string, string> = {
  total: "", visitor: "", growth: "", hostname: "", page: "", "page/entry": "", "page/exit": "", referrer: "", channel: "", platform: "",
  language: "", os: "", "os/version": "", browser: "", "browser/version": "", country: "", region: "", city: "", screen: "",
  "utm/source": "", "utm/medium": "", "utm/campaign": "", "utm/content": "", "utm/term": "",
  tags: "", "tag/details": "&tag=author", events: "", "event/meta": "&event=Signup&event_meta_key=plan", "event/list": "", "event/page": "&event=Signup",
  goals: "", active: "&start=600", hours: "", minutes: "", weekdays: "", "duration/session": "", "duration/page": "", overview: "",
  funnel: "&funnel_id=<funnel>", "session/list": "", "session/details": "&session_id=019a0000-0000-7000-8000-000000000000",
  "options/referrer/name": "", "options/hostname": "", "options/page": "", "options/referrer": "", "options/channel": "", "options/event": "",
  "options/country": "", "options/region": "", "options/city": "", "options/language": "", "options/metadata": "",
  "options/utm/source": "", "options/utm/medium": "", "options/utm/campaign": "", "options/utm/content": "", "options/utm/term": "",
  "options/tag": "", "options/tag/value": "&tag=author",
};
for (const [endpoint, extra] of Object.entries(PIRSCH_STATISTICS)) {
  pirsch("GET", `/api/v1/statistics/${endpoint}`, {
    scopes: stats,
    expect: EXPECT.siteRead(),
    request: (f) => ({ url: `/api/v1/statistics/${endpoint}?id=${f.main}&${DAY}${extra.replace("<funnel>", f.mainFunnel)}` }),
  });
}

// The CSV export (a zip) reads like the endpoints it bundles; deleting statistics changes the site.
pirsch("GET", "/api/v1/statistics", { scopes: stats, expect: EXPECT.siteRead(), request: (f) => ({ url: `/api/v1/statistics?id=${f.main}&${DAY}&visitors=true` }) });
pirsch("DELETE", "/api/v1/statistics", {
  scopes: domainsWrite,
  expect: EXPECT.siteWrite(),
  request: async (f) => ({ url: "/api/v1/statistics", body: { id: await f.site(), kind: "events", from: "2026-03-10", to: "2026-03-10" } }),
});

/** Every route of the query service by "METHOD /path" as Hono registers it. */
export const AUTHORIZATION: Readonly<Record<string, RouteAccess>> = table;
