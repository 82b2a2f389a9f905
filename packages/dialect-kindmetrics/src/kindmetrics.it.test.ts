import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindmetricsRoutes } from "./routes.js";
import { fixture, INJECTIONS, type Sites } from "@pulse/api-kit/testing";

// Integration: the hits of api-kit's testing fixture go through the real pipeline into ClickHouse and
// Redis; the Kindmetrics API answers from there. Every figure is worked out by hand below.
//
// kind.test (Europe/Berlin, UTC+1 in early March), day 2026-03-10 ("?from=2026-03-10&to=2026-03-10"):
//
//  visitor  session pages           pv  events            source / channel                referrer URL                            country
//  A        /, /pricing             2   Signup, Purchase  Google / Organic Search          https://google.com/search               GB
//  B        /                       1   -                 indiehackers.com / Referral      https://indiehackers.com/post/launch    US
//  C        /blog, /pricing         2   Signup            (direct)                         -                                       DE
//  (the bot never counts; D is on 03-11; second.test and rival.test are other sites)
//
//  domain: visitors 3, pageviews 5, bounce 1 of 3 sessions (B) = 33 %
//  pages (visitors, % of 3 visitors, cut to whole): "/" 2 (66), "/pricing" 2 (66), "/blog" 1 (33)
//  entry pages: "/" 2 (66), "/blog" 1 (33)
//  sources (only referred visitors: A, B): Google / Organic Search 1 (50), indiehackers.com / Referral 1 (50)
//  referrers: https://google.com/search → google.com 1 (50), https://indiehackers.com/post/launch → indiehackers.com 1 (50)
//  countries: Germany 1 (33), United Kingdom 1 (33), United States 1 (33)
//  goals: Signup (event Signup) converts A, C → 2; Blog (path /blog) converts C → 1
//  filters: site_path=/pricing → visitors 2, pageviews 2, bounce 0, pages "/pricing" 2 (100)
//           source_name=Google or medium_name=Search → visitors 1 (A), pageviews 2, bounce 0, pages "/" 1 (100), "/pricing" 1 (100)
//           medium_name=referral → visitors 1 (B), pageviews 1, bounce 100; medium_name=Social → nothing
//           goal_id=<Signup> → visitors 2 (A, C), pageviews 0 (an event is no page view), bounce 0;
//                               countries Germany 1 (50), United Kingdom 1 (50)
//           goal_id=<Blog>   → visitors 1 (C), pageviews 1 (the /blog view), bounce 0
//  no dates (7 days ago .. today): only E's live hit → visitors 1, pageviews 1, bounce 100, pages "/live" 1 (100)
//  current (last 5 minutes): E → 1

let world: DialectWorld;
let app: Hono;
let sites: Sites;
let token: string;
let rivalToken: string;
let limitedToken: string;
let writeOnlyToken: string;
let signupGoal: string;
let blogGoal: string;

beforeAll(async () => {
  world = await dialectWorld("dialect_kindmetrics");
  const account = await world.store.createAccount({ name: "Kind" });
  const rival = await world.store.createAccount({ name: "Rival" });
  sites = {
    main: (await world.store.createSite({ account_id: account.id, domain: "kind.test", timezone: "Europe/Berlin" })).id,
    second: (await world.store.createSite({ account_id: account.id, domain: "second.test" })).id,
    rival: (await world.store.createSite({ account_id: rival.id, domain: "rival.test" })).id,
  };
  token = (await world.store.createApiKey({ account_id: account.id, scopes: ["statistics:read", "domains:read", "domains:write"] })).token;
  rivalToken = (await world.store.createApiKey({ account_id: rival.id, scopes: ["statistics:read", "domains:read"] })).token;
  limitedToken = (await world.store.createApiKey({ account_id: account.id, site_id: sites.second, scopes: ["statistics:read", "domains:write"] })).token;
  writeOnlyToken = (await world.store.createApiKey({ account_id: account.id, scopes: ["hit"] })).token;
  signupGoal = (await world.store.createGoal({ site_id: sites.main, name: "Signup", event_name: "Signup" })).id;
  blogGoal = (await world.store.createGoal({ site_id: sites.main, name: "Blog", path_pattern: "/blog" })).id;
  await world.cache.reload();
  await world.feed(fixture(sites, Date.now()));
  app = world.mount(kindmetricsRoutes);
}, 120_000);
afterAll(() => world?.dispose());

