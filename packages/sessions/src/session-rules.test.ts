import { describe, expect, it } from "vitest";
import { nextSession } from "./session-rules.js";
import type { SessionInput, SessionState } from "./types.js";

const TIMEOUT = 30 * 60_000;
const T = Date.UTC(2026, 10, 24, 10);
const MIN = 60_000;

function hit(kind: SessionInput["kind"], minutes: number, path = "/"): SessionInput {
  return { siteId: "s", ip: "ip", userAgent: "ua", kind, time: T + minutes * MIN, path };
}

/** Runs hits through the rules in order, as the sessionizer does for one visitor key. */
function run(hits: SessionInput[], start?: SessionState) {
  let state = start;
  return hits.map((h) => {
    const step = nextSession(state, h, "42", TIMEOUT);
    state = step.state;
    return { ...step.assignment, state };
  });
}

describe("nextSession", () => {
  it("drops a keep-alive without a live session and keeps no state", () => {
    const [a] = run([hit("session", 0)]);
    expect(a).toMatchObject({ sessionId: "", sessionStart: 0, isNewSession: false, visitorId: "42", state: undefined });
  });

  it("lets an event start a session without a page, and not change the last page", () => {
    const [event, page, event2, keepAlive] = run([hit("event", 0, "/e"), hit("pageview", 1, "/a"), hit("event", 2, "/e2"), hit("session", 3, "")]);
    expect(event).toMatchObject({ isNewSession: true, path: "/e", pageviewsInSession: 0 });
    expect(page).toMatchObject({ isNewSession: false, previousPath: "", secondsSincePrevious: 0, pageviewsInSession: 1 });
    expect(event2).toMatchObject({ path: "/e2", pageviewsInSession: 1, previousPath: "" });
    expect(keepAlive).toMatchObject({ path: "/a", sessionId: event!.sessionId });
    expect(keepAlive!.state?.lastSeen).toBe(T + 3 * MIN);
  });

  it("continues at exactly the timeout and starts anew just past it", () => {
    const [, atTimeout, past] = run([hit("pageview", 0), { ...hit("pageview", 30), time: T + TIMEOUT }, { ...hit("pageview", 0), time: T + 2 * TIMEOUT + 1 }]);
    expect(atTimeout!.isNewSession).toBe(false);
    expect(past!.isNewSession).toBe(true);
  });

  it("attributes a late hit within the session without moving last seen or the last page back", () => {
    const [first, second, late] = run([hit("pageview", 0, "/a"), hit("pageview", 20, "/b"), hit("pageview", 10, "/late")]);
    expect(late).toMatchObject({ sessionId: first!.sessionId, previousPath: "", secondsSincePrevious: 0, pageviewsInSession: 3 });
    expect(late!.state).toMatchObject({ lastSeen: second!.state!.lastSeen, lastPath: "/b", pageviews: 3 });
  });

  it("gives a hit from before the current visit a session of its own without replacing the current one", () => {
    const [current, old] = run([hit("pageview", 120, "/now"), hit("pageview", 0, "/old")]);
    expect(old).toMatchObject({ isNewSession: true, sessionStart: T, pageviewsInSession: 1 });
    expect(old!.sessionId).not.toBe(current!.sessionId);
    expect(old!.state).toBe(current!.state);
  });
});
