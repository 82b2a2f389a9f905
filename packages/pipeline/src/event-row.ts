import type { EnrichedHit } from "@pulse/enrichment";
import type { HitRecord } from "@pulse/hits";
import type { SessionAssignment } from "@pulse/sessions";
import { clickhouseTimeOf } from "./clickhouse-time.js";

/** Where a record was read from: kept on the row so replays can be recognised. */
export interface Source {
  topic: string;
  partition: number;
  offset: string;
}

/** Dimensions of a keep-alive, which has no page: only what the client itself tells. */
export type SessionDimensions = Pick<
  EnrichedHit,
  | "language"
  | "countryCode"
  | "region"
  | "city"
  | "browser"
  | "browserVersion"
  | "os"
  | "osVersion"
  | "platform"
  | "isBot"
>;

const EMPTY_PAGE = {
  hostname: "",
  path: "",
  title: "",
  referrer: "",
  referrerName: "",
  channel: "",
  utmSource: "",
  utmMedium: "",
  utmCampaign: "",
  utmContent: "",
  utmTerm: "",
  screenClass: "",
};

function stringMapOf(record: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, String(v)]));
}

/** One row of the `events` table (column names as in migrations/0001_events.sql). */
export function eventRowOf(
  record: HitRecord,
  enriched: EnrichedHit | SessionDimensions,
  session: SessionAssignment,
  source: Source,
) {
  const hit = { ...EMPTY_PAGE, ...enriched };
  const isEvent = record.kind === "event";
  return {
    site_id: record.site_id,
    time: clickhouseTimeOf(record.time),
    id: record.id,
    kind: record.kind,
    visitor_id: session.visitorId,
    session_id: session.sessionId,
    session_start: clickhouseTimeOf(session.sessionStart),
    hostname: hit.hostname,
    // A keep-alive has no page of its own: it carries the session's current page so exit pages stay right.
    path: record.kind === "session" ? session.path : hit.path,
    title: hit.title,
    previous_path: record.kind === "pageview" ? session.previousPath : "",
    seconds_since_previous: record.kind === "pageview" ? session.secondsSincePrevious : 0,
    referrer: hit.referrer,
    referrer_name: hit.referrerName,
    channel: hit.channel,
    utm_source: hit.utmSource,
    utm_medium: hit.utmMedium,
    utm_campaign: hit.utmCampaign,
    utm_content: hit.utmContent,
    utm_term: hit.utmTerm,
    language: hit.language,
    country_code: hit.countryCode,
    region: hit.region,
    city: hit.city,
    browser: hit.browser,
    browser_version: hit.browserVersion,
    os: hit.os,
    os_version: hit.osVersion,
    platform: hit.platform,
    screen_class: hit.screenClass,
    event_name: isEvent ? record.event_name : "",
    event_duration: isEvent ? (record.event_duration ?? 0) : 0,
    event_meta: isEvent ? stringMapOf(record.event_meta) : {},
    tags: record.kind === "session" ? {} : stringMapOf(record.tags),
    is_bot: hit.isBot ? 1 : 0,
    received_at: clickhouseTimeOf(record.received_at),
    kafka_topic: source.topic,
    kafka_partition: source.partition,
    kafka_offset: source.offset,
  };
}

export type EventRow = ReturnType<typeof eventRowOf>;
