import { afterAll, describe, expect, it } from "vitest";
import { SaltStore } from "./salt.js";
import { sessionKey, sessionStateOf } from "./session-state.js";
import { Sessionizer } from "./sessionizer.js";
import { roundTripCounter, testRedis } from "./test-support/redis.js";
import type { SessionInput } from "./types.js";
import { timeOfUuidv7 } from "./uuidv7.js";
import { visitorIdOf } from "./visitor-id.js";

const { redis, cleanUp } = testRedis();
afterAll(cleanUp);

const MIN = 60_000;
const T = Date.UTC(2026, 10, 24, 10, 0);
const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

function sessionizer() {
  return new Sessionizer(redis, { saltStore: new SaltStore(redis) });
}

function hit(ip: string, kind: SessionInput["kind"], time: number, path = "", siteId = "site-1"): SessionInput {
  return { siteId, ip, userAgent: UA, kind, time, path };
}

describe("Sessionizer (real Redis)", () => {
  it("follows one visitor across two batches, with gaps under and over 30 minutes", async () => {
    const s = sessionizer();
    const ip = "203.0.113.1";
    const first = await s.assign([
      hit(ip, "pageview", T, "/"),
      hit(ip, "pageview", T + 10 * MIN + 999, "/a"),
      hit(ip, "event", T + 15 * MIN, "/signup"),
    ]);
    const second = await s.assign([
      hit(ip, "pageview", T + 40 * MIN, "/b"), // 25 min after the event: same session
      hit(ip, "pageview", T + 71 * MIN, "/c"), // 31 min after the last hit: a new one
      hit(ip, "pageview", T + 72 * MIN, "/d"),
    ]);
    const [home, a, signup, b, c, d] = [...first, ...second];
    const session = home!.sessionId;
    expect(timeOfUuidv7(session)).toBe(T);
    expect(home).toMatchObject({ sessionStart: T, isNewSession: true, path: "/", previousPath: "", secondsSincePrevious: 0, pageviewsInSession: 1 });
    expect(a).toMatchObject({ sessionId: session, isNewSession: false, previousPath: "/", secondsSincePrevious: 600, pageviewsInSession: 2 });
    expect(signup).toMatchObject({ sessionId: session, path: "/signup", previousPath: "", pageviewsInSession: 2 });
    expect(b).toMatchObject({ sessionId: session, sessionStart: T, path: "/b", previousPath: "/a", secondsSincePrevious: 1799, pageviewsInSession: 3 });
    expect(c).toMatchObject({ sessionStart: T + 71 * MIN, isNewSession: true, previousPath: "", secondsSincePrevious: 0, pageviewsInSession: 1 });
    expect(c!.sessionId).not.toBe(session);
    expect(d).toMatchObject({ sessionId: c!.sessionId, previousPath: "/c", secondsSincePrevious: 60, pageviewsInSession: 2 });
    expect(new Set([...first, ...second].map((x) => x.visitorId)).size).toBe(1);

    const key = sessionKey("site-1", home!.visitorId);
    const stored = (await redis.get(key))!;
    expect(sessionStateOf(stored)).toMatchObject({ sessionId: c!.sessionId, lastPath: "/d", pageviews: 2 });
    expect(stored).not.toContain(ip);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(55 * MIN);
    expect(ttl).toBeLessThanOrEqual(60 * MIN);
  });

  it("keeps interleaved visitors apart", async () => {
    const s = sessionizer();
    const [x, y] = ["198.51.100.1", "198.51.100.2"];
    const out = await s.assign([
      hit(x, "pageview", T, "/x1"),
      hit(y, "pageview", T + MIN, "/y1"),
      hit(x, "pageview", T + 2 * MIN, "/x2"),
      hit(y, "pageview", T + 3 * MIN, "/y2"),
      hit(x, "session", T + 4 * MIN),
    ]);
    const [x1, y1, x2, y2, xKeepAlive] = out;
    expect(x1!.visitorId).not.toBe(y1!.visitorId);
    expect(x1!.sessionId).not.toBe(y1!.sessionId);
    expect(x2).toMatchObject({ sessionId: x1!.sessionId, previousPath: "/x1", secondsSincePrevious: 120, pageviewsInSession: 2 });
    expect(y2).toMatchObject({ sessionId: y1!.sessionId, previousPath: "/y1", secondsSincePrevious: 120, pageviewsInSession: 2 });
    expect(xKeepAlive).toMatchObject({ sessionId: x1!.sessionId, path: "/x2", pageviewsInSession: 2 });
  });

  it("extends a session with keep-alives past 30 minutes from the last page view, and drops one without a session", async () => {
    const s = sessionizer();
    const ip = "192.0.2.10";
    const [orphan] = await s.assign([hit(ip, "session", T - 3 * 60 * MIN)]);
    expect(orphan).toMatchObject({ sessionId: "", sessionStart: 0, isNewSession: false });
    const [page, k1, k2] = await s.assign([hit(ip, "pageview", T, "/article"), hit(ip, "session", T + 25 * MIN), hit(ip, "session", T + 50 * MIN)]);
    const [next] = await s.assign([hit(ip, "pageview", T + 70 * MIN, "/next")]);
    for (const x of [k1, k2, next]) expect(x!.sessionId).toBe(page!.sessionId);
    expect(k2).toMatchObject({ path: "/article", isNewSession: false });
    expect(next).toMatchObject({ previousPath: "/article", secondsSincePrevious: 70 * 60, pageviewsInSession: 2 });
  });

  it("continues a session across the salt rotation at UTC midnight, under the old visitor id", async () => {
    const saltStore = new SaltStore(redis);
    const s = new Sessionizer(redis, { saltStore });
    const ip = "192.0.2.77";
    const midnight = Date.UTC(2026, 10, 25);
    const [before] = await s.assign([hit(ip, "pageview", midnight - 10 * MIN, "/late")]);
    const [after] = await s.assign([hit(ip, "pageview", midnight + 10 * MIN, "/after")]);
    // Over a timeout past midnight only today's key is read: the session must have been copied there.
    const [later] = await s.assign([hit(ip, "event", midnight + 35 * MIN, "/buy")]);
    const [nextVisit] = await s.assign([hit(ip, "pageview", midnight + 3 * 60 * MIN, "/again")]);

    const salts = await saltStore.saltsFor(["2026-11-24", "2026-11-25"]);
    const yesterdaysId = visitorIdOf(salts.get("2026-11-24")!, "site-1", ip, UA);
    const todaysId = visitorIdOf(salts.get("2026-11-25")!, "site-1", ip, UA);
    expect(yesterdaysId).not.toBe(todaysId);
    expect(before!.visitorId).toBe(yesterdaysId);
    for (const x of [after, later]) {
      expect(x).toMatchObject({ visitorId: yesterdaysId, sessionId: before!.sessionId, sessionStart: midnight - 10 * MIN });
    }
    expect(after).toMatchObject({ isNewSession: false, previousPath: "/late", secondsSincePrevious: 1200, pageviewsInSession: 2 });
    expect(nextVisit).toMatchObject({ visitorId: todaysId, isNewSession: true, pageviewsInSession: 1 });
  });

  it("continues across midnight within one batch too", async () => {
    const s = sessionizer();
    const midnight = Date.UTC(2026, 10, 26);
    const out = await s.assign([
      hit("192.0.2.88", "pageview", midnight - MIN, "/1"),
      hit("192.0.2.88", "pageview", midnight + MIN, "/2"),
      hit("192.0.2.88", "pageview", midnight + 26 * MIN, "/3"),
      hit("192.0.2.88", "pageview", midnight + 51 * MIN, "/4"), // only today's key is read for this one
    ]);
    expect(new Set(out.map((x) => x.sessionId)).size).toBe(1);
    expect(new Set(out.map((x) => x.visitorId)).size).toBe(1);
    expect(out[3]!.pageviewsInSession).toBe(4);
  });

  it("returns one assignment per hit in order, and nothing for nothing", async () => {
    const s = sessionizer();
    expect(await s.assign([])).toEqual([]);
    const hits = Array.from({ length: 50 }, (_, i) => hit(`10.1.0.${i % 5}`, "pageview", T + i * 1000, `/p${i}`, "site-order"));
    const out = await s.assign(hits);
    expect(out.map((x) => x.path)).toEqual(hits.map((h) => h.path));
  });

  it("costs the same number of round trips for 1 hit as for 5,000", async () => {
    const s = sessionizer();
    await s.assign([hit("10.2.0.1", "pageview", T, "/warm", "site-rt")]); // salts now cached
    const counter = await roundTripCounter(redis);
    try {
      await s.assign([hit("10.2.0.1", "pageview", T + MIN, "/one", "site-rt")]);
      const forOne = counter.roundTrips();
      const many = Array.from({ length: 5000 }, (_, i) => hit(`10.3.${i % 1000 >> 8}.${i % 256}`, "pageview", T + 2 * MIN + i, `/p${i}`, "site-rt"));
      await s.assign(many);
      expect(forOne).toBe(2); // one MGET, one script writing back
      expect(counter.roundTrips() - forOne).toBe(forOne);
    } finally {
      counter.restore();
    }
  });
});
