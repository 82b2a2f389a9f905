import { describe, expect, it } from "vitest";
import { isBotHit } from "./bot.js";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

describe("isBotHit", () => {
  it("lets a browser through", () => {
    expect(isBotHit({ userAgent: FIREFOX, path: "/blog/post" })).toBe(false);
  });

  it.each([
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; GPTBot/1.0; +https://openai.com/gptbot)",
    "curl/8.4.0",
    "Wget/1.21.4",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "axios/1.6.2",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36",
  ])("flags %s", (userAgent) => {
    expect(isBotHit({ userAgent })).toBe(true);
  });

  it("flags empty and too short user agents", () => {
    expect(isBotHit({ userAgent: "" })).toBe(true);
    expect(isBotHit({ userAgent: "   " })).toBe(true);
    expect(isBotHit({ userAgent: "Mozilla/5" })).toBe(true);
  });

  it("flags scanner paths but not look-alikes", () => {
    expect(isBotHit({ userAgent: FIREFOX, path: "/.env" })).toBe(true);
    expect(isBotHit({ userAgent: FIREFOX, path: "/.git/config" })).toBe(true);
    expect(isBotHit({ userAgent: FIREFOX, path: "/wp-config.php" })).toBe(true);
    expect(isBotHit({ userAgent: FIREFOX, path: "/.environment-day" })).toBe(false);
    expect(isBotHit({ userAgent: FIREFOX, path: "/blog/.env-files-explained" })).toBe(false);
  });
});
