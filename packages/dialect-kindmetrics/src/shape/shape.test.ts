import type { Goal, Site } from "@pulse/metadata";
import type { ResultRow } from "@pulse/stats";
import { describe, expect, it } from "vitest";
import { countryNameOf } from "./country.js";
import { domainListItemOf, domainStatsOf, trackSnippetOf } from "./domain.js";
import { goalsOf } from "./goals.js";
import { bounceOf, percentageOf } from "./percentage.js";
import { referrerDomainOf } from "./referrer.js";
import { countriesOf, pagesOf, referrersOf, sourcesOf } from "./rows.js";

const row = (dimensions: Record<string, string>, visitors: number, share: number): ResultRow => ({ dimensions, metrics: { visitors }, relative: { visitors: share } });

describe("percentages", () => {
  it("cuts shares to whole percents without floating-point slips", () => {
    expect([0.29, 0.6667, 0.3333, 1, 0, 0.0099].map(percentageOf)).toEqual([29, 66, 33, 100, 0, 0]);
    expect(percentageOf(undefined)).toBe(0);
  });
  it("rounds the bounce rate to a whole percent", () => {
    expect([0.3333, 0.5, 0.645, 1, 0].map(bounceOf)).toEqual([33, 50, 65, 100, 0]);
    expect(bounceOf(undefined)).toBe(0);
  });
});

describe("rows", () => {
  it("shapes pages and entry pages as address, visitors, percentage", () => {
    expect(pagesOf([row({ path: "/" }, 2, 0.6667)], "path")).toEqual([{ address: "/", visitors: 2, percentage: 66 }]);
    expect(pagesOf([row({ entry_path: "/blog" }, 1, 0.25)], "entry_path")).toEqual([{ address: "/blog", visitors: 1, percentage: 25 }]);
  });
  it("shapes sources with their medium, referrers with their domain, countries by name", () => {
    expect(sourcesOf([row({ referrer_name: "Google", channel: "Organic Search" }, 3, 0.5)])).toEqual([
      { source: "Google", medium: "Organic Search", visitors: 3, percentage: 50 },
    ]);
    expect(referrersOf([row({ referrer: "https://www.indiehackers.com/post" }, 1, 0.24)])).toEqual([
      { url: "https://www.indiehackers.com/post", domain: "indiehackers.com", visitors: 1, percentage: 24 },
    ]);
    expect(countriesOf([row({ country: "SE" }, 12, 0.24)])).toEqual([{ name: "Sweden", visitors: 12, percentage: 24 }]);
  });
  it("names countries in English and keeps what it cannot name", () => {
    expect(["GB", "us", "DE", "JP"].map(countryNameOf)).toEqual(["United Kingdom", "United States", "Germany", "Japan"]);
    expect(countryNameOf("")).toBe("");
    expect(countryNameOf("1")).toBe("1");
  });
  it("finds a referrer's host without www., and none for what is no URL", () => {
    expect(referrerDomainOf("https://news.ycombinator.com/item")).toBe("news.ycombinator.com");
    expect(referrerDomainOf("android-app://com.google.android.gm")).toBe("com.google.android.gm");
    expect(referrerDomainOf("")).toBe("");
  });
});

const site = { id: "s1", domain: "kindmetrics.io" } as Site;

describe("domains", () => {
  it("points the snippet at our tracker on the given base URL", () => {
    expect(trackSnippetOf("kindmetrics.io", "https://stats.example.com/")).toBe(
      '<script defer data-domain="kindmetrics.io" src="https://stats.example.com/js/script.js"></script>',
    );
    expect(trackSnippetOf('a"b', "http://h")).toContain('data-domain="a&#34;b"');
  });
  it("shapes the list item and the domain with its figures", () => {
    expect(domainListItemOf(site)).toEqual({ id: "s1", address: "kindmetrics.io" });
    expect(domainStatsOf(site, { visitors: 3, pageviews: 5, bounce_rate: 0.3333 }, "http://h")).toEqual({
      address: "kindmetrics.io",
      visitors: 3,
      pageviews: 5,
      bounce: 33,
      track_snippet: '<script defer data-domain="kindmetrics.io" src="http://h/js/script.js"></script>',
    });
    expect(domainStatsOf(site, {}, "http://h")).toMatchObject({ visitors: 0, pageviews: 0, bounce: 0 });
  });
});

describe("goals", () => {
  it("gives each goal its kind and converting visitors, most first", () => {
    const goals = [
      { id: "a", name: "/sign_up", path_pattern: "/sign_up", event_name: "" },
      { id: "b", name: "Buy", path_pattern: "", event_name: "Buy" },
      { id: "c", name: "Never", path_pattern: "/never", event_name: "" },
    ] as Goal[];
    const results = [
      { id: "a", name: "/sign_up", visitors: 1, conversions: 4, conversion_rate: 0.1 },
      { id: "b", name: "Buy", visitors: 3, conversions: 3, conversion_rate: 0.3 },
    ];
    expect(goalsOf(goals, results)).toEqual([
      { name: "Buy", kind: "Event", conversions: 3 },
      { name: "/sign_up", kind: "Path", conversions: 1 },
      { name: "Never", kind: "Path", conversions: 0 },
    ]);
  });
});
