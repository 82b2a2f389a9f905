import type { ClickHouseClient } from "@pulse/clickhouse";
import { type HitRecord, hitRecordOf } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { BatchProcessor, type KafkaBatch } from "@pulse/pipeline";
import type { Redis } from "@pulse/redis";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import { AUTHORS, KEEP_ALIVE, PEOPLE, type Person, type Session, SITES, TITLES } from "./fixture.js";

const TOPIC = "it.stats";

function personOf(session: Session): Person {
  return typeof session.who === "string" ? PEOPLE[session.who] : session.who;
}

/** The records ingest would have put on Kafka for a session, in time order. */
export function recordsOf(session: Session): HitRecord[] {
  const person = personOf(session);
  const client = {
    ip: person.ip,
    user_agent: person.userAgent,
    ...(person.acceptLanguage ? { accept_language: person.acceptLanguage } : {}),
  };
  const start = Date.parse(session.start);
  return session.hits.map((hit, i) => {
    const time = start + hit[0] * 1000;
    const context = { siteId: session.site, time, receivedAt: time };
    if (hit[1] === KEEP_ALIVE) return hitRecordOf("session", client, context);
    const path = hit[1];
    const query = i === 0 && session.landingQuery ? `?${session.landingQuery}` : "";
    const page = {
      ...client,
      url: `https://${SITES[session.site].hostname}${path}${query}`,
      title: TITLES[path] ?? "",
      ...(i === 0 && session.referrer ? { referrer: session.referrer } : {}),
      ...(person.screenWidth ? { screen_width: person.screenWidth } : {}),
    };
    const event = hit[2];
    if (event === undefined) {
      const author = AUTHORS[path];
      return hitRecordOf("pageview", { ...page, ...(author ? { tags: { author } } : {}) }, context);
    }
    return hitRecordOf(
      "event",
      { ...page, event_name: event.event, ...(event.meta ? { event_meta: event.meta } : {}), ...(event.duration ? { event_duration: event.duration } : {}) },
      context,
    );
  });
}

/**
 * Feeds sessions through the real consumer pipeline (enrich, sessionize in Redis, insert into
 * ClickHouse, realtime counters) in time order, in small batches: a session's rows then land in
 * several inserts, so the sessions table holds partial states, as it does before merges.
 */
export async function ingest(clickhouse: ClickHouseClient, redis: Redis, sessions: readonly Session[], batchSize = 25): Promise<void> {
  const records = sessions.flatMap(recordsOf).sort((a, b) => a.time - b.time);
  const hostnames = new Map<string, string[]>(Object.entries(SITES).map(([site, { hostname }]) => [site, [hostname]]));
  const processor = new BatchProcessor(
    {
      clickhouse,
      sessionizer: new Sessionizer(redis, { saltStore: new SaltStore(redis) }),
      realtime: new Realtime(redis),
      hostnamesOf: (site) => hostnames.get(site) ?? [],
      deadLetter: async (letters) => {
        throw new Error(`fixture record refused: ${letters.map((l) => l.reason).join("; ")}`);
      },
      logger: createLogger("stats-it", { level: "silent" }),
      retry: { initialMs: 10, maxMs: 50 },
    },
    TOPIC,
  );
  const control = { isActive: () => true, heartbeat: async () => {} };
  for (let first = 0; first < records.length; first += batchSize) {
    const batch: KafkaBatch = {
      topic: TOPIC,
      partition: 0,
      messages: records.slice(first, first + batchSize).map((record, i) => ({
        offset: String(first + i),
        value: Buffer.from(JSON.stringify(record)),
      })),
    };
    const outcome = await processor.process(batch, control);
    if (outcome.deadLettered > 0 || outcome.lastOffset === undefined) throw new Error(`batch at ${first} was not written`);
  }
}
