import { BoundedCache } from "./lru.js";
import { knownSourceOfHost, knownSourceOfName, stripWww } from "./sources.js";

export interface ReferrerInput {
  referrer: string | undefined;
  /** The page visited (only its hostname is read). */
  pageUrl: Pick<URL, "hostname">;
  /** The site's other hostnames: a referrer from any of them is the visitor moving within the site. */
  hostnames?: readonly string[] | undefined;
}

export interface Referrer {
  /** Scheme, host without "www." and path without trailing slash; query and fragment dropped (they may carry personal data). */
  referrer: string;
  /** A human name for where the visitor came from ("Google", "Hacker News"), else the bare host. */
  referrerName: string;
}

const MAX_NAME_LENGTH = 100;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// "producthunt.com" or "news.ycombinator.com/item": a URL someone typed without its scheme.
const BARE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:\/\S*)?$/i;

/** What a raw referrer says whatever page it was sent from; `host` is set when self-referrals must be checked. */
interface ParsedReferrer extends Referrer {
  host: string;
}

// Most hits come from a few hundred referrers: parsing one takes a URL parse and a source lookup.
const cache = new BoundedCache<string, ParsedReferrer>(10_000);

/** The referrer normalized and named; empty for no referrer, a self-referral or a URL that is no web or app link. */
export function referrerOf(input: ReferrerInput): Referrer {
  const raw = (input.referrer ?? "").trim();
  if (raw === "") return none();
  let parsed = cache.get(raw);
  if (parsed === undefined) {
    parsed = Object.freeze(parse(raw));
    cache.set(raw, parsed);
  }
  if (parsed.host !== "" && isSelfReferral(parsed.host, input.pageUrl, input.hostnames)) return none();
  return { referrer: parsed.referrer, referrerName: parsed.referrerName };
}

function parse(raw: string): ParsedReferrer {
  const url = urlOf(raw);
  if (url === undefined) {
    // Not a URL: a name passed as ?ref= or by the sender (Pirsch allows that); keep it, canonical if we know it.
    if (SCHEME.test(raw)) return nothing();
    const name = raw.slice(0, MAX_NAME_LENGTH);
    return { referrer: "", referrerName: knownSourceOfName(name)?.name ?? name, host: "" };
  }

  if (url.protocol === "android-app:") {
    // The "host" of android-app://com.google.android.gm is the app's package; it is opaque, so not lowercased for us.
    const app = url.host.toLowerCase();
    if (app === "") return nothing();
    return { referrer: `android-app://${app}`, referrerName: knownSourceOfHost(app)?.name ?? app, host: "" };
  }

  const host = stripWww(url.hostname);
  if (host === "") return nothing();
  const port = url.port === "" ? "" : `:${url.port}`;
  const path = url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
  return { referrer: `${url.protocol}//${host}${port}${path}`, referrerName: knownSourceOfHost(host)?.name ?? host, host };
}

function nothing(): ParsedReferrer {
  return { referrer: "", referrerName: "", host: "" };
}

function none(): Referrer {
  return { referrer: "", referrerName: "" };
}

/** The host part of a normalized referrer ("https://news.ycombinator.com/item" → "news.ycombinator.com"), or "". */
export function referrerHostOf(referrer: string): string {
  const start = referrer.indexOf("//");
  if (start === -1) return "";
  let end = referrer.length;
  for (const stop of ["/", ":"]) {
    const at = referrer.indexOf(stop, start + 2);
    if (at !== -1 && at < end) end = at;
  }
  return referrer.slice(start + 2, end);
}

function urlOf(raw: string): URL | undefined {
  let url: URL | null = null;
  if (SCHEME.test(raw)) url = URL.parse(raw);
  else if (BARE_HOST.test(raw)) url = URL.parse(`https://${raw}`);
  if (url === null) return undefined;
  return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "android-app:" ? url : undefined;
}

function isSelfReferral(host: string, pageUrl: Pick<URL, "hostname">, hostnames: readonly string[] | undefined): boolean {
  if (host === stripWww(pageUrl.hostname)) return true;
  return hostnames?.some((h) => stripWww(h.trim().toLowerCase()) === host) ?? false;
}
