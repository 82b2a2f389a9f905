import { describe, expect, it } from "vitest";
import { hasScope } from "./scopes.js";
import {
  apiKeyCreate,
  apiKeyUpdate,
  funnel,
  funnelCreate,
  funnelUpdate,
  goal,
  goalCreate,
  goalUpdate,
  savedViewCreate,
  savedViewUpdate,
  siteCreate,
  siteUpdate,
  trafficFilterCreate,
} from "./schemas.js";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("site schemas", () => {
  it("normalizes hostnames and fills defaults", () => {
    const parsed = siteCreate.parse({
      account_id: "acc1",
      domain: " Example.COM. ",
      alternative_domains: ["www.example.com", "Bücher.de", "www.example.com"],
    });
    expect(parsed).toEqual({
      account_id: "acc1",
      domain: "example.com",
      alternative_domains: ["www.example.com", "xn--bcher-kva.de"],
      timezone: "UTC",
      public: false,
      settings: {},
    });
  });

  it.each(["https://example.com", "example.com/blog", "example.com:8080", "exa mple.com", "", "-bad-.com", "a..b"])(
    "refuses %j as a domain",
    (domain) => {
      expect(issuesOf(siteCreate.safeParse({ account_id: "acc1", domain }))).toEqual(["domain"]);
    },
  );

  it("accepts IANA zones in canonical form and refuses others", () => {
    const base = { account_id: "acc1", domain: "example.com" };
    expect(siteCreate.parse({ ...base, timezone: "europe/berlin" }).timezone).toBe("Europe/Berlin");
    expect(siteCreate.parse({ ...base, timezone: "UTC" }).timezone).toBe("UTC");
    for (const timezone of ["Mars/Olympus", "+01:00", "CEST?", ""]) {
      expect(issuesOf(siteCreate.safeParse({ ...base, timezone }))).toEqual(["timezone"]);
    }
  });

  it("leaves unmentioned fields out of an update instead of defaulting them", () => {
    expect(siteUpdate.parse({ public: true })).toEqual({ public: true });
    expect(siteUpdate.parse({ account_id: "other" })).toEqual({});
  });
});

describe("api key schemas", () => {
  it("accepts known scopes and defaults the rest", () => {
    expect(apiKeyCreate.parse({ account_id: "acc1", scopes: ["hit", "event", "hit"] })).toEqual({
      account_id: "acc1",
      site_id: "",
      name: "",
      scopes: ["hit", "event"],
      rate_limit_per_minute: 0,
      expires_at: null,
    });
  });

  it("refuses unknown or missing scopes, negative limits and bad expiry", () => {
    const result = apiKeyCreate.safeParse({
      account_id: "acc1",
      scopes: ["statistics:write"],
      rate_limit_per_minute: -1,
      expires_at: "tomorrow",
    });
    expect(issuesOf(result).sort()).toEqual(["expires_at", "rate_limit_per_minute", "scopes.0"]);
    expect(issuesOf(apiKeyCreate.safeParse({ account_id: "acc1", scopes: [] }))).toEqual(["scopes"]);
  });

  it("stores expiry in UTC", () => {
    expect(apiKeyUpdate.parse({ expires_at: "2030-01-01T01:00:00+01:00" })).toEqual({ expires_at: "2030-01-01T00:00:00.000Z" });
  });

  it("lets admin imply every scope", () => {
    expect(hasScope(["admin"], "statistics:read")).toBe(true);
    expect(hasScope(["hit", "event"], "event")).toBe(true);
    expect(hasScope(["hit"], "statistics:read")).toBe(false);
  });
});

