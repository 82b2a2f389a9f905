import { describe, expect, it } from "vitest";
import { deviceOf } from "./user-agent.js";

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const CHROME_ANDROID_REDUCED =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const CHROME_ANDROID_TABLET_REDUCED =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

describe("deviceOf from the UA string", () => {
  it.each([
    [CHROME_WINDOWS, "Chrome", "120.0", "Windows", "10", "desktop"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
      "Edge",
      "120.0",
      "Windows",
      "10",
      "desktop",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
      "Opera",
      "106.0",
      "Windows",
      "10",
      "desktop",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
      "Safari",
      "17.2",
      "macOS",
      "10.15.7",
      "desktop",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
      "Safari",
      "17.2",
      "iOS",
      "17.2.1",
      "mobile",
    ],
    [
      "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
      "Safari",
      "16.6",
      "iOS",
      "16.6",
      "tablet",
    ],
    [
      "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
      "Samsung Internet",
      "23.0",
      "Android",
      "13",
      "mobile",
    ],
    [CHROME_ANDROID_TABLET_REDUCED, "Chrome", "120.0", "Android", "10", "tablet"],
    [
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
      "Firefox",
      "121.0",
      "Linux",
      "",
      "desktop",
    ],
    [
      "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      "Chrome",
      "120.0",
      "Chrome OS",
      "14541.0.0",
      "desktop",
    ],
    [
      "Mozilla/5.0 (Windows NT 6.1; Win64; x64; Trident/7.0; rv:11.0) like Gecko",
      "Internet Explorer",
      "11.0",
      "Windows",
      "7",
      "desktop",
    ],
    [
      "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
      "Samsung Internet",
      "4.0",
      "Tizen",
      "6.0",
      "unknown",
    ],
  ])("%s", (userAgent, browser, browserVersion, os, osVersion, platform) => {
    expect(deviceOf({ userAgent })).toEqual({ browser, browserVersion, os, osVersion, platform });
  });

  it("leaves what it cannot tell empty", () => {
    expect(deviceOf({ userAgent: "" })).toEqual({
      browser: "",
      browserVersion: "",
      os: "",
      osVersion: "",
      platform: "unknown",
    });
  });
});

describe("deviceOf with client hints", () => {
  it("reads Windows 11 from the platform version the frozen UA string hides", () => {
    const device = deviceOf({
      userAgent: CHROME_WINDOWS,
      secChUa: '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"',
      secChUaMobile: "?0",
      secChUaPlatform: '"Windows"',
      secChUaPlatformVersion: '"15.0.0"',
      secChUaFullVersionList: '"Not_A Brand";v="8.0.0.0", "Chromium";v="120.0.6099.130", "Google Chrome";v="120.0.6099.130"',
    });
    expect(device).toEqual({ browser: "Chrome", browserVersion: "120.0", os: "Windows", osVersion: "11", platform: "desktop" });
  });

  it("says Windows 10 for platform versions 1 to 10 and trusts the UA string for 0", () => {
    const hinted = (version: string) =>
      deviceOf({ userAgent: CHROME_WINDOWS, secChUaPlatform: '"Windows"', secChUaPlatformVersion: `"${version}"` });
    expect(hinted("10.0.0").osVersion).toBe("10");
    expect(hinted("0.3.0").osVersion).toBe("10");
  });

  it("names the brand the UA string cannot tell from Chrome, skipping GREASE", () => {
    const device = deviceOf({
      userAgent: CHROME_WINDOWS,
      secChUa: '"Not A(Brand";v="99", "Brave";v="120", "Chromium";v="120"',
    });
    expect(device.browser).toBe("Brave");
    expect(device.browserVersion).toBe("120.0");
  });

  it("keeps the UA string's browser when the hints only say Chromium", () => {
    const vivaldi = `${CHROME_WINDOWS} Vivaldi/6.5.3206.48`;
    const device = deviceOf({ userAgent: vivaldi, secChUa: '"Chromium";v="120", "Not?A_Brand";v="24"' });
    expect(device.browser).toBe("Vivaldi");
    expect(device.browserVersion).toBe("6.5");
  });

  it("takes the real Android version and the phone/tablet split from the hints", () => {
    const phone = deviceOf({
      userAgent: CHROME_ANDROID_TABLET_REDUCED,
      secChUaMobile: "?1",
      secChUaPlatform: '"Android"',
      secChUaPlatformVersion: '"14.0.0"',
    });
    expect(phone).toMatchObject({ os: "Android", osVersion: "14", platform: "mobile" });
    const tablet = deviceOf({ userAgent: CHROME_ANDROID_REDUCED, secChUaMobile: "?0", secChUaPlatform: '"Android"' });
    expect(tablet).toMatchObject({ os: "Android", osVersion: "10", platform: "tablet" });
  });

  it("takes the real macOS version", () => {
    const device = deviceOf({
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      secChUaPlatform: '"macOS"',
      secChUaPlatformVersion: '"14.2.1"',
    });
    expect(device).toMatchObject({ os: "macOS", osVersion: "14.2.1", platform: "desktop" });
  });

  it("ignores an Unknown platform", () => {
    expect(deviceOf({ userAgent: CHROME_WINDOWS, secChUaPlatform: '"Unknown"' }).os).toBe("Windows");
  });
});

describe("deviceOf caching", () => {
  it("returns the same frozen result for the same input", () => {
    const first = deviceOf({ userAgent: CHROME_WINDOWS });
    expect(deviceOf({ userAgent: CHROME_WINDOWS })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("does not mix up results that differ only in their hints", () => {
    const plain = deviceOf({ userAgent: CHROME_ANDROID_REDUCED });
    const hinted = deviceOf({ userAgent: CHROME_ANDROID_REDUCED, secChUaPlatformVersion: '"14.0.0"', secChUaPlatform: '"Android"' });
    expect(plain.osVersion).toBe("10");
    expect(hinted.osVersion).toBe("14");
  });
});
