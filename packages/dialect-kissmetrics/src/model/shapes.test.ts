import type { Account, Site } from "@pulse/metadata";
import { describe, expect, it } from "vitest";
import { Hrefs } from "../http/links.js";
import { bySegmentBody, bySegmentBodyOf, dateOfLabel, overTimeBody, overTimeBodyOf } from "../query/bodies.js";
import { accountBody, accountBodyOf } from "./accounts.js";
import { eventBody, eventBodyOf } from "./events.js";
import { metricCatalogOf } from "./metrics.js";
import { productBody, productBodyOf } from "./products.js";
import { dimensionOf, filterOf, propertyBody, propertyBodyOf } from "./properties.js";
import { reportBody, reportBodyOf } from "./reports.js";

const hrefs = new Hrefs("https://api.example.com");
const site = { id: "e7063aa0", account_id: "51cc9c30", domain: "mysaasproduct.com", timezone: "US/Pacific", created_at: "2013-10-04T05:01:07.000Z" } as Site;

describe("Core API bodies", () => {
  it("shape an account as the document does", () => {
    const account = { id: "51cc9c30", name: "My SaaS Account", created_at: "2013-10-04T04:56:57.000Z", version: Date.parse("2014-09-02T19:46:43Z") * 1000 } as Account;
    const body = accountBodyOf(account, hrefs);
    expect(body).toEqual({
      links: [
        { templated: false, href: "https://api.example.com/core/accounts/51cc9c30", rel: "self", name: "Self" },
        { templated: false, href: "https://api.example.com/core/accounts/51cc9c30/products", rel: "products", name: "Products" },
      ],
      contact: { phone: null, country: null, name: null },
      updated_at: "2014-09-02T19:46:43Z",
      created_at: "2013-10-04T04:56:57Z",
      status: "active",
      name: "My SaaS Account",
      id: "51cc9c30",
    });
    expect(accountBody.safeParse(body).success).toBe(true);
  });

  it("shape a site as a product", () => {
    const body = productBodyOf(site, hrefs);
    expect(body).toMatchObject({ id: "e7063aa0", account_id: "51cc9c30", name: "mysaasproduct.com", url: "https://mysaasproduct.com", status: "active", timezone: "US/Pacific", created_at: "2013-10-04T05:01:07+00:00" });
    expect(body.links.map((l) => l.rel)).toEqual(["self", "account", "reports", "events", "properties", "metrics"]);
    expect(productBody.safeParse(body).success).toBe(true);
  });

  it("shape funnels and saved views as reports", () => {
    const body = reportBodyOf({ id: "r1", site_id: site.id, name: "Signup funnel", report_type: "funnel", created_at: "2013-12-18T19:27:43.000Z" }, site, hrefs);
    expect(body).toEqual({
      links: [
        { templated: false, href: "https://api.example.com/core/reports/r1", rel: "self", name: "Self" },
        { templated: false, href: "https://api.example.com/core/products/e7063aa0", rel: "product", name: "Product" },
        { templated: false, href: "https://api.example.com/core/accounts/51cc9c30", rel: "account", name: "Account" },
      ],
      created_at: "2013-12-18T19:27:43+00:00",
      name: "Signup funnel",
      report_type: "funnel",
      account_id: "51cc9c30",
      product_id: "e7063aa0",
      id: "r1",
    });
    expect(reportBody.safeParse(body).success).toBe(true);
  });

  it("shape an event with the same sent and used times", () => {
    const body = eventBodyOf({ site, name: "search engine hit", total: 8 }, { first: "2013-12-03T01:26:00+00:00", last: "2014-08-29T15:41:00+00:00" }, hrefs);
    expect(body).toMatchObject({
      first_sent_at: "2013-12-03T01:26:00+00:00",
      first_used_at: "2013-12-03T01:26:00+00:00",
      last_sent_at: "2014-08-29T15:41:00+00:00",
      last_used_at: "2014-08-29T15:41:00+00:00",
      product_id: "e7063aa0",
      name: "search engine hit",
      display_name: "Search engine hit",
      description: null,
      is_visible: true,
      total: 8,
    });
    expect(body.links.map((l) => l.rel)).toEqual(["self", "product"]);
    expect(eventBody.safeParse(body).success).toBe(true);
  });

  it("shape built-in, metadata and tag properties", () => {
    const seen = { first: null, last: null };
    const builtIn = propertyBodyOf(site, { kind: "built_in", key: "referrer" }, "automatic", seen, hrefs);
    expect(builtIn).toMatchObject({ name: "referrer", display_name: "Referrer", type: "automatic", first_sent_at: null });
    expect(propertyBodyOf(site, { kind: "meta", key: "plan" }, "text", seen, hrefs)).toMatchObject({ name: "plan", display_name: "Plan", description: "Event property" });
    expect(propertyBodyOf(site, { kind: "tag", key: "author" }, "text", seen, hrefs).description).toBe("Page tag");
    expect(propertyBody.safeParse(builtIn).success).toBe(true);
    expect(dimensionOf({ kind: "meta", key: "plan" })).toBe("event_meta:plan");
    expect(filterOf({ kind: "built_in", key: "country" }, "is", ["US"])).toEqual({ field: "country", op: "is", values: ["US"] });
  });
});

describe("metric query bodies", () => {
  const period = { start: "2026-03-01T00:00:00.000Z", end: "2026-03-03T00:00:00.000Z" };
  const [people, , , , bounce] = metricCatalogOf({ goalsOf: () => [] }, site);
  const self = new URL("https://api.example.com/query/metrics/x/by-segment?segment=country&limit=1");

  it("label hours as date-times", () => {
    expect(dateOfLabel("2026-03-01")).toBe("2026-03-01");
    expect(dateOfLabel("2026-03-01 14:00:00")).toBe("2026-03-01T14:00:00");
  });

  it("shape over time in the metric's unit", () => {
    const body = overTimeBodyOf(
      bounce!,
      "day",
      { from: "2026-03-01", to: "2026-03-02" },
      0.25,
      { period, rows: [{ dimensions: { "time:day": "2026-03-01" }, metrics: { bounce_rate: 0.5 } }, { dimensions: { "time:day": "2026-03-02" }, metrics: { bounce_rate: 0 } }] },
      self,
      hrefs,
    );
    expect(body).toMatchObject({ title: "Bounce Rate", unit_type: "percent", interval: "day", start_date: "2026-03-01", end_date: "2026-03-02", total: 25 });
    expect(body.data).toEqual([
      { date: "2026-03-01", value: 50 },
      { date: "2026-03-02", value: 0 },
    ]);
    expect(overTimeBody.safeParse(body).success).toBe(true);
  });

  it("shape segments with the pagination object and links", () => {
    const body = bySegmentBodyOf(
      people!,
      { kind: "built_in", key: "country" },
      { from: "2026-03-01", to: "2026-03-02" },
      { period, total_rows: 2, rows: [{ dimensions: { country: "US" }, metrics: { visitors: 3 } }] },
      { offset: 0, limit: 1 },
      self,
      hrefs,
    );
    expect(body).toMatchObject({ segment: "country", pagination: { total: 2, offset: 0, limit: 1 }, data: [{ segment: "US", value: 3 }] });
    expect(body.links.map((l) => l.rel)).toEqual(["self", "metric", "first", "last", "next"]);
    expect(bySegmentBody.safeParse(body).success).toBe(true);
  });
});
