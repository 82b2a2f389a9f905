import { isBotHit } from "./bot.js";
import { BoundedCache } from "./lru.js";
import { type Channel, channelOf } from "./channel.js";
import { EnrichmentError } from "./enrichment-error.js";
import { geoOf } from "./geo.js";
import { languageOf } from "./language.js";
import type { RawHit } from "./raw-hit.js";
import { referrerHostOf, referrerOf } from "./referrer.js";
import { screenClassOf } from "./screen.js";
import type { Platform } from "./user-agent.js";
import { deviceOf } from "./user-agent.js";
import { type Utm, utmOf } from "./utm.js";

export interface EnrichedHit {
  hostname: string;
  /** Decoded pathname without trailing slash ("/" for the root). */
  path: string;
  title: string;
  language: string;
  countryCode: string;
  region: string;
  city: string;
  browser: string;
  browserVersion: string;
  os: string;
  osVersion: string;
  platform: Platform;
  screenClass: string;
  referrer: string;
  referrerName: string;
  channel: Channel;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
  isBot: boolean;
}

/** What a page URL alone says: the same for every hit on it. */
interface Page {
  hostname: string;
  path: string;
  utm: Utm;
  /** The `ref` query parameter, which names the referrer when no Referer header came. */
  ref: string | null;
}

// Sites have a few thousand pages that take nearly all hits; a URL parse and its query cost more than a lookup.
const pages = new BoundedCache<string, Page>(20_000);

function pageOf(rawUrl: string): Page {
  let page = pages.get(rawUrl);
  if (page !== undefined) return page;
  const url = URL.parse(rawUrl);
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    throw new EnrichmentError("invalid_url", `not an http(s) page URL: ${JSON.stringify(rawUrl.slice(0, 200))}`);
  }
  page = Object.freeze({
    hostname: url.hostname,
    path: pathOf(url),
    utm: Object.freeze(utmOf(url)),
    ref: url.searchParams.get("ref"),
  });
  pages.set(rawUrl, page);
  return page;
}

/** Every analytics dimension of one hit. Throws EnrichmentError when the page URL is not an http(s) URL. */
export function enrichHit(raw: RawHit): EnrichedHit {
  const page = pageOf(raw.url);
  const { path, utm } = page;
  // Without a Referer header, ?ref= names the referrer (Pirsch and Plausible read it the same way).
  const { referrer, referrerName } = referrerOf({
    referrer: raw.referrer || page.ref || undefined,
    pageUrl: page,
    hostnames: raw.hostnames,
  });
  const device = deviceOf(raw);
  const geo = geoOf(raw.ip);
  return {
    hostname: page.hostname,
    path,
    title: (raw.title ?? "").trim(),
    language: languageOf(raw.acceptLanguage),
    countryCode: geo.countryCode,
    region: geo.region,
    city: geo.city,
    browser: device.browser,
    browserVersion: device.browserVersion,
    os: device.os,
    osVersion: device.osVersion,
    platform: device.platform,
    screenClass: screenClassOf(raw.screenWidth),
    referrer,
    referrerName,
    channel: channelOf({
      referrerName,
      referrerHost: referrerHostOf(referrer),
      utmSource: utm.utmSource,
      utmMedium: utm.utmMedium,
      utmCampaign: utm.utmCampaign,
    }),
    ...utm,
    isBot: isBotHit({ userAgent: raw.userAgent, path }),
  };
}

function pathOf(url: URL): string {
  let path = url.pathname;
  if (path.includes("%")) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // Malformed percent-encoding ("/%E0%A4%A"): the encoded form is still a stable key.
    }
  }
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* "/" */) end--;
  return end === 0 ? "/" : path.slice(0, end);
}
