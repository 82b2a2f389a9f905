import { createKafka } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { Realtime } from "@pulse/sessions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type RunningPipeline, startPipeline } from "./test-support/pipeline.js";

// End to end against the real stack: HTTP → ingest → Kafka → consumer → ClickHouse and Redis.
let p: RunningPipeline;
beforeAll(async () => {
  p = await startPipeline("e2e");
}, 120_000);
afterAll(async () => {
  await p?.stop();
});

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${p.ingestUrl}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${p.token}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await p.db.client.query({ query, query_params: { site: p.siteId, ...params }, format: "JSONEachRow" });
  return rs.json<T>();
}

const waitForRows = <T>(query: string, count: number, params: Record<string, unknown> = {}) =>
  eventually(
    () => rows<T>(query, params),
    (r) => r.length >= count,
  );

const iso = (ms: number) => new Date(ms).toISOString();

describe("the tracking pipeline (real ingest, Kafka, consumer, ClickHouse, Redis)", () => {
  it("stores a page view enriched field by field", async () => {
    const url = `https://${p.domain}/pricing/?utm_source=newsletter&utm_medium=email&utm_campaign=launch`;
    const sent = await post("/api/v1/hit", {
      url,
      ip: "81.2.69.142",
      user_agent: CHROME_WINDOWS,
      accept_language: "de-DE,de;q=0.9,en;q=0.8",
      referrer: "https://www.google.com/search?q=pulse",
      title: "Pricing",
      screen_width: 1920,
      screen_height: 1080,
      tags: { author: "John" },
    });
    expect(sent).toEqual({ status: 202, body: { accepted: 1, filtered: 0 } });
    const [row] = await waitForRows<Record<string, unknown>>(
      "SELECT * EXCEPT (id, time, received_at, session_id, session_start, visitor_id) FROM events WHERE site_id = {site:String} AND path = '/pricing'",
      1,
    );
    expect(row).toMatchObject({
      kind: "pageview",
      hostname: p.domain,
      path: "/pricing",
      title: "Pricing",
      language: "de",
      country_code: "GB",
      browser: "Chrome",
      browser_version: "120.0",
      os: "Windows",
      platform: "desktop",
      screen_class: "XL",
      referrer: "https://google.com/search",
      referrer_name: "Google",
      utm_source: "newsletter",
      utm_medium: "email",
      utm_campaign: "launch",
      channel: "Email",
      tags: { author: "John" },
      is_bot: 0,
    });
    // The IP is never stored: no column holds it.
    expect(JSON.stringify(row)).not.toContain("81.2.69.142");
  });

  it("stores custom events with metadata, and flags bots", async () => {
    const base = { url: `https://${p.domain}/signup`, ip: "8.8.8.8", user_agent: FIREFOX_LINUX };
    expect((await post("/api/v1/event", { ...base, event_name: "Signup", event_duration: 3.5, event_meta: { plan: "pro", seats: 5 } })).status).toBe(202);
    expect((await post("/api/v1/hit", { ...base, url: `https://${p.domain}/bot`, user_agent: "Googlebot/2.1 (+http://www.google.com/bot.html)" })).status).toBe(202);
    const [event] = await waitForRows<Record<string, unknown>>(
      "SELECT kind, event_name, event_duration, event_meta, browser, os, country_code FROM events WHERE site_id = {site:String} AND kind = 'event'",
      1,
    );
    expect(event).toEqual({ kind: "event", event_name: "Signup", event_duration: 3.5, event_meta: { plan: "pro", seats: "5" }, browser: "Firefox", os: "Linux", country_code: "US" });
    const [bot] = await waitForRows<{ is_bot: number }>("SELECT is_bot FROM events WHERE site_id = {site:String} AND path = '/bot'", 1);
    expect(bot!.is_bot).toBe(1);
  });

  it("builds sessions with the 30-minute rule, keep-alives, entry and exit pages, durations and bounces", async () => {
    const t0 = Date.now() - 3 * 3600_000;
    const visitor = (ip: string) => ({ ip, user_agent: FIREFOX_LINUX });
    const pageAt = (ip: string, path: string, minutes: number) => ({
      ...visitor(ip),
      url: `https://${p.domain}${path}`,
      time: iso(t0 + minutes * 60_000),
    });
    // A: /a, /b ten minutes later, then 40 minutes of nothing (new session): /c, /d.  B: one page (a bounce).
    // C: /k, kept alive every 25 minutes, then /k2 70 minutes after /k: one long session.
    const hits = [pageAt("9.9.9.1", "/a", 0), pageAt("9.9.9.1", "/b", 10), pageAt("9.9.9.1", "/c", 50), pageAt("9.9.9.1", "/d", 55), pageAt("9.9.9.2", "/x", 0), pageAt("9.9.9.3", "/k", 0), pageAt("9.9.9.3", "/k2", 70)];
    expect((await post("/api/v1/hit/batch", hits.slice(0, 6))).status).toBe(202);
    const keepAlive = (minutes: number) => ({ ...visitor("9.9.9.3"), time: iso(t0 + minutes * 60_000) });
    expect((await post("/api/v1/session/batch", [keepAlive(25), keepAlive(50)])).status).toBe(202);
    expect((await post("/api/v1/hit/batch", hits.slice(6))).status).toBe(202);

    const sessions = await eventually(
      () =>
        rows<{ entry: string; exit: string; pageviews: number; duration: number }>(
          `SELECT argMinMerge(entry_path) AS entry, argMaxMerge(exit_path) AS exit, sum(pageviews) AS pageviews,
                  toUInt32(dateDiff('second', min(session_start), max(end_time))) AS duration
           FROM sessions WHERE site_id = {site:String} AND session_start < {t1:DateTime64(3)}
           GROUP BY session_id ORDER BY entry`,
          { t1: iso(t0 + 3600_000).replace("Z", "") },
        ),
      (r) => r.length === 4 && r.find((s) => s.entry === "/k")?.exit === "/k2",
    );
    expect(sessions).toEqual([
      { entry: "/a", exit: "/b", pageviews: 2, duration: 600 },
      { entry: "/c", exit: "/d", pageviews: 2, duration: 300 },
      { entry: "/k", exit: "/k2", pageviews: 2, duration: 4200 },
      { entry: "/x", exit: "/x", pageviews: 1, duration: 0 },
    ]);
    const timeOnPage = await rows<{ previous_path: string; seconds: number }>(
      "SELECT previous_path, seconds_since_previous AS seconds FROM events WHERE site_id = {site:String} AND path IN ('/b', '/d') ORDER BY path",
    );
    expect(timeOnPage).toEqual([
      { previous_path: "/a", seconds: 600 },
      { previous_path: "/c", seconds: 300 },
    ]);
  });

  it("counts realtime visitors and their pages from Redis", async () => {
    const live = (ip: string, path: string) => ({ url: `https://${p.domain}${path}`, ip, user_agent: FIREFOX_LINUX });
    const realtime = new Realtime(p.redis);
    const before = await realtime.activeVisitors(p.siteId, 60);
    await post("/api/v1/hit/batch", [
      { ...live("7.7.7.1", "/now"), time: iso(Date.now() - 1000) },
      { ...live("7.7.7.2", "/now"), time: iso(Date.now() - 1000) },
      { ...live("7.7.7.3", "/then"), time: iso(Date.now() - 1000) },
    ]);
    const pages = await eventually(
      () => realtime.activePages(p.siteId, 60, Date.now(), 100),
      (r) => r.some((x) => x.path === "/now" && x.visitors === 2),
    );
    expect(pages.find((x) => x.path === "/then")?.visitors).toBe(1);
    expect(await realtime.activeVisitors(p.siteId, 60)).toBe(before + 3);
  });

  it("counts a retried request with the same Idempotency-Key once", async () => {
    const hit = { url: `https://${p.domain}/idem`, ip: "5.5.5.5", user_agent: FIREFOX_LINUX };
    const first = await post("/api/v1/hit", hit, { "Idempotency-Key": "order-42" });
    const second = await post("/api/v1/hit", hit, { "Idempotency-Key": "order-42" });
    expect([first.status, second.status]).toEqual([202, 202]);
    await post("/api/v1/hit", { ...hit, url: `https://${p.domain}/idem-after` });
    await waitForRows("SELECT 1 FROM events WHERE site_id = {site:String} AND path = '/idem-after'", 1);
    expect(await rows("SELECT count() AS n FROM events WHERE site_id = {site:String} AND path = '/idem'")).toEqual([{ n: 1 }]);
  });

  it("dead-letters a poison message and keeps delivering what follows", async () => {
    const kafka = createKafka({ KAFKA_BROKERS: p.env.KAFKA_BROKERS?.split(",") ?? ["127.0.0.1:9092"], KAFKA_CLIENT_ID: "it" }, createLogger("it", { level: "error" }));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: p.env.KAFKA_HITS_TOPIC!, acks: -1, messages: [{ key: "x", value: "{not json" }] });
    await producer.disconnect();
    expect((await post("/api/v1/hit", { url: `https://${p.domain}/after-poison`, ip: "6.6.6.6", user_agent: FIREFOX_LINUX })).status).toBe(202);
    await waitForRows("SELECT 1 FROM events WHERE site_id = {site:String} AND path = '/after-poison'", 1);

    const consumer = kafka.consumer({ groupId: `it-dlq-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: p.env.KAFKA_DLQ_TOPIC!, fromBeginning: true });
    const letter = await new Promise<{ value: string; reason: string }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) =>
          resolve({ value: String(message.value), reason: String(message.headers?.["x-reason"]) }),
      });
    });
    await consumer.disconnect();
    expect(letter).toEqual({ value: "{not json", reason: "not JSON" });
  }, 60_000);

  it("answers 401 for an unknown key and 403 for a beacon from another hostname", async () => {
    expect((await post("/api/v1/hit", {}, { Authorization: "Bearer pa_unknown" })).status).toBe(401);
    const beacon = await fetch(`${p.ingestUrl}/api/event`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", "User-Agent": FIREFOX_LINUX },
      body: JSON.stringify({ d: p.domain, n: "pageview", u: "https://elsewhere.test/" }),
    });
    expect(beacon.status).toBe(403);
  });

  it("loses and doubles nothing when the consumer is killed mid-stream and restarted", async () => {
    const total = 600;
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i += 50) {
        const batch = Array.from({ length: 50 }, (_, j) => ({
          url: `https://${p.domain}/kill/${i + j}`,
          ip: `10.1.${(i + j) % 200}.${(i + j) % 250}`,
          user_agent: FIREFOX_LINUX,
          time: iso(Date.now() - 1000),
        }));
        expect((await post("/api/v1/hit/batch", batch)).status).toBe(202);
      }
    };
    await send(0, 300);
    await p.stopConsumer("SIGKILL");
    await send(300, total);
    await p.startConsumer();
    const [result] = await eventually(
      () => rows<{ n: number; ids: number }>("SELECT count() AS n, uniqExact(id) AS ids FROM events WHERE site_id = {site:String} AND startsWith(path, '/kill/')"),
      (r) => r[0]!.n >= total,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const [settled] = await rows<{ n: number; ids: number; sessions: number }>(
      `SELECT count() AS n, uniqExact(id) AS ids,
        (SELECT sum(pv) FROM (
           SELECT argMinMerge(entry_path) AS entry, sum(pageviews) AS pv FROM sessions
           WHERE site_id = {site:String} GROUP BY session_id) WHERE startsWith(entry, '/kill/')) AS sessions
       FROM events WHERE site_id = {site:String} AND startsWith(path, '/kill/')`,
    );
    expect(result!.ids).toBe(total);
    expect(settled).toEqual({ n: total, ids: total, sessions: total });
  }, 120_000);
});