describe("traffic filter schema", () => {
  const valid = [
    { type: "ip", filter: "89.56.99.71" },
    { type: "ip", filter: "2001:db8::1" },
    { type: "cidr", filter: "10.0.0.0/8" },
    { type: "cidr", filter: "2001:db8::/32" },
    { type: "path", filter: "^/admin(/.*)?$" },
    { type: "user_agent", filter: "HeadlessChrome" },
  ];
  it.each(valid)("accepts $type $filter", (rule) => {
    expect(trafficFilterCreate.parse({ site_id: "site1", ...rule })).toEqual({ site_id: "site1", description: "", ...rule });
  });

  const invalid = [
    { type: "ip", filter: "10.0.0.0/8" },
    { type: "ip", filter: "999.1.1.1" },
    { type: "cidr", filter: "10.0.0.0/33" },
    { type: "cidr", filter: "10.0.0.1" },
    { type: "cidr", filter: "2001:db8::/129" },
    { type: "path", filter: "([a-z" },
    { type: "user_agent", filter: "  " },
  ];
  it.each(invalid)("refuses $type $filter", (rule) => {
    expect(issuesOf(trafficFilterCreate.safeParse({ site_id: "site1", ...rule }))).toEqual(["filter"]);
  });

  it("refuses an unknown type", () => {
    expect(issuesOf(trafficFilterCreate.safeParse({ site_id: "site1", type: "country", filter: "DE" }))).toEqual(["type"]);
  });
});

describe("goal schemas", () => {
  const base = { site_id: "site1", name: " Signup " };

  it("fills unset conditions with empty strings and normalizes the path", () => {
    expect(goalCreate.parse({ ...base, path_pattern: " /blog/*/ " })).toEqual({
      site_id: "site1",
      name: "Signup",
      path_pattern: "/blog/*",
      event_name: "",
      meta_key: "",
      meta_value: "",
      custom_metric_key: "",
      custom_metric_type: "",
      visitor_goal: 0,
      cr_goal: 0,
      custom_metric_total_goal: 0,
      custom_metric_avg_goal: 0,
      delete_reached: false,
      email_reached: false,
    });
    expect(goalCreate.parse({ ...base, event_name: "Purchase", meta_key: "plan", meta_value: "pro", custom_metric_key: "amount" })).toMatchObject({
      path_pattern: "",
      event_name: "Purchase",
      meta_value: "pro",
    });
    expect(goalCreate.parse({ ...base, path_pattern: "/**", event_name: "Download", meta_key: "file" }).meta_value).toBe("");
  });

  it.each(["/pricing", "/blog/*", "/docs/**", "/shop/**/done", "/", "/caf%C3%A9"])("accepts the path pattern %j", (path_pattern) => {
    expect(goalCreate.safeParse({ ...base, path_pattern }).success).toBe(true);
  });

  it.each(["pricing", "*", "/a?b=1", "/a#b", "/a/***", "/a\u0007", `/${"x".repeat(1000)}`])("refuses the path pattern %j", (path_pattern) => {
    expect(issuesOf(goalCreate.safeParse({ ...base, path_pattern }))).toEqual(["path_pattern"]);
  });

  it("needs a path pattern or an event name, and a meta key for a meta value", () => {
    expect(issuesOf(goalCreate.safeParse(base))).toEqual(["path_pattern"]);
    expect(issuesOf(goalCreate.safeParse({ ...base, path_pattern: "  ", event_name: " " }))).toEqual(["path_pattern"]);
    expect(issuesOf(goalCreate.safeParse({ ...base, event_name: "Purchase", meta_value: "pro" }))).toEqual(["meta_key"]);
  });

  it("refuses a missing name and a bad site id", () => {
    expect(issuesOf(goalCreate.safeParse({ site_id: "no spaces", name: " ", event_name: "x" })).sort()).toEqual(["name", "site_id"]);
  });

  it("leaves unmentioned fields out of an update; the merged goal is checked as a whole", () => {
    expect(goalUpdate.parse({ name: "Renamed", site_id: "other" })).toEqual({ name: "Renamed" });
    const current = goal.parse({
      ...goalCreate.parse({ ...base, path_pattern: "/thanks" }),
      id: "g1",
      created_at: "2025-01-01T00:00:00Z",
      version: 1,
    });
    expect(issuesOf(goal.safeParse({ ...current, ...goalUpdate.parse({ path_pattern: "" }) }))).toEqual(["path_pattern"]);
    expect(goal.parse({ ...current, ...goalUpdate.parse({ path_pattern: "", event_name: "Signup" }) }).event_name).toBe("Signup");
  });
});

