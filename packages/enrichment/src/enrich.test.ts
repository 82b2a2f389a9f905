import { describe, expect, it } from "vitest";
import { enrichHit } from "./enrich.js";
import { EnrichmentError } from "./enrichment-error.js";
import type { RawHit } from "./raw-hit.js";

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

const hit: RawHit = {
  url: "https://www.example.com/blog/gr%C3%BC%C3%9Fe/?utm_medium=cpc&utm_source=google&utm_campaign=spring&utm_term=analytics",
  ip: "81.2.69.142",
  userAgent: CHROME_WINDOWS,
  acceptLanguage: "de-DE,de;q=0.9,en;q=0.8",
  secChUa: '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"',
  secChUaMobile: "?0",
  secChUaPlatform: '"Windows"',
  secChUaPlatformVersion: '"15.0.0"',
  referrer: "https://www.google.com/",
  screenWidth: 1920,
  screenHeight: 1080,
  title: " Grüße ",
};

describe("enrichHit", () => {
  it("gives each hit on a page its own result, however often the page is seen", () => {
    const first = enrichHit(hit);
    first.utmSource = "changed by a caller";
    first.path = "/changed";
    const again = enrichHit(hit);
    expect(again.utmSource).toBe("google");
    expect(again.path).toBe("/blog/grüße");
    // The same page with another referrer, and a page URL that is no page, still answer for themselves.
    expect(enrichHit({ ...hit, referrer: "https://news.ycombinator.com/" }).referrerName).toBe("Hacker News");
    expect(() => enrichHit({ ...hit, url: "mailto:x@example.com" })).toThrow(EnrichmentError);
    expect(() => enrichHit({ ...hit, url: "mailto:x@example.com" })).toThrow(EnrichmentError);
  });

  it("derives every dimension", () => {
    expect(enrichHit(hit)).toEqual({
      hostname: "www.example.com",
      path: "/blog/grüße",
      title: "Grüße",
      language: "de",
      countryCode: "GB",
      region: "ENG",
      city: "St Albans",
      browser: "Chrome",
      browserVersion: "120.0",
      os: "Windows",
      osVersion: "11",
      platform: "desktop",
      screenClass: "XL",
      referrer: "https://google.com",
      referrerName: "Google",
      channel: "Paid Search",
      utmSource: "google",
      utmMedium: "cpc",
      utmCampaign: "spring",
      utmContent: "",
      utmTerm: "analytics",
      isBot: false,
    });
  });

  it("leaves what a bare hit does not tell empty", () => {
    const enriched = enrichHit({ url: "https://example.com", userAgent: "curl/8.4.0" });
    expect(enriched).toMatchObject({
      hostname: "example.com",
      path: "/",
      title: "",
      language: "",
      countryCode: "",
      screenClass: "",
      referrer: "",
      referrerName: "",
      channel: "Direct",
      utmSource: "",
      isBot: true,
    });
  });

  it.each([
    ["https://example.com/", "/"],
    ["https://example.com//", "/"],
    ["https://example.com/docs/", "/docs"],
    ["https://example.com/docs/start?x=1#top", "/docs/start"],
    ["https://example.com/a%20b", "/a b"],
    ["https://example.com/%E0%A4%A", "/%E0%A4%A"],
  ])("takes the path of %s", (url, path) => {
    expect(enrichHit({ url, userAgent: CHROME_WINDOWS }).path).toBe(path);
  });

  it("ignores referrals from the site itself", () => {
    const enriched = enrichHit({ ...hit, url: "https://example.com/", referrer: "https://docs.example.org/x", hostnames: ["docs.example.org"] });
    expect(enriched).toMatchObject({ referrer: "", referrerName: "", channel: "Direct" });
  });

  it("names the referrer from ?ref= when there is no Referer header", () => {
    const enriched = enrichHit({ url: "https://example.com/?ref=producthunt", userAgent: CHROME_WINDOWS });
    expect(enriched).toMatchObject({
      referrer: "",
      referrerName: "Product Hunt",
      utmSource: "producthunt",
      channel: "Organic Social",
    });
  });

  it.each(["", "not a url", "/relative/path", "ftp://example.com/file", "mailto:someone@example.com"])(
    "throws an EnrichmentError for the page URL %j",
    (url) => {
      expect(() => enrichHit({ url, userAgent: CHROME_WINDOWS })).toThrow(EnrichmentError);
      try {
        enrichHit({ url, userAgent: CHROME_WINDOWS });
      } catch (error) {
        expect(error).toMatchObject({ name: "EnrichmentError", code: "invalid_url" });
      }
    },
  );
});
