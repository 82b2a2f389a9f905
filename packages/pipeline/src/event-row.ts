import type { EnrichedHit } from "@pulse/enrichment";
import type { HitRecord } from "@pulse/hits";
import type { SessionAssignment } from "@pulse/sessions";

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

/** Map values are strings in ClickHouse; event metadata may also hold numbers and booleans. */
function stringMapOf(record: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (record) for (const key in record) out[key] = String(record[key]);
  return out;
}

const NO_MAP: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** One row of the `events` table (column names as in migrations/0001_events.sql); times in epoch ms. */
export function eventRowOf(
  record: HitRecord,
  enriched: EnrichedHit | SessionDimensions,
  session: SessionAssignment,
  source: Source,
) {
  // A keep-alive's dimensions have no page fields: those columns stay empty.
  const page = enriched as Partial<EnrichedHit> & SessionDimensions;
  const isEvent = record.kind === "event";
  return {
    site_id: record.site_id,
    time: record.time,
    id: record.id,
    kind: record.kind,
    visitor_id: session.visitorId,
    session_id: session.sessionId,
    session_start: session.sessionStart,
    hostname: page.hostname ?? "",
    // A keep-alive has no page of its own: it carries the session's current page so exit pages stay right.
    path: record.kind === "session" ? session.path : (page.path ?? ""),
    title: page.title ?? "",
    previous_path: record.kind === "pageview" ? session.previousPath : "",
    seconds_since_previous: record.kind === "pageview" ? session.secondsSincePrevious : 0,
    referrer: page.referrer ?? "",
    referrer_name: page.referrerName ?? "",
    channel: page.channel ?? "",
    utm_source: page.utmSource ?? "",
    utm_medium: page.utmMedium ?? "",
    utm_campaign: page.utmCampaign ?? "",
    utm_content: page.utmContent ?? "",
    utm_term: page.utmTerm ?? "",
    language: page.language,
    country_code: page.countryCode,
    region: page.region,
    city: page.city,
    browser: page.browser,
    browser_version: page.browserVersion,
    os: page.os,
    os_version: page.osVersion,
    platform: page.platform,
    screen_class: page.screenClass ?? "",
    event_name: isEvent ? record.event_name : "",
    event_duration: isEvent ? (record.event_duration ?? 0) : 0,
    event_meta: isEvent && record.event_meta ? stringMapOf(record.event_meta) : NO_MAP,
    tags: record.kind !== "session" && record.tags ? stringMapOf(record.tags) : NO_MAP,
    is_bot: page.isBot ? 1 : 0,
    received_at: record.received_at,
    kafka_topic: source.topic,
    kafka_partition: source.partition,
    kafka_offset: source.offset,
  };
}

export type EventRow = ReturnType<typeof eventRowOf>;