describe("funnel schemas", () => {
  const step = (name: string, field = "path", values = ["/"]) => ({ name, filters: [{ field, op: "is", values }] });
  const base = { site_id: "site1", name: "Checkout", steps: [step("Cart", "path", ["/cart"]), step("Paid", "event", ["Purchase"])] };

  it("defaults the window to a day", () => {
    const parsed = funnelCreate.parse(base);
    expect(parsed.window_seconds).toBe(86_400);
    expect(parsed.steps).toEqual(base.steps);
  });

  it.each(["path", "event", "event_meta:plan", "utm_source", "tag:ab-test.v2"])("accepts the field %j", (field) => {
    expect(funnelCreate.safeParse({ ...base, steps: [step("a", field), step("b")] }).success).toBe(true);
  });

  it.each(["Path", "event meta", "event_meta:", ":plan", "path;drop", "a:b:c", ""])("refuses the field %j", (field) => {
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step("a", field), step("b")] }))).toEqual(["steps.0.filters.0.field"]);
  });

  it("bounds steps, filters, values and the window", () => {
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step("only")] }))).toEqual(["steps"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: Array.from({ length: 11 }, (_, i) => step(`s${i}`)) }))).toEqual(["steps"]);
    expect(funnelCreate.safeParse({ ...base, steps: Array.from({ length: 10 }, (_, i) => step(`s${i}`)) }).success).toBe(true);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [{ name: "a", filters: [] }, step("b")] }))).toEqual(["steps.0.filters"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step("a", "path", []), step("b")] }))).toEqual(["steps.0.filters.0.values"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step("a", "path", Array(21).fill("x")), step("b")] }))).toEqual([
      "steps.0.filters.0.values",
    ]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step("a", "path", ["x".repeat(501)]), step("b")] }))).toEqual([
      "steps.0.filters.0.values.0",
    ]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [{ name: "a", filters: [{ field: "path", op: "matches", values: ["/"] }] }, step("b")] }))).toEqual([
      "steps.0.filters.0.op",
    ]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, steps: [step(" "), step("b")] }))).toEqual(["steps.0.name"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, window_seconds: 59 }))).toEqual(["window_seconds"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, window_seconds: 30 * 86_400 + 1 }))).toEqual(["window_seconds"]);
    expect(issuesOf(funnelCreate.safeParse({ ...base, window_seconds: 90.5 }))).toEqual(["window_seconds"]);
    expect(funnelCreate.parse({ ...base, window_seconds: 30 * 86_400 }).window_seconds).toBe(2_592_000);
  });

  it("does not default the window in an update", () => {
    expect(funnelUpdate.parse({ name: "x" })).toEqual({ name: "x" });
    expect(funnel.shape.steps.safeParse("[]").success).toBe(false);
  });
});

describe("saved view schemas", () => {
  it("keeps the query as a JSON object", () => {
    const query = { from: "2025-01-01", filters: [{ field: "path", op: "is", values: ["/"] }], nested: { a: 1 } };
    expect(savedViewCreate.parse({ site_id: "site1", name: "Home", query })).toEqual({ site_id: "site1", name: "Home", query });
    expect(savedViewUpdate.parse({ query: { a: undefined, b: 1 } })).toEqual({ query: { b: 1 } });
  });

  it("refuses non-objects, unserializable values and queries above 8 KB", () => {
    const base = { site_id: "site1", name: "View" };
    for (const query of [[], "q", null, 1]) expect(issuesOf(savedViewCreate.safeParse({ ...base, query }))).toEqual(["query"]);
    expect(issuesOf(savedViewCreate.safeParse({ ...base, query: { n: 1n } }))).toEqual(["query"]);
    expect(issuesOf(savedViewCreate.safeParse({ ...base, query: { text: "x".repeat(8200) } }))).toEqual(["query"]);
    expect(savedViewCreate.safeParse({ ...base, query: { text: "x".repeat(8000) } }).success).toBe(true);
    expect(issuesOf(savedViewCreate.safeParse({ ...base, name: "", query: {} }))).toEqual(["name"]);
  });
});
