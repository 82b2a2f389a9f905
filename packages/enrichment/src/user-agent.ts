import { createRequire } from "node:module";
import { BoundedCache } from "./lru.js";

export type Platform = "desktop" | "mobile" | "tablet" | "unknown";

export interface DeviceInput {
  userAgent: string;
  secChUa?: string | undefined;
  secChUaMobile?: string | undefined;
  secChUaPlatform?: string | undefined;
  secChUaPlatformVersion?: string | undefined;
  secChUaFullVersionList?: string | undefined;
}

export interface Device {
  readonly browser: string;
  readonly browserVersion: string;
  readonly os: string;
  readonly osVersion: string;
  readonly platform: Platform;
}

// Only what we read: @types/ua-parser-js is not installed, and requiring the CommonJS build
// keeps us independent of whether Node's ESM interop sees its named export.
interface UAParserResult {
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { type?: string };
}
const { UAParser } = createRequire(import.meta.url)("ua-parser-js") as {
  UAParser: new (ua: string) => { getResult(): UAParserResult };
};

// ua-parser-js itself looks at no more than 500 characters; cutting before the cache key
// also bounds the cache's memory when clients send huge headers.
const MAX_UA_LENGTH = 500;
const MAX_HINT_LENGTH = 300;
const plainCache = new BoundedCache<string, Device>(10_000);
const hintedCache = new BoundedCache<string, Device>(10_000);

/** Browser, OS and form factor of a client, preferring User-Agent Client Hints over the (frozen) UA string. */
export function deviceOf(input: DeviceInput): Device {
  const userAgent = input.userAgent.slice(0, MAX_UA_LENGTH);
  const secChUa = hint(input.secChUa);
  const mobile = hint(input.secChUaMobile);
  const platform = hint(input.secChUaPlatform);
  const platformVersion = hint(input.secChUaPlatformVersion);
  const fullVersionList = hint(input.secChUaFullVersionList);
  // A newline cannot occur in a header value, so it separates the parts unambiguously. Without client
  // hints (the common case) the user agent alone is the key, in a cache of its own: no string to build
  // and hash per hit.
  const hinted = secChUa !== "" || mobile !== "" || platform !== "" || platformVersion !== "" || fullVersionList !== "";
  const cache = hinted ? hintedCache : plainCache;
  const key = hinted ? `${userAgent}\n${secChUa}\n${mobile}\n${platform}\n${platformVersion}\n${fullVersionList}` : userAgent;
  let device = cache.get(key);
  if (device === undefined) {
    // Frozen so that a caller mutating its result cannot corrupt what later hits get from the cache.
    device = Object.freeze(parse(userAgent, secChUa, mobile, platform, platformVersion, fullVersionList));
    cache.set(key, device);
  }
  return device;
}

function hint(value: string | undefined): string {
  return value === undefined ? "" : value.slice(0, MAX_HINT_LENGTH);
}

function parse(
  userAgent: string,
  secChUa: string,
  mobileHint: string,
  platformHint: string,
  platformVersionHint: string,
  fullVersionList: string,
): Device {
  const parsed = new UAParser(userAgent).getResult();
  let browser = browserNameOf(parsed.browser.name ?? "");
  let browserVersion = majorMinor(parsed.browser.version ?? "");
  let os = osNameOf(parsed.os.name ?? "");
  let osVersion = LINUX_DISTRIBUTIONS.has(parsed.os.name ?? "") ? "" : (parsed.os.version ?? "");

  const brand = brandOf(fullVersionList) ?? brandOf(secChUa);
  // A hint naming only "Chromium" is less specific than what the UA string may say (Vivaldi, Arc, ...).
  if (brand !== undefined && (brand.name !== "Chromium" || browser === "")) {
    const version = majorMinor(brand.version);
    // Sec-CH-UA carries just the major version: keep the UA string's major.minor when it agrees.
    const agrees = version !== "" && !version.includes(".") && browserVersion.split(".")[0] === version;
    if (!agrees) browserVersion = version;
    browser = brand.name;
  }

  const hintedOs = osNameOf(unquote(platformHint));
  if (hintedOs !== "" && hintedOs !== "Unknown") {
    if (hintedOs !== os) osVersion = "";
    os = hintedOs;
    const version = unquote(platformVersionHint);
    if (version !== "") osVersion = osVersionFromHint(os, version) ?? osVersion;
  }

  let platform = platformOf(parsed.device.type, os, userAgent);
  const mobile = mobileHint.trim();
  if (mobile === "?1") platform = "mobile";
  // Chrome on Android tablets reports ?0; everywhere else ?0 means a desktop-class browser.
  else if (mobile === "?0") platform = os === "Android" ? "tablet" : "desktop";

  return { browser, browserVersion, os, osVersion, platform };
}

