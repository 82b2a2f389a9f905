import { describe, expect, it } from "vitest";
import type { ApiKey, Funnel, Goal, Site, TrafficFilter } from "./schemas.js";
import { MetadataSnapshot } from "./snapshot.js";

const site = (id: string, domain: string, alternative_domains: string[] = [], created_at = "2025-01-01T00:00:00.000Z"): Site => ({
  id,
  account_id: "acc",
  domain,
  alternative_domains,
  timezone: "UTC",
  public: false,
  settings: {},
  created_at,
  version: 1,
});

const key = (token_hash: string, site_id: string, expires_at: string | null): ApiKey => ({
  id: token_hash,
  account_id: "acc",
  site_id,
  name: "",
  token_hash,
  token_prefix: "pa_x",
  client_type: "",
  client_id: "",
  client_secret_hash: "",
  scopes: ["hit"],
  rate_limit_per_minute: 0,
  expires_at,
  created_at: "2025-01-01T00:00:00.000Z",
  version: 1,
});

describe("MetadataSnapshot", () => {
  const a = site("a", "example.com", ["example.org"]);
  const b = site("b", "www.other.com");
  const c = site("c", "blog.example.com");

  it("finds sites by domain and alternative domain, case-insensitively, with or without www", () => {
    const snapshot = new MetadataSnapshot([a, b, c]);
    expect(snapshot.siteByHostname("EXAMPLE.com")?.id).toBe("a");
    expect(snapshot.siteByHostname("example.org.")?.id).toBe("a");
    expect(snapshot.siteByHostname("www.example.com")?.id).toBe("a");
    expect(snapshot.siteByHostname("www.example.org")?.id).toBe("a");
    expect(snapshot.siteByHostname("other.com")?.id).toBe("b");
    expect(snapshot.siteByHostname("blog.example.com")?.id).toBe("c");
    expect(snapshot.siteByHostname("shop.example.com")).toBeUndefined();
    expect(snapshot.siteById("b")).toBe(b);
  });

  it("prefers an exact hostname over the www variant, and the older site on a clash", () => {
    const www = site("w", "www.example.com");
    const late = site("late", "example.com", [], "2026-01-01T00:00:00.000Z");
    const snapshot = new MetadataSnapshot([late, a, www]);
    expect(snapshot.siteByHostname("www.example.com")?.id).toBe("w");
    expect(snapshot.siteByHostname("example.com")?.id).toBe("a");
  });

  it("hides expired keys and keys of sites that are gone", () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    const snapshot = new MetadataSnapshot(
      [a],
      [key("all", "", null), key("site", "a", "2027-01-01T00:00:00.000Z"), key("old", "", "2026-05-31T23:59:59.999Z"), key("orphan", "gone", null)],
    );
    expect(snapshot.keyByHash("all", now)?.id).toBe("all");
    expect(snapshot.keyByHash("site", now)?.id).toBe("site");
    expect(snapshot.keyByHash("old", now)).toBeUndefined();
    expect(snapshot.keyByHash("orphan", now)).toBeUndefined();
    expect(snapshot.keyByHash("unknown", now)).toBeUndefined();
  });

  it("groups filters by site and applies them", () => {
    const filter = (id: string, site_id: string, type: TrafficFilter["type"], value: string): TrafficFilter => ({
      id,
      site_id,
      type,
      filter: value,
      description: "",
      created_at: "2025-01-01T00:00:00.000Z",
      version: 1,
    });
    const snapshot = new MetadataSnapshot([a, b], [], [filter("f1", "a", "ip", "1.2.3.4"), filter("f2", "a", "path", "^/admin"), filter("f3", "gone", "ip", "1.2.3.4")]);
    expect(snapshot.filtersOf("a").map((f) => f.id)).toEqual(["f1", "f2"]);
    expect(snapshot.filtersOf("gone")).toEqual([]);
    expect(snapshot.isHitFiltered("a", { ip: "1.2.3.4" })).toBe(true);
    expect(snapshot.isHitFiltered("a", { ip: "5.6.7.8", path: "/admin/x" })).toBe(true);
    expect(snapshot.isHitFiltered("b", { ip: "1.2.3.4" })).toBe(false);
    expect(snapshot.size).toEqual({ sites: 2, keys: 0, filters: 2, goals: 0, funnels: 0, webhooks: 0, accessLinks: 0 });
  });

  it("groups goals and funnels by live site and finds funnels by id", () => {
    const goal = (id: string, site_id: string): Goal => ({
      id,
      site_id,
      name: id,
      path_pattern: "/",
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
      created_at: "2025-01-01T00:00:00.000Z",
      version: 1,
    });
    const funnel = (id: string, site_id: string): Funnel => ({
      id,
      site_id,
      name: id,
      steps: [
        { name: "a", filters: [{ field: "path", op: "is", values: ["/a"] }] },
        { name: "b", filters: [{ field: "path", op: "is", values: ["/b"] }] },
      ],
      window_seconds: 86_400,
      created_at: "2025-01-01T00:00:00.000Z",
      version: 1,
    });
    const snapshot = new MetadataSnapshot(
      [a, b],
      [],
      [],
      [goal("g1", "a"), goal("g2", "b"), goal("g3", "a"), goal("g4", "gone")],
      [funnel("f1", "a"), funnel("f2", "gone")],
    );
    expect(snapshot.goalsOf("a").map((g) => g.id)).toEqual(["g1", "g3"]);
    expect(snapshot.goalsOf("b").map((g) => g.id)).toEqual(["g2"]);
    expect(snapshot.goalsOf("gone")).toEqual([]);
    expect(snapshot.funnelsOf("a").map((f) => f.id)).toEqual(["f1"]);
    expect(snapshot.funnelsOf("b")).toEqual([]);
    expect(snapshot.funnelById("f1")?.site_id).toBe("a");
    expect(snapshot.funnelById("f2")).toBeUndefined();
    expect(snapshot.size).toEqual({ sites: 2, keys: 0, filters: 0, goals: 3, funnels: 1, webhooks: 0, accessLinks: 0 });
  });
});
