import { describe, expect, it } from "vitest";
import { compileTrafficFilters, parseCidr, type TrafficFilterRule } from "./traffic-filter.js";

const matcher = (...rules: TrafficFilterRule[]) => compileTrafficFilters(rules);

describe("traffic filters", () => {
  it("matches an exact IPv4 or IPv6 address, IPv6 by value", () => {
    const isFiltered = matcher({ type: "ip", filter: "89.56.99.71" }, { type: "ip", filter: "2001:db8::1" });
    expect(isFiltered({ ip: "89.56.99.71" })).toBe(true);
    expect(isFiltered({ ip: "89.56.99.72" })).toBe(false);
    expect(isFiltered({ ip: "2001:0db8:0000:0000:0000:0000:0000:0001" })).toBe(true);
    expect(isFiltered({ ip: "2001:db8::2" })).toBe(false);
  });

  it("matches IPv4 ranges, also for IPv4-mapped IPv6 clients", () => {
    const isFiltered = matcher({ type: "cidr", filter: "10.0.0.0/8" }, { type: "cidr", filter: "192.168.1.0/24" });
    expect(isFiltered({ ip: "10.255.1.2" })).toBe(true);
    expect(isFiltered({ ip: "192.168.1.200" })).toBe(true);
    expect(isFiltered({ ip: "192.168.2.1" })).toBe(false);
    expect(isFiltered({ ip: "11.0.0.1" })).toBe(false);
    expect(isFiltered({ ip: "::ffff:10.0.0.1" })).toBe(true);
  });

  it("matches IPv6 ranges", () => {
    const isFiltered = matcher({ type: "cidr", filter: "2001:db8::/32" });
    expect(isFiltered({ ip: "2001:db8:ffff::1" })).toBe(true);
    expect(isFiltered({ ip: "2001:db9::1" })).toBe(false);
    expect(isFiltered({ ip: "10.0.0.1" })).toBe(false);
  });

  it("tests the path against the regular expression", () => {
    const isFiltered = matcher({ type: "path", filter: "^/(admin|wp-login\\.php)" });
    expect(isFiltered({ path: "/admin/users" })).toBe(true);
    expect(isFiltered({ path: "/wp-login.php" })).toBe(true);
    expect(isFiltered({ path: "/blog/admin" })).toBe(false);
    expect(isFiltered({ path: "/wp-loginXphp" })).toBe(false);
  });

  it("finds the user agent substring regardless of case", () => {
    const isFiltered = matcher({ type: "user_agent", filter: "HeadlessChrome" });
    expect(isFiltered({ userAgent: "Mozilla/5.0 (X11) headlesschrome/120.0" })).toBe(true);
    expect(isFiltered({ userAgent: "Mozilla/5.0 (X11) Chrome/120.0" })).toBe(false);
  });

  it("filters when any rule matches and ignores traits it was not given", () => {
    const isFiltered = matcher({ type: "ip", filter: "1.2.3.4" }, { type: "user_agent", filter: "bot" });
    expect(isFiltered({ ip: "5.6.7.8", userAgent: "SomeBot/1.0" })).toBe(true);
    expect(isFiltered({ ip: "1.2.3.4" })).toBe(true);
    expect(isFiltered({ path: "/" })).toBe(false);
    expect(isFiltered({ ip: "not an ip", userAgent: "Firefox" })).toBe(false);
  });

  it("skips rules that do not parse instead of failing the rest", () => {
    const isFiltered = matcher({ type: "path", filter: "([" }, { type: "cidr", filter: "10.0.0.0/99" }, { type: "ip", filter: "1.1.1.1" });
    expect(isFiltered({ ip: "1.1.1.1", path: "([" })).toBe(true);
    expect(isFiltered({ ip: "10.0.0.1", path: "/x" })).toBe(false);
  });

  it("matches nothing without rules", () => {
    expect(matcher()({ ip: "1.2.3.4", path: "/", userAgent: "x" })).toBe(false);
  });

  it("parses ranges of both families", () => {
    expect(parseCidr(" 10.1.2.3/8 ")).toEqual({ network: "10.1.2.3", prefix: 8, family: "ipv4" });
    expect(parseCidr("::/0")).toEqual({ network: "::", prefix: 0, family: "ipv6" });
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("10.0.0.0")).toBeUndefined();
    expect(parseCidr("example.com/8")).toBeUndefined();
  });
});
