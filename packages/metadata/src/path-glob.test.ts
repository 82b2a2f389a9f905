import { describe, expect, it } from "vitest";
import { compilePathGlob, normalizePathGlob, pathGlobProblem, pathGlobToRegExpSource } from "./path-glob.js";

describe("path globs", () => {
  const cases: [pattern: string, matching: string[], notMatching: string[]][] = [
    ["/pricing", ["/pricing"], ["/pricing/team", "/Pricing", "/pricingx", "/x/pricing"]],
    ["/blog/*", ["/blog/post", "/blog/"], ["/blog", "/blog/2024/post", "/blogs/post"]],
    ["/blog/*/comments", ["/blog/a/comments", "/blog//comments"], ["/blog/a/b/comments", "/blog/comments"]],
    ["/docs/**", ["/docs/a", "/docs/a/b/c", "/docs/"], ["/docs", "/doc/a"]],
    ["/**", ["/", "/a", "/a/b"], []],
    ["/shop/**/checkout", ["/shop/a/checkout", "/shop/a/b/checkout", "/shop//checkout"], ["/shop/checkout", "/shop/a/checkout/done"]],
    ["/product-*.html", ["/product-12.html", "/product-.html"], ["/product-12xhtml", "/product-1/2.html"]],
    ["/a.b+c(d)[e]{f}|g^h$i\\j", ["/a.b+c(d)[e]{f}|g^h$i\\j"], ["/aXb+c(d)[e]{f}|g^h$i\\j"]],
    ["/**/x", ["/a\nb/x"], []],
  ];
  it.each(cases)("%j matches whole paths", (pattern, matching, notMatching) => {
    expect(pathGlobProblem(pattern)).toBeUndefined();
    const regex = compilePathGlob(pattern);
    for (const path of matching) expect(regex.test(path), path).toBe(true);
    for (const path of notMatching) expect(regex.test(path), path).toBe(false);
  });

  it("translates to an anchored expression RE2 understands", () => {
    expect(pathGlobToRegExpSource("/blog/*/x.html")).toBe("^/blog/[^/]*/x\\.html$");
    expect(pathGlobToRegExpSource("/docs/**")).toBe("^/docs/[\\s\\S]*$");
  });

  it("normalizes to the form paths are stored in", () => {
    expect(normalizePathGlob("  /blog/*/ ")).toBe("/blog/*");
    expect(normalizePathGlob("/caf%C3%A9")).toBe("/café");
    expect(normalizePathGlob("/bad%E0%A4%A")).toBe("/bad%E0%A4%A");
    expect(normalizePathGlob("///")).toBe("/");
    expect(normalizePathGlob("/")).toBe("/");
  });

  it.each([
    ["blog/*", "start"],
    ["*.html", "start"],
    ["/pricing?plan=pro", "?"],
    ["/page#top", "#"],
    ["/a/***", "two"],
    ["/a\u0000b", "control"],
    [`/${"a".repeat(1000)}`, "1000"],
  ])("refuses %j", (pattern, reason) => {
    expect(pathGlobProblem(pattern)).toContain(reason);
  });
});
