import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

// The tracker script run against a minimal page: just the browser APIs it touches, recorded.
const SCRIPT = readFileSync(new URL("../tracker/script.js", import.meta.url), "utf8");

function page(url: string, attributes: Record<string, string> = {}) {
  const beacons: Record<string, unknown>[] = [];
  const listeners: Record<string, (() => void)[]> = {};
  const intervals: { fn: () => void; ms: number }[] = [];
  const location = new URL(url);
  const attrs: Record<string, string> = { src: "https://analytics.example.com/js/script.js", ...attributes };
  const window: Record<string, unknown> = {};
  const context = {
    window,
    document: {
      currentScript: { src: attrs.src, getAttribute: (n: string) => attrs[n] ?? null, hasAttribute: (n: string) => n in attrs },
      referrer: "https://google.com/",
      title: "Home",
      visibilityState: "visible",
      addEventListener: () => {},
      removeEventListener: () => {},
    },
    location,
    history: {
      pushState(_state: unknown, _title: string, next: string) {
        const target = new URL(next, location.href);
        location.pathname = target.pathname;
        location.search = target.search;
        location.href = target.href;
      },
    },
    screen: { width: 1440, height: 900 },
    navigator: {
      sendBeacon: (endpoint: string, blob: Blob) => {
        void blob.text().then((text) => beacons.push({ endpoint, ...JSON.parse(text) }));
        return true;
      },
    },
    localStorage: { getItem: () => null },
    setInterval: (fn: () => void, ms: number) => intervals.push({ fn, ms }),
    fetch: () => Promise.resolve(),
    Blob,
    URL,
    JSON,
    Number,
  };
  window.addEventListener = (type: string, fn: () => void) => {
    listeners[type] = [...(listeners[type] ?? []), fn];
  };
  Object.assign(context, { addEventListener: window.addEventListener });
  runInNewContext(SCRIPT, context);
  const settled = () => new Promise((r) => setTimeout(r, 10));
  return { beacons, listeners, intervals, context, window, settled };
}

describe("tracker script", () => {
  it("sends a page view on load to the platform's beacon endpoint, with domain, URL, referrer and screen", async () => {
    const p = page("https://example.com/pricing?x=1", { "data-domain": "example.com" });
    await p.settled();
    expect(p.beacons).toEqual([
      {
        endpoint: "https://analytics.example.com/api/event",
        d: "example.com",
        n: "pageview",
        u: "https://example.com/pricing?x=1",
        r: "https://google.com/",
        t: "Home",
        w: 1440,
        h: 900,
      },
    ]);
  });

  it("counts single-page-app navigation once per new page, and back/forward", async () => {
    const p = page("https://example.com/", { "data-domain": "example.com" });
    const history = p.context.history as { pushState: (s: unknown, t: string, u: string) => void };
    history.pushState({}, "", "/a");
    history.pushState({}, "", "/a");
    history.pushState({}, "", "/b");
    (p.context.location as URL).pathname = "/a";
    for (const fn of p.listeners.popstate ?? []) fn();
    await p.settled();
    expect(p.beacons.map((b) => new URL(b.u as string).pathname)).toEqual(["/", "/a", "/b", "/a"]);
  });

  it("sends custom events with metadata through window.pulse", async () => {
    const p = page("https://example.com/", { "data-domain": "example.com" });
    (p.window.pulse as (n: string, o: object) => void)("Signup", { meta: { plan: "pro" }, duration: 3 });
    await p.settled();
    expect(p.beacons[1]).toMatchObject({ n: "event", e: "Signup", m: { plan: "pro" }, du: 3 });
  });

  it("keeps the session alive on the configured interval while visible", async () => {
    const p = page("https://example.com/", { "data-domain": "example.com", "data-keepalive": "60" });
    expect(p.intervals.map((i) => i.ms)).toEqual([60_000]);
    p.intervals[0]!.fn();
    await p.settled();
    expect(p.beacons.map((b) => b.n)).toEqual(["pageview", "session"]);
  });

  it("stays silent on localhost unless data-dev is set", async () => {
    const quiet = page("http://localhost:3000/", { "data-domain": "example.com" });
    await quiet.settled();
    expect(quiet.beacons).toEqual([]);
    const dev = page("http://localhost:3000/", { "data-domain": "example.com", "data-dev": "" });
    await dev.settled();
    expect(dev.beacons).toHaveLength(1);
  });
});
