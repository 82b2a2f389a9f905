/**
 * Who may send what: every route of the ingest service with the status each kind of token must get,
 * and how many records a request that is let through puts into Kafka. authorization.it.test.ts reads
 * the routes from the app itself and fails for any route without an entry here, so a new route has to
 * say how it is protected before it can ship.
 *
 * The server-side routes (Pirsch's wire format) take a write key bound to one site: the key decides the
 * site. A page view or event also names a site through its page's hostname; a page on another site's
 * domain is refused whatever the key (a key sends for its own site only). A keep-alive names no site,
 * so a valid key with the scope sends it for the key's own site. The beacon takes no key at all: the
 * site is the one its `d` names, and the page must be on that site's hostnames.
 */

/** The kinds of token every route is called with; every request names the main site (its domain). */
export const TOKEN_KINDS = [
  /** No Authorization header. */
  "none",
  /** Something that is not a token. */
  "malformed",
  /** A write key of the main site that was deleted (revoked). */
  "revoked",
  /** A write key of the main site whose expiry has passed. */
  "expired",
  /** A write key (hit, event, session) of a site of another account. */
  "otherAccount",
  /** An admin key of the main site's account bound to no site: tracking needs a site key. */
  "accountWide",
  /** A key of the main site holding every read scope and no write scope. */
  "readOnly",
  /** A key of the main site holding the other write scopes but not the route's. */
  "lacksScope",
  /** A write key (hit, event, session) of another site of the same account. */
  "otherSite",
  /** A Pirsch access token (`pt_…`, from POST /api/v1/token) of an oAuth client of the main site with the route's scope. */
  "accessToken",
  /** A key of the main site holding just the route's scope. */
  "right",
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export type Expected = Record<TokenKind, number>;

export type WriteScope = "hit" | "event" | "session";

/** What one cell's request is built from. */
export interface CellFixture {
  /** The main site's domain: what every request names. */
  domain: string;
  /** The visitor's user agent, unique to the cell: how the test finds the cell's records in Kafka. */
  userAgent: string;
  /** A batch item's `time`: a moment ago. */
  time: string;
}

export interface CellRequest {
  body: string;
  headers: Record<string, string>;
}

export interface RouteAccess {
  /** "public": no key is read. Otherwise the scope a key needs. */
  scope: "public" | WriteScope;
  expect: Expected;
  /** The kind of record a let-through request produces, and how many; 0 for a route that produces nothing. */
  produces: { kind: "pageview" | "event" | "session"; count: number } | { count: 0 };
  request: (f: CellFixture) => CellRequest;
}

const UNAUTHENTICATED = { none: 401, malformed: 401, revoked: 401, expired: 401 } as const;
const UNSCOPED = { accountWide: 403, readOnly: 403, lacksScope: 403 } as const;

/** The statuses of the usual kinds of route. */
export const EXPECT = {
  /** A page view or event: it names its site by the page's hostname, so a key of any other site is refused. */
  page: (): Expected => ({ ...UNAUTHENTICATED, ...UNSCOPED, otherAccount: 403, otherSite: 403, accessToken: 202, right: 202 }),
  /** A keep-alive names no site: every valid key with the scope sends it for its own site. */
  keepAlive: (): Expected => ({ ...UNAUTHENTICATED, ...UNSCOPED, otherAccount: 202, otherSite: 202, accessToken: 202, right: 202 }),
  /** Open to all; a token, if any, is not read. */
  open: (status: number): Expected => ({
    none: status,
    malformed: status,
    revoked: status,
    expired: status,
    otherAccount: status,
    accountWide: status,
    readOnly: status,
    lacksScope: status,
    otherSite: status,
    accessToken: status,
    right: status,
  }),
};

const json = { "Content-Type": "application/json" };
const ip = "81.2.69.142";
const page = (f: CellFixture, path: string) => ({ url: `https://${f.domain}${path}`, ip, user_agent: f.userAgent });
const event = (f: CellFixture) => ({ ...page(f, "/pricing"), event_name: "Signup", event_meta: { plan: "pro" } });
const session = (f: CellFixture) => ({ ip, user_agent: f.userAgent });
const request = (body: unknown): CellRequest => ({ body: JSON.stringify(body), headers: json });

const table: Record<string, RouteAccess> = {};
const add = (method: string, path: string, access: RouteAccess) => {
  const id = `${method} ${path}`;
  if (table[id]) throw new Error(`${id} is declared twice`);
  table[id] = access;
};

// Server-side tracking (Pirsch): a write key with the endpoint's scope. Batches send two items.
add("POST", "/api/v1/hit", { scope: "hit", expect: EXPECT.page(), produces: { kind: "pageview", count: 1 }, request: (f) => request(page(f, "/blog")) });
add("POST", "/api/v1/hit/batch", {
  scope: "hit",
  expect: EXPECT.page(),
  produces: { kind: "pageview", count: 2 },
  request: (f) => request([{ ...page(f, "/a"), time: f.time }, { ...page(f, "/b"), time: f.time }]),
});
add("POST", "/api/v1/event", { scope: "event", expect: EXPECT.page(), produces: { kind: "event", count: 1 }, request: (f) => request(event(f)) });
add("POST", "/api/v1/event/batch", {
  scope: "event",
  expect: EXPECT.page(),
  produces: { kind: "event", count: 2 },
  request: (f) => request([{ ...event(f), time: f.time }, { ...event(f), time: f.time }]),
});
add("POST", "/api/v1/session", { scope: "session", expect: EXPECT.keepAlive(), produces: { kind: "session", count: 1 }, request: (f) => request(session(f)) });
add("POST", "/api/v1/session/batch", {
  scope: "session",
  expect: EXPECT.keepAlive(),
  produces: { kind: "session", count: 2 },
  request: (f) => request([{ ...session(f), time: f.time }, { ...session(f), time: f.time }]),
});

// The browser: no key. The beacon's site is the one `d` names; a token sent along changes nothing.
add("POST", "/api/event", {
  scope: "public",
  expect: EXPECT.open(202),
  produces: { kind: "pageview", count: 1 },
  request: (f) => ({
    body: JSON.stringify({ d: f.domain, n: "pageview", u: `https://${f.domain}/pricing` }),
    headers: { "Content-Type": "text/plain", "User-Agent": f.userAgent, "X-Forwarded-For": ip },
  }),
});
add("GET", "/js/script.js", { scope: "public", expect: EXPECT.open(200), produces: { count: 0 }, request: () => ({ body: "", headers: {} }) });

/** Every route of the ingest service by "METHOD /path" as Hono registers it. */
export const AUTHORIZATION: Readonly<Record<string, RouteAccess>> = table;
