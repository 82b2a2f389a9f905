import { describe, expect, it } from "vitest";
import { rawHitSchema } from "./raw-hit.js";

describe("rawHitSchema", () => {
  it("accepts a minimal hit", () => {
    const hit = { url: "https://example.com/", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0" };
    expect(rawHitSchema.parse(hit)).toEqual(hit);
  });

  it("accepts every field", () => {
    const hit = {
      url: "https://example.com/?utm_source=x",
      ip: "81.2.69.142",
      userAgent: "Mozilla/5.0",
      acceptLanguage: "de",
      secChUa: '"Chromium";v="120"',
      secChUaMobile: "?0",
      secChUaPlatform: '"Linux"',
      secChUaPlatformVersion: '""',
      secChUaFullVersionList: '"Chromium";v="120.0.1.2"',
      referrer: "https://google.com/",
      screenWidth: 1920,
      screenHeight: 1080,
      title: "Home",
      hostnames: ["example.org"],
    };
    expect(rawHitSchema.parse(hit)).toEqual(hit);
  });

  it("names the fields that are missing or of the wrong type", () => {
    const result = rawHitSchema.safeParse({ url: "", screenWidth: "1920", hostnames: "example.org" });
    expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "hostnames",
      "screenWidth",
      "url",
      "userAgent",
    ]);
  });
});
