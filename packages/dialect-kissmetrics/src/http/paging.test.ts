import { describe, expect, it } from "vitest";
import { lastOffsetOf, listBodyOf, pageLinksOf, pageOf, pagingQuery } from "./paging.js";

describe("limit and offset", () => {
  it("default to 20 and 0, and cap the limit at 100", () => {
    expect(pagingQuery.parse({})).toEqual({ limit: 20, offset: 0 });
    expect(pagingQuery.parse({ limit: "1", offset: "5" })).toEqual({ limit: 1, offset: 5 });
    expect(pagingQuery.parse({ limit: "1000" })).toEqual({ limit: 100, offset: 0 });
  });

  it("refuse what is no count", () => {
    for (const bad of [{ limit: "0" }, { limit: "-1" }, { limit: "1.5" }, { limit: "x" }, { offset: "-1" }, { limit: ["1", "2"] }, { offset: "1; DROP" }]) {
      expect(pagingQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("slice a list and describe the page", () => {
    expect(pageOf(["a", "b", "c"], { limit: 2, offset: 1 })).toEqual({ items: ["b", "c"], pagination: { total: 3, offset: 1, limit: 2 } });
    expect(pageOf(["a"], { limit: 2, offset: 5 })).toEqual({ items: [], pagination: { total: 1, offset: 5, limit: 2 } });
  });
});

describe("pagination links", () => {
  const url = new URL("https://api.example.com/core/products?limit=1&offset=1&segment=a%20b");
  const hrefs = (links: { rel: string; href: string }[]) => Object.fromEntries(links.map((l) => [l.rel, l.href]));

  it("matches the document's example: 6 products by 1 from offset 1", () => {
    const links = hrefs(pageLinksOf(new URL("https://api.example.com/core/products?limit=1&offset=1"), { total: 6, offset: 1, limit: 1 }));
    expect(links).toEqual({
      first: "https://api.example.com/core/products?limit=1&offset=0",
      last: "https://api.example.com/core/products?limit=1&offset=5",
      next: "https://api.example.com/core/products?limit=1&offset=2",
      prev: "https://api.example.com/core/products?limit=1&offset=0",
    });
  });

  it("leaves out next on the last page and prev on the first, and keeps other parameters", () => {
    const last = hrefs(pageLinksOf(url, { total: 2, offset: 1, limit: 1 }));
    expect(Object.keys(last).sort()).toEqual(["first", "last", "prev"]);
    expect(last.first).toBe("https://api.example.com/core/products?limit=1&offset=0&segment=a+b");
    expect(Object.keys(hrefs(pageLinksOf(url, { total: 2, offset: 0, limit: 1 }))).sort()).toEqual(["first", "last", "next"]);
  });

  it("puts the last page at the last full multiple of the limit", () => {
    expect(lastOffsetOf({ total: 0, offset: 0, limit: 20 })).toBe(0);
    expect(lastOffsetOf({ total: 20, offset: 0, limit: 20 })).toBe(0);
    expect(lastOffsetOf({ total: 21, offset: 0, limit: 20 })).toBe(20);
    expect(lastOffsetOf({ total: 45, offset: 3, limit: 10 })).toBe(40);
  });

  it("wraps a list: self, extra and paging links, the pagination object, the items", () => {
    const body = listBodyOf(new URL("https://x.test/core/events"), [1], { total: 1, offset: 0, limit: 20 }, [
      { templated: false, href: "https://x.test/core/metrics/m", rel: "metric", name: "Metric" },
    ]);
    expect(body.links.map((l) => l.rel)).toEqual(["self", "metric", "first", "last"]);
    expect(body.links[0]).toEqual({ templated: false, href: "https://x.test/core/events", rel: "self", name: "Self" });
    expect(body.pagination).toEqual({ total: 1, offset: 0, limit: 20 });
    expect(body.data).toEqual([1]);
  });
});
