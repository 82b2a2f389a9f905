import { type HitRecord, hitRecordOf } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { BatchProcessor } from "@pulse/pipeline";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import type { QueryWorld } from "./query-app.js";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/** Sends records through the real pipeline (enrich, sessionize, ClickHouse, realtime) of the world. */
export async function feedHits(world: QueryWorld, name: string, records: HitRecord[]): Promise<void> {
  const processor = new BatchProcessor(
    {
      clickhouse: world.db.client,
      sessionizer: new Sessionizer(world.redis, { saltStore: new SaltStore(world.redis) }),
      realtime: new Realtime(world.redis),
      hostnamesOf: () => [],
      deadLetter: async (letters) => {
        throw new Error(`test records were dead-lettered: ${letters.map((l) => l.reason).join("; ")}`);
      },
      logger: createLogger(name, { level: "silent" }),
    },
    `it.${name}`,
  );
  const messages = records.map((r, i) => ({ offset: String(i), value: Buffer.from(JSON.stringify(r)) }));
  await processor.process({ topic: `it.${name}`, partition: 0, messages }, { isActive: () => true, heartbeat: async () => {} });
}

export interface VisitOptions {
  site: string;
  host: string;
  /** UTC, e.g. "2026-03-10T10:00". */
  at: string;
  path: string;
  referrer?: string;
  /** Distinct visitors need distinct addresses. */
  ip?: string;
  chrome?: boolean;
  title?: string;
  tags?: Record<string, string>;
}

/** A page view, with the optional fields only when given. */
export function pageview(o: VisitOptions): HitRecord {
  const time = Date.parse(`${o.at}:00Z`);
  const body = {
    url: `https://${o.host}${o.path}`,
    ip: o.ip ?? "81.2.69.142",
    user_agent: o.chrome ? CHROME : FIREFOX,
    ...(o.referrer === undefined ? {} : { referrer: o.referrer }),
    ...(o.title === undefined ? {} : { title: o.title }),
    ...(o.tags === undefined ? {} : { tags: o.tags }),
  };
  return hitRecordOf("pageview", body, { siteId: o.site, time, receivedAt: time });
}

/** A custom event with metadata. */
export function event(o: VisitOptions & { name: string; meta?: Record<string, string | number> }): HitRecord {
  const time = Date.parse(`${o.at}:00Z`);
  const body = { url: `https://${o.host}${o.path}`, ip: o.ip ?? "81.2.69.142", user_agent: o.chrome ? CHROME : FIREFOX, event_name: o.name, event_meta: o.meta ?? {} };
  return hitRecordOf("event", body, { siteId: o.site, time, receivedAt: time });
}
