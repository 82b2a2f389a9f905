export type HitKind = "pageview" | "event" | "session";

export interface SessionInput {
  siteId: string;
  /** Hashed into the visitor id, never stored. */
  ip: string;
  userAgent: string;
  /** Event time, epoch ms: sessions follow when things happened, not when they were consumed. */
  time: number;
  /** "session" is a keep-alive: it has no URL of its own. */
  kind: HitKind;
  path: string;
}

export interface SessionAssignment {
  /** Unsigned 64-bit integer in decimal (ClickHouse UInt64). */
  visitorId: string;
  /** UUIDv7 of the session's first hit; "" for a keep-alive without a live session: drop that hit. */
  sessionId: string;
  /** Epoch ms of the session's first hit; 0 when sessionId is "". */
  sessionStart: number;
  isNewSession: boolean;
  /** The hit's path; for a keep-alive, the session's last page path. */
  path: string;
  /** For a pageview: the previous page of this session; "" for the first (or when not known). */
  previousPath: string;
  /** For a pageview: whole seconds since the previous pageview of this session; 0 for the first. */
  secondsSincePrevious: number;
  /** Page views in the session so far, this hit included. */
  pageviewsInSession: number;
}

/** What is kept in Redis per visitor key; never the IP or user agent. */
export interface SessionState {
  /** The visitor id the session started under: it outlives the daily salt rotation. */
  visitorId: string;
  sessionId: string;
  start: number;
  lastSeen: number;
  /** Path of the last page view; "" until the session has one. */
  lastPath: string;
  lastPageviewTime: number | null;
  pageviews: number;
}