type Form = "bearer" | "bare" | "query";
const FORMS: Form[] = ["bearer", "bare", "query"];

async function call(path: string, options: { form?: Form; as?: string; method?: string; body?: string } = {}) {
  const { form = "bearer", as = token, method = "GET", body } = options;
  const url = form === "query" ? `${path}${path.includes("?") ? "&" : "?"}token=${as}` : path;
  const headers: Record<string, string> = form === "bearer" ? { Authorization: `Bearer ${as}` } : form === "bare" ? { Authorization: as } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await app.request(url, { method, headers, ...(body === undefined ? {} : { body }) });
  // Tests read whatever shape the endpoint has; the assertions check it.
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes
  return { status: response.status, body: (await response.json()) as any };
}

const DAY = "from=2026-03-10&to=2026-03-10";
const domain = (suffix = "", query = DAY) => `/api/domains/${sites.main}${suffix}?${query}`;
const SNIPPET = '<script defer data-domain="kind.test" src="http://localhost/js/script.js"></script>';

describe("Kindmetrics API over the real pipeline", () => {
  it("lists the account's domains with every token form", async () => {
    for (const form of FORMS) {
      const { status, body } = await call("/api/domains", { form });
      expect(status).toBe(200);
      expect(body).toEqual([
        { id: sites.main, address: "kind.test" },
        { id: sites.second, address: "second.test" },
      ]);
    }
    expect((await call("/api/domains", { as: rivalToken })).body).toEqual([{ id: sites.rival, address: "rival.test" }]);
    expect((await call("/api/domains", { as: limitedToken })).body).toEqual([{ id: sites.second, address: "second.test" }]);
  });

  it("shows a domain's figures and our tracking snippet", async () => {
    for (const form of FORMS) {
      const { status, body } = await call(domain(), { form });
      expect(status).toBe(200);
      expect(body).toEqual({ address: "kind.test", visitors: 3, pageviews: 5, bounce: 33, track_snippet: SNIPPET });
    }
    // Behind a proxy the request's origin is not the public one: PUBLIC_URL decides then.
    const behindProxy = world.mount((deps) => kindmetricsRoutes(deps, { publicUrl: "https://stats.example.com/" }));
    const response = await behindProxy.request(domain(), { headers: { Authorization: `Bearer ${token}` } });
    expect(((await response.json()) as { track_snippet: string }).track_snippet).toBe(
      '<script defer data-domain="kind.test" src="https://stats.example.com/js/script.js"></script>',
    );
  });

  it("lists pages, entry pages, sources, referrers and countries with every token form", async () => {
    const expected: Record<string, unknown> = {
      "/pages": [
        { address: "/", visitors: 2, percentage: 66 },
        { address: "/pricing", visitors: 2, percentage: 66 },
        { address: "/blog", visitors: 1, percentage: 33 },
      ],
      "/entry_pages": [
        { address: "/", visitors: 2, percentage: 66 },
        { address: "/blog", visitors: 1, percentage: 33 },
      ],
      "/sources": [
        { source: "Google", medium: "Organic Search", visitors: 1, percentage: 50 },
        { source: "indiehackers.com", medium: "Referral", visitors: 1, percentage: 50 },
      ],
      "/referrers": [
        { url: "https://google.com/search", domain: "google.com", visitors: 1, percentage: 50 },
        { url: "https://indiehackers.com/post/launch", domain: "indiehackers.com", visitors: 1, percentage: 50 },
      ],
      "/countries": [
        { name: "Germany", visitors: 1, percentage: 33 },
        { name: "United Kingdom", visitors: 1, percentage: 33 },
        { name: "United States", visitors: 1, percentage: 33 },
      ],
    };
    for (const [suffix, rows] of Object.entries(expected)) {
      for (const form of FORMS) {
        const { status, body } = await call(domain(suffix), { form });
        expect(status, `${suffix} ${form}`).toBe(200);
        expect(body, `${suffix} ${form}`).toEqual(rows);
      }
    }
  });

  it("counts goals by converting visitors, and current visitors from the realtime counters", async () => {
    for (const form of FORMS) {
      expect((await call(domain("/goals"), { form })).body).toEqual([
        { name: "Signup", kind: "Event", conversions: 2 },
        { name: "Blog", kind: "Path", conversions: 1 },
      ]);
      const current = await call(`/api/domains/${sites.main}/current`, { form });
      expect(current.status).toBe(200);
      expect(current.body).toEqual({ current: 1 });
    }
  });

  it("applies site_path, source_name, medium_name and goal_id", async () => {
    const show = async (query: string) => (await call(domain("", `${DAY}&${query}`))).body;
    expect(await show("site_path=/pricing")).toMatchObject({ visitors: 2, pageviews: 2, bounce: 0 });
    expect((await call(domain("/pages", `${DAY}&site_path=/pricing`))).body).toEqual([{ address: "/pricing", visitors: 2, percentage: 100 }]);
    for (const query of ["source_name=Google", "medium_name=Search", "medium_name=organic%20search"]) {
      expect(await show(query), query).toMatchObject({ visitors: 1, pageviews: 2, bounce: 0 });
      expect((await call(domain("/pages", `${DAY}&${query}`))).body).toEqual([
        { address: "/", visitors: 1, percentage: 100 },
        { address: "/pricing", visitors: 1, percentage: 100 },
      ]);
    }
    expect(await show("medium_name=referral")).toMatchObject({ visitors: 1, pageviews: 1, bounce: 100 });
    expect(await show("medium_name=Social")).toMatchObject({ visitors: 0, pageviews: 0, bounce: 0 });
    expect(await show(`goal_id=${signupGoal}`)).toMatchObject({ visitors: 2, pageviews: 0, bounce: 0 });
    expect((await call(domain("/countries", `${DAY}&goal_id=${signupGoal}`))).body).toEqual([
      { name: "Germany", visitors: 1, percentage: 50 },
      { name: "United Kingdom", visitors: 1, percentage: 50 },
    ]);
    expect(await show(`goal_id=${blogGoal}`)).toMatchObject({ visitors: 1, pageviews: 1, bounce: 0 });
    expect((await call(domain("/goals", `${DAY}&source_name=Google`))).body).toEqual([
      { name: "Signup", kind: "Event", conversions: 1 },
      { name: "Blog", kind: "Path", conversions: 0 },
    ]);
  });

  it("defaults to the last 7 days until today on the domain's clock", async () => {
    expect((await call(`/api/domains/${sites.main}`)).body).toMatchObject({ visitors: 1, pageviews: 1, bounce: 100 });
    expect((await call(`/api/domains/${sites.main}/pages`)).body).toEqual([{ address: "/live", visitors: 1, percentage: 100 }]);
  });

  it("creates a domain from the documented body and answers with its figures", async () => {
    const created = await call("/api/domains", { method: "POST", body: JSON.stringify({ domain: { address: "https://www.new.test/", time_zone: "Europe/Stockholm" } }) });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      address: "new.test",
      visitors: 0,
      pageviews: 0,
      bounce: 0,
      track_snippet: '<script defer data-domain="new.test" src="http://localhost/js/script.js"></script>',
    });
    expect((await world.store.getSite(created.body.id))?.timezone).toBe("Europe/Stockholm");
    expect((await call("/api/domains")).body.map((d: { address: string }) => d.address)).toContain("new.test");
    expect((await call(`/api/domains/${created.body.id}?${DAY}`)).body).toMatchObject({ address: "new.test", visitors: 0 });
  });

  it("refuses bad domains with 400 naming the param, and creating without the right key with 403", async () => {
    const create = (domain: unknown, as = token) => call("/api/domains", { method: "POST", as, body: JSON.stringify({ domain }) });
    expect((await create({ time_zone: "UTC" })).body).toMatchObject({ message: "Invalid domain", param: "address", details: "is required" });
    const taken = await create({ address: "kind.test", time_zone: "UTC" });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ param: "address" });
    expect((await create({ address: "not a host", time_zone: "UTC" })).body).toMatchObject({ param: "address" });
    const zone = await create({ address: "zone.test", time_zone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect(zone.body).toMatchObject({ param: "time_zone" });
    expect((await create({ address: "limited.test", time_zone: "UTC" }, limitedToken)).status).toBe(403);
    expect((await create({ address: "rival-made.test", time_zone: "UTC" }, rivalToken)).status).toBe(403);
  });

  it("answers 401 without a token or with a wrong one on every endpoint", async () => {
    for (const path of ["/api/domains", ...["", "/pages", "/entry_pages", "/sources", "/referrers", "/countries", "/current", "/goals"].map((s) => `/api/domains/${sites.main}${s}`)]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBeTruthy();
      expect((await call(path, { as: "wrong-token" })).status).toBe(401);
    }
    expect((await app.request("/api/domains", { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("answers 403 for another account's domain, another site's key and a key without the scope; 404 for unknown ones", async () => {
    for (const suffix of ["", "/pages", "/entry_pages", "/sources", "/referrers", "/countries", "/current", "/goals"]) {
      const rival = await call(domain(suffix), { as: rivalToken });
      expect(rival.status, suffix).toBe(403);
      expect(rival.body).toMatchObject({ message: "Forbidden", param: null });
      expect(JSON.stringify(rival.body)).not.toContain("kind.test");
      expect((await call(domain(suffix), { as: limitedToken })).status).toBe(403);
      expect((await call(domain(suffix), { as: writeOnlyToken })).status).toBe(403);
      const unknown = await call(`/api/domains/nosuchsite${suffix}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ message: "Not Found" });
    }
    expect((await call("/api/domains", { as: writeOnlyToken })).status).toBe(403);
    expect((await call(domain("", `${DAY}&goal_id=${"nosuchgoal"}`))).status).toBe(404);
  });

  it("refuses malformed dates with 400 naming the param", async () => {
    expect((await call(domain("", "from=2026-3-1"))).body).toMatchObject({ param: "from", message: "Invalid query parameters" });
    expect((await call(domain("", "from=2026-03-11&to=2026-03-10"))).body).toMatchObject({ param: "from" });
  });

  it("takes injection attempts in every parameter as plain values: right or empty answers, never a 500 or another site's rows", async () => {
    const LISTS = ["/pages", "/entry_pages", "/sources", "/referrers", "/countries"];
    for (const value of INJECTIONS) {
      const v = encodeURIComponent(value);
      for (const param of ["site_path", "source_name", "medium_name"]) {
        const show = await call(domain("", `${DAY}&${param}=${v}`));
        expect(show.status, `${param}=${value}`).toBe(200);
        expect(show.body).toMatchObject({ visitors: 0, pageviews: 0 });
        for (const list of LISTS) {
          const { status, body } = await call(domain(list, `${DAY}&${param}=${v}`));
          expect(status, `${list} ${param}=${value}`).toBe(200);
          expect(body).toEqual([]);
        }
        const goals = await call(domain("/goals", `${DAY}&${param}=${v}`));
        expect(goals.status).toBe(200);
        expect(goals.body.map((g: { conversions: number }) => g.conversions)).toEqual([0, 0]);
      }
      for (const suffix of ["", ...LISTS]) {
        const goal = await call(domain(suffix, `${DAY}&goal_id=${v}`));
        expect(goal.status, `goal_id=${value}`).toBe(404);
      }
      for (const param of ["from", "to"]) {
        const dates = await call(domain("/pages", `${param}=${v}`));
        expect(dates.status).toBe(400);
        expect(dates.body.param).toBe(param);
      }
      const id = await call(`/api/domains/${v}/pages?${DAY}`);
      expect([403, 404]).toContain(id.status);
      // An error naming what was asked for, never rows.
      expect(id.body).toMatchObject({ message: expect.any(String) });
      expect(Array.isArray(id.body)).toBe(false);
    }
  }, 300_000);
});
