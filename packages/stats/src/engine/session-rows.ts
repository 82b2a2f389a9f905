import { MAX_TIME_ON_PAGE_SECONDS } from "../sql/sources.js";
import { isoOfClickHouse, type SessionHit, type SessionSummary } from "./results.js";
import type { RawRow } from "./rows.js";

/** A row of sql/session-details.ts. */
export type HitRow = RawRow & { event_meta: Record<string, string>; tags: Record<string, string> };

/** The hits of one session; a page view lasts until the next page view, as avg_time_on_page counts it. */
export function sessionHitsOf(raw: readonly HitRow[]): SessionHit[] {
  return raw.map((r, i) => {
    const kind = r["hit_kind"] === "event" ? "event" : "pageview";
    let duration = Number(r["event_duration"]);
    if (kind === "pageview") {
      // The next page view's gap measures this page, as avg_time_on_page counts it.
      const next = raw.slice(i + 1).find((n) => n["hit_kind"] === "pageview");
      const gap = Number(next?.["seconds_since_previous"] ?? 0);
      duration = gap <= MAX_TIME_ON_PAGE_SECONDS ? gap : 0;
    }
    return {
      time: isoOfClickHouse(String(r["at"])),
      kind,
      visitor_id: String(r["visitor"]),
      hostname: String(r["hostname"]),
      path: String(r["path"]),
      title: String(r["title"]),
      event_name: String(r["event_name"]),
      event_meta: r.event_meta,
      tags: r.tags,
      duration_seconds: duration,
      referrer: String(r["referrer"]),
      referrer_name: String(r["referrer_name"]),
      utm_source: String(r["utm_source"]),
      utm_medium: String(r["utm_medium"]),
      utm_campaign: String(r["utm_campaign"]),
      utm_content: String(r["utm_content"]),
      utm_term: String(r["utm_term"]),
      country: String(r["country_code"]),
      city: String(r["city"]),
      language: String(r["language"]),
      browser: String(r["browser"]),
      browser_version: String(r["browser_version"]),
      os: String(r["os"]),
      os_version: String(r["os_version"]),
      platform: String(r["platform"]),
      screen_class: String(r["screen_class"]),
    };
  });
}

/** A row of sql/sessions-list.ts. */
export function sessionSummaryOf(r: RawRow): SessionSummary {
  const text = (name: string) => String(r[name] ?? "");
  return {
    session_id: text("session"),
    visitor_id: text("visitor_id"),
    start: isoOfClickHouse(text("started_at")),
    end: isoOfClickHouse(text("ended_at")),
    duration_seconds: Number(r["duration_seconds"]),
    entry_path: text("entry_path"),
    entry_title: text("entry_title"),
    exit_path: text("exit_path"),
    exit_title: text("exit_title"),
    pageviews: Number(r["pageviews"]),
    events: Number(r["events"]),
    is_bounce: Number(r["is_bounce"]) === 1,
    keep_alives: Number(r["keep_alives"] ?? 0),
    hostname: text("hostname"),
    referrer: text("referrer"),
    referrer_name: text("referrer_name"),
    channel: text("channel"),
    utm_source: text("utm_source"),
    utm_medium: text("utm_medium"),
    utm_campaign: text("utm_campaign"),
    utm_content: text("utm_content"),
    utm_term: text("utm_term"),
    country: text("country"),
    region: text("region"),
    city: text("city"),
    language: text("language"),
    browser: text("browser"),
    browser_version: text("browser_version"),
    os: text("os"),
    os_version: text("os_version"),
    platform: text("platform"),
    screen_class: text("screen_class"),
  };
}

