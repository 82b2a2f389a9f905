import { describe, expect, it } from "vitest";
import { hasScope } from "./scopes.js";
import { apiKeyCreate, apiKeyUpdate, siteCreate, siteUpdate, trafficFilterCreate } from "./schemas.js";

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
