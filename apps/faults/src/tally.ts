import type { SentEvent } from "./driver.js";
import type { Stored, StoredEvent } from "./stored.js";

/** The figures every scenario prints; `lost`, `duplicated` and `storedThoughRefused` must be 0. */
export interface Figures {
  sent: number;
  acknowledged: number;
  refused: number;
  unanswered: number;
  /** Events of the stream found in `events` (each counted once). */
  stored: number;
  /** Rows beyond the first for an event. */
  duplicated: number;
  /** Acknowledged events not in `events`. */
  lost: number;
  /** Refused events that are in `events` anyway. */
  storedThoughRefused: number;
  /** Unanswered events that were stored (allowed, at most once). */
  unansweredStored: number;
  /** Rows of the site that no event of the stream explains. */
  foreign: number;
}

export function figuresOf(sent: readonly SentEvent[], rows: readonly StoredEvent[]): Figures {
  const copies = new Map<string, number>();
  for (const row of rows) copies.set(row.path, (copies.get(row.path) ?? 0) + 1);
  const figures: Figures = {
    sent: sent.length,
    acknowledged: 0,
    refused: 0,
    unanswered: 0,
    stored: 0,
    duplicated: 0,
    lost: 0,
    storedThoughRefused: 0,
    unansweredStored: 0,
    foreign: rows.length,
  };
  for (const event of sent) {
    const n = copies.get(event.path) ?? 0;
    figures.foreign -= n;
    if (n > 0) figures.stored++;
    if (n > 1) figures.duplicated += n - 1;
    if (event.outcome === "acked") {
      figures.acknowledged++;
      if (n === 0) figures.lost++;
    } else if (event.outcome === "refused") {
      figures.refused++;
      if (n > 0) figures.storedThoughRefused++;
    } else {
      figures.unanswered++;
      if (n > 0) figures.unansweredStored++;
    }
  }
  return figures;
}

/**
 * Where a view target disagrees with the `events` rows it is fed from: each session's page views,
 * events, entry and exit page and end, and each partition's written-offset mark. A row counted twice
 * or missed by a view shows up here even when `events` itself is right.
 */
export function viewProblemsOf({ events, sessions, progress }: Stored): string[] {
  const problems: string[] = [];
  const expected = new Map<string, { pageviews: number; events: number; first: StoredEvent; last: StoredEvent }>();
  for (const row of events) {
    const session = expected.get(row.session_id);
    if (!session) {
      expected.set(row.session_id, {
        pageviews: row.kind === "pageview" ? 1 : 0,
        events: row.kind === "event" ? 1 : 0,
        first: row,
        last: row,
      });
      continue;
    }
    if (row.kind === "pageview") session.pageviews++;
    if (row.kind === "event") session.events++;
    if (row.time < session.first.time) session.first = row;
    if (row.time > session.last.time) session.last = row;
  }
  for (const s of sessions) {
    const want = expected.get(s.session_id);
    if (!want) {
      problems.push(`sessions: ${s.session_id} has no events`);
      continue;
    }
    expected.delete(s.session_id);
    const got = {
      pageviews: Number(s.pageviews),
      events: Number(s.events),
      entry: s.entry_path,
      exit: s.exit_path,
      end: Number(s.end_time),
      starts: Number(s.starts),
    };
    const should = {
      pageviews: want.pageviews,
      events: want.events,
      entry: want.first.path,
      exit: want.last.path,
      end: want.last.time,
      starts: 1,
    };
    for (const key of Object.keys(should) as (keyof typeof should)[]) {
      if (got[key] !== should[key]) problems.push(`sessions: ${s.session_id} ${key} ${got[key]}, events say ${should[key]}`);
    }
  }
  for (const id of expected.keys()) problems.push(`sessions: ${id} is missing`);

  const highest = new Map<number, bigint>();
  for (const row of events) {
    const offset = BigInt(row.kafka_offset);
    if (offset > (highest.get(row.kafka_partition) ?? -1n)) highest.set(row.kafka_partition, offset);
  }
  const marks = new Map(progress.map((p) => [Number(p.kafka_partition), BigInt(p.last_offset)]));
  for (const [partition, offset] of highest) {
    const mark = marks.get(partition);
    if (mark !== offset) problems.push(`ingest_progress: partition ${partition} marks ${mark ?? "nothing"}, events reach ${offset}`);
  }
  return problems;
}

export interface SessionModel {
  /** How many sessions a visitor may have: 1 when nothing disturbs sessionization. */
  maxSessionsPerVisitor: number;
  /** Whether a visitor may be given a new visitor id mid-stream. */
  visitorIdMayChange: boolean;
}

/**
 * Compares sessionization with what the same stream gives without a fault (the baseline scenario
 * checks that): every visitor of the stream is one visitor id and one session, since their hits are
 * seconds apart. A fault may be allowed to split a visitor's session (Redis lost its state), but the
 * pieces must follow each other in time, never interleave.
 */
export function sessionModelProblemsOf(sent: readonly SentEvent[], rows: readonly StoredEvent[], model: SessionModel): string[] {
  const visitorOf = new Map(sent.map((e) => [e.path, e.visitor]));
  const byVisitor = new Map<number, StoredEvent[]>();
  for (const row of rows) {
    const visitor = visitorOf.get(row.path);
    if (visitor === undefined) continue;
    byVisitor.set(visitor, [...(byVisitor.get(visitor) ?? []), row]);
  }
  const problems: string[] = [];
  const ownerOfId = new Map<string, number>();
  for (const [visitor, visits] of byVisitor) {
    visits.sort((a, b) => a.time - b.time);
    const ids = new Set(visits.map((r) => r.visitor_id));
    if (ids.size > 1 && !model.visitorIdMayChange) problems.push(`visitor ${visitor} has ${ids.size} visitor ids`);
    for (const id of ids) {
      const owner = ownerOfId.get(id);
      if (owner !== undefined && owner !== visitor) problems.push(`visitors ${owner} and ${visitor} share visitor id ${id}`);
      ownerOfId.set(id, visitor);
    }
    const runs = visits.filter((r, i) => i === 0 || r.session_id !== visits[i - 1]!.session_id).map((r) => r.session_id);
    const sessions = new Set(runs);
    if (sessions.size > model.maxSessionsPerVisitor) problems.push(`visitor ${visitor} has ${sessions.size} sessions`);
    if (runs.length !== sessions.size) problems.push(`visitor ${visitor}'s sessions interleave in time`);
  }
  return problems;
}

/** Distinct sessions and visitors of the stream found in `events`. */
export function sessionCountsOf(sent: readonly SentEvent[], rows: readonly StoredEvent[]) {
  const ours = new Set(sent.map((e) => e.path));
  const visitorOf = new Map(sent.map((e) => [e.path, e.visitor]));
  const mine = rows.filter((r) => ours.has(r.path));
  return {
    sessions: new Set(mine.map((r) => r.session_id)).size,
    visitors: new Set(mine.map((r) => visitorOf.get(r.path))).size,
  };
}

/**
 * Where the copies of duplicated events came from: the same Kafka offset twice means the consumer
 * wrote one message twice; different offsets mean the message was produced twice.
 */
export function duplicatesOf(rows: readonly StoredEvent[], limit = 5): string[] {
  const places = new Map<string, string[]>();
  for (const row of rows) places.set(row.path, [...(places.get(row.path) ?? []), `${row.kafka_partition}:${row.kafka_offset}`]);
  return [...places]
    .filter(([, at]) => at.length > 1)
    .slice(0, limit)
    .map(([path, at]) => `${path} at partition:offset ${at.join(", ")}`);
}
