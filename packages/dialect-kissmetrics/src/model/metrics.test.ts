import type { Goal, Site } from "@pulse/metadata";
import { describe, expect, it } from "vitest";
import { decodeId, encodeId } from "../http/ids.js";
import { Hrefs } from "../http/links.js";
import { goalFiltersOf } from "@pulse/stats";
import { BUILT_IN_METRICS, metricBodyOf, metricCatalogOf, metricEntryOf, metricValueOf, targetOf } from "./metrics.js";

const site = { id: "siteK", account_id: "acc", created_at: "2025-01-01T00:00:00.000Z" } as Site;
const goal = (fields: Partial<Goal>) =>
  ({ id: "g1", site_id: "siteK", name: "Signup", path_pattern: "", event_name: "", meta_key: "", meta_value: "", version: Date.parse("2025-02-03T04:05:06Z") * 1000, ...fields }) as Goal;
const cache = { goalsOf: () => [goal({ event_name: "Signed Up" })] };

describe("metrics", () => {
  it("lists the built-ins, then the goals, numbered in order", () => {
    const catalog = metricCatalogOf(cache, site);
    expect(catalog).toHaveLength(BUILT_IN_METRICS.length + 1);
    expect(catalog.map((m) => m.index)).toEqual(catalog.map((_, i) => i));
    expect(metricEntryOf(cache, site, decodeId(encodeId("siteK", "g", "g1"))!)?.kind).toBe("goal");
    expect(metricEntryOf(cache, site, decodeId(encodeId("siteK", "b", "bounce_rate"))!)?.kind).toBe("built_in");
    expect(metricEntryOf(cache, site, decodeId(encodeId("siteK", "b", "revenue"))!)).toBeUndefined();
    expect(metricEntryOf(cache, site, decodeId(encodeId("siteK", "g", "g2"))!)).toBeUndefined();
  });

  it("turns goals into the filters the engine's goals match", () => {
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Signed Up" })).toEqual([{ field: "event", op: "is", values: ["Signed Up"] }]);
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Buy", meta_key: "plan", meta_value: "pro" })).toEqual([
      { field: "event", op: "is", values: ["Buy"] },
      { field: "event_meta", key: "plan", op: "is", values: ["pro"] },
    ]);
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Buy", meta_key: "plan" })[1]).toEqual({ field: "event_meta", key: "plan", op: "is_not", values: [""] });
    expect(goalFiltersOf({ id: "g", name: "n", path_pattern: "/blog/*" })).toEqual([{ field: "pattern", op: "is", values: ["^/blog/[^/]*$"] }]);
    expect(targetOf({ kind: "goal", site, goal: goal({ path_pattern: "/pricing" }), index: 9 })).toEqual({
      metric: "visitors",
      filters: [{ field: "pattern", op: "is", values: ["^/pricing$"] }],
    });
  });

  it("gives values in the metric's unit", () => {
    const [, , , , bounce, duration] = metricCatalogOf(cache, site);
    expect(metricValueOf(bounce!, 0.4249)).toBe(42.49);
    expect(metricValueOf(duration!, 144.6)).toBe(145);
    expect(metricValueOf(metricCatalogOf(cache, site)[0]!, undefined)).toBe(0);
  });

  it("shapes a goal as a metric with its query links", () => {
    const entry = metricCatalogOf(cache, site).at(-1)!;
    const body = metricBodyOf(entry, new Hrefs("https://x.test"));
    expect(body).toMatchObject({
      id: "siteK.g.ZzE",
      product_id: "siteK",
      title: "Signup",
      unit_type: "numeric",
      status: "active",
      sort_index: BUILT_IN_METRICS.length,
      color: null,
      config_last_changed_at: "2025-02-03T04:05:06+00:00",
    });
    expect(body.links.map((l) => [l.rel, l.href])).toEqual([
      ["self", "https://x.test/core/metrics/siteK.g.ZzE"],
      ["product", "https://x.test/core/products/siteK"],
      ["metric-over-time", "https://x.test/query/metrics/siteK.g.ZzE/over-time"],
      ["metric-by-segment", "https://x.test/query/metrics/siteK.g.ZzE/by-segment"],
    ]);
  });
});
