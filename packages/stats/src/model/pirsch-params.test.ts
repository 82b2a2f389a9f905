import { describe, expect, it } from "vitest";
import { filtersFromPirschParams } from "./pirsch-params.js";

describe("filtersFromPirschParams", () => {
  it("reads prefixes as operators and groups repeated parameters", () => {
    expect(
      filtersFromPirschParams({
        id: "A5kgYzK14m",
        from: "2021-05-08",
        path: ["!/home", "~blog", "^draft", "/about", "/team", "!/404"],
        country: "jp",
        event: "Button clicked",
      }),
    ).toEqual([
      { field: "path", op: "is_not", values: ["/home", "/404"] },
      { field: "path", op: "contains", values: ["blog"] },
      { field: "path", op: "not_contains", values: ["draft"] },
      { field: "path", op: "is", values: ["/about", "/team"] },
      { field: "country", op: "is", values: ["JP"] },
      { field: "event", op: "is", values: ["Button clicked"] },
    ]);
  });

  it("reads meta_ and tag_ parameters as one filter per key", () => {
    expect(filtersFromPirschParams({ meta_plan: "pro", meta_currency: "!USD", tag_author: ["John", "Alice"], tag: "author", event_meta_key: "plan" })).toEqual([
      { field: "event_meta", key: "plan", op: "is", values: ["pro"] },
      { field: "event_meta", key: "currency", op: "is_not", values: ["USD"] },
      { field: "tag", key: "author", op: "is", values: ["John", "Alice"] },
    ]);
  });

  it("takes a pattern as it is, skips blank values and unknown parameters", () => {
    expect(filtersFromPirschParams({ pattern: "(?i)^/path/[^/]+$", referrer: "", utm_source: undefined, scale: "week", meta_: "x" })).toEqual([
      { field: "pattern", op: "is", values: ["(?i)^/path/[^/]+$"] },
    ]);
    expect(filtersFromPirschParams({ pattern: "!^/x" })).toEqual([{ field: "pattern", op: "is", values: ["!^/x"] }]);
  });

  it("maps every Pirsch filter parameter to the model", () => {
    const params = {
      hostname: "example.com",
      path: "/home",
      entry_path: "/home",
      exit_path: "/yte",
      language: "en",
      country: "jp",
      region: "13",
      city: "London",
      referrer: "https://referring-website.com/",
      referrer_name: "referring-website.com",
      channel: "Paid Search",
      os: "Windows",
      os_version: "10",
      browser: "Firefox",
      browser_version: "89.0",
      platform: "desktop",
      screen_class: "XXL",
      utm_source: "Newsletter",
      utm_medium: "email",
      utm_campaign: "Summer Sale",
      utm_content: "Header",
      utm_term: "search terms",
      visitor_id: "1234",
      session_id: "5678",
    };
    expect(filtersFromPirschParams(params).map((f) => f.field)).toEqual(Object.keys(params));
  });

  it("throws when a value breaks the model's limits", () => {
    expect(() => filtersFromPirschParams({ path: Array.from({ length: 51 }, (_, i) => `/p${i}`) })).toThrow();
  });
});