const BROWSER_NAMES: Record<string, string> = {
  "Mobile Safari": "Safari",
  "Mobile Chrome": "Chrome",
  "Mobile Firefox": "Firefox",
  "Google Chrome": "Chrome",
  "Microsoft Edge": "Edge",
  "Samsung Browser": "Samsung Internet",
  "Chrome WebView": "Android WebView",
  "Chrome Headless": "Headless Chrome",
  HeadlessChrome: "Headless Chrome",
  IE: "Internet Explorer",
  UCBrowser: "UC Browser",
  YaBrowser: "Yandex",
  GSA: "Google App",
};

function browserNameOf(name: string): string {
  return BROWSER_NAMES[name] ?? name;
}

const OS_NAMES: Record<string, string> = {
  "Mac OS": "macOS",
  "Mac OS X": "macOS",
  "Chromium OS": "Chrome OS",
};

// Analytics users want "Linux"; which distribution is noise (and rarely in the UA at all).
const LINUX_DISTRIBUTIONS = new Set([
  "Ubuntu",
  "Kubuntu",
  "Xubuntu",
  "Lubuntu",
  "Debian",
  "Fedora",
  "Arch",
  "Mint",
  "openSUSE",
  "SUSE",
  "Gentoo",
  "CentOS",
  "Red Hat",
  "RedHat",
  "Manjaro",
  "Deepin",
  "elementary OS",
  "Slackware",
  "Raspbian",
]);

function osNameOf(name: string): string {
  if (LINUX_DISTRIBUTIONS.has(name)) return "Linux";
  return OS_NAMES[name] ?? name;
}

const DESKTOP_OSES = new Set(["Windows", "macOS", "Linux", "Chrome OS", "FreeBSD", "OpenBSD", "NetBSD", "Solaris"]);

function platformOf(deviceType: string | undefined, os: string, userAgent: string): Platform {
  if (deviceType === "mobile") return "mobile";
  if (deviceType === "tablet") return "tablet";
  // TVs, consoles, wearables, XR headsets: none of our four buckets.
  if (deviceType !== undefined) return "unknown";
  // Android browsers put "Mobile" in the UA on phones only (Google's documented convention).
  if (os === "Android") return / mobile\b/i.test(userAgent) ? "mobile" : "tablet";
  if (os === "iOS") return "mobile";
  if (DESKTOP_OSES.has(os)) return "desktop";
  return "unknown";
}

/** "120.0.6099.130" → "120.0"; a major alone stays a major. */
function majorMinor(version: string): string {
  const first = version.indexOf(".");
  if (first === -1) return version;
  const second = version.indexOf(".", first + 1);
  return second === -1 ? version : version.slice(0, second);
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

// `"Chromium";v="120", "Google Chrome";v="120", "Not_A Brand";v="8"` (an RFC 8941 list).
const BRAND_ENTRY = /"((?:[^"\\]|\\.)*)"\s*;\s*v\s*=\s*"([^"]*)"/g;
// Chrome adds a made-up brand ("Not A(Brand", "Not/A)Brand", "Not_A Brand", ...) so that servers don't pin the list.
const GREASE = /not.?a.?brand/i;

/** The most specific real brand in a Sec-CH-UA style list: any brand beats "Chromium". */
function brandOf(list: string): { name: string; version: string } | undefined {
  if (list === "") return undefined;
  let chromium: { name: string; version: string } | undefined;
  for (const [, rawName = "", version = ""] of list.matchAll(BRAND_ENTRY)) {
    if (GREASE.test(rawName)) continue;
    const name = browserNameOf(rawName);
    if (name === "Chromium") chromium = { name, version };
    else return { name, version };
  }
  return chromium;
}

/** Turns Sec-CH-UA-Platform-Version into the version users know, or undefined when it says nothing useful. */
function osVersionFromHint(os: string, version: string): string | undefined {
  if (os === "Windows") {
    // Microsoft: platform version 13 and up is Windows 11, 1 to 10 is Windows 10, 0 is older (the UA string knows which).
    const major = Number.parseInt(version, 10);
    if (Number.isNaN(major) || major === 0) return undefined;
    return major >= 13 ? "11" : "10";
  }
  if (os === "Linux") return undefined; // Chrome sends an empty string or the kernel version: neither is an OS version.
  // "14.0.0" and the UA string's "14" must land in the same bucket.
  return version.replace(/(\.0)+$/, "");
}
