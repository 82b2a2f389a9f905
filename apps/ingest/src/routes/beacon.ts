import { readFileSync } from "node:fs";
import { getConnInfo } from "@hono/node-server/conninfo";
import { eventBody, type HitKind, hitBody, LIMITS, sessionBody } from "@pulse/hits";
import { fieldProblemsOf, jsonBodyOf, ValidationError } from "@pulse/service";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import { type AcceptDeps, accept } from "../accept.js";
import { limitBody } from "../body-limit.js";
import { clientIpOf } from "../client-ip.js";
import type { BeaconLimiter } from "../ports.js";

const TRACKER = readFileSync(new URL("../../tracker/script.js", import.meta.url), "utf8");

/** What the tracker script sends: short keys keep beacons small. Compiled, as the wire schemas are (see @pulse/hits). */
const beaconBody = z.compile(
  z.object({
    d: z.string().min(1).max(253),
    n: z.enum(["pageview", "event", "session"]),
    u: z.string().max(LIMITS.urlLength),
    r: z.string().max(LIMITS.referrerLength).optional(),
    t: z.string().max(LIMITS.titleLength).optional(),
    w: z.number().int().min(0).max(100_000).optional(),
    h: z.number().int().min(0).max(100_000).optional(),
    e: z.string().optional(),
    m: z.record(z.string(), z.unknown()).optional(),
    du: z.number().optional(),
    g: z.record(z.string(), z.string()).optional(),
  }),
);

const KIND = { pageview: "pageview", event: "event", session: "session" } as const satisfies Record<string, HitKind>;
const SCHEMA = { pageview: hitBody, event: eventBody, session: sessionBody };

export interface BeaconOptions {
  trustedProxyHeaders: string[];
  /** Body limit of `/api/event` (default LIMITS.beaconBodyBytes); the server-side routes keep LIMITS.bodyBytes. */
  beaconBodyBytes?: number;
  /** Beacons a minute per client address (INGEST_BEACON_RATE_LIMIT_PER_MINUTE); absent: no limit. */
  limiter?: BeaconLimiter;
}

/** The visitor's address: a trusted proxy header's, else the socket's (absent in app.request tests). */
function clientAddressOf(c: Context, trustedProxyHeaders: string[]): string | undefined {
  let socketIp: string | undefined;
  try {
    socketIp = getConnInfo(c).remote.address;
  } catch {
    socketIp = undefined;
  }
  return clientIpOf(c.req.raw.headers, socketIp, trustedProxyHeaders);
}

/**
 * The browser path: the tracker script and its beacon endpoint. The client's IP and headers come from
 * the request itself; the site is named by domain and the page must be on one of the site's hostnames.
 */
export function beaconRoutes(deps: AcceptDeps, options: BeaconOptions): Hono {
  const app = new Hono();
  app.get("/js/script.js", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(TRACKER, 200, { "Content-Type": "application/javascript; charset=utf-8" });
  });
  app.use("/api/event", cors({ origin: "*", allowMethods: ["POST"], maxAge: 86_400 }));
  // Anyone may post here without a key, and the JSON is parsed before anything else is known: a
  // hostile 2 MiB body (deep or wide) cost 150-300 ms of CPU. A real beacon is a few hundred bytes.
  const maxBytes = options.beaconBodyBytes ?? LIMITS.beaconBodyBytes;
  app.use("/api/event", limitBody(maxBytes, (c) => c.json({ error: `Beacon body exceeds ${maxBytes} bytes` }, 413)));
  const limiter = options.limiter;
  if (limiter) {
    // Before the body is parsed: what a flood costs is counting it.
    app.use("/api/event", async (c, next) => {
      if (c.req.method !== "POST") return next();
      const ip = clientAddressOf(c, options.trustedProxyHeaders);
      const verdict = ip === undefined ? { ok: true as const } : await limiter.check(ip);
      if (verdict.ok) return next();
      c.header("Retry-After", String(verdict.retryAfterSeconds));
      return c.json({ error: `Rate limit of ${limiter.perMinute} beacons a minute per address exceeded; retry in ${verdict.retryAfterSeconds} s` }, 429);
    });
  }
  app.post("/api/event", async (c) => {
    const beacon = await jsonBodyOf(c, beaconBody);
    const siteId = deps.sites.siteIdOfDomain(beacon.d);
    if (!siteId) return c.json({ error: `Unknown site domain: ${beacon.d}` }, 404);
    let hostname: string;
    try {
      hostname = new URL(beacon.u).hostname;
    } catch {
      throw new ValidationError("Invalid request body", [{ field: "u", message: "must be an absolute URL" }]);
    }
    if (!deps.sites.servesHostname(siteId, hostname)) {
      return c.json({ error: `Page hostname ${hostname} does not belong to site ${beacon.d}` }, 403);
    }
    const header = (name: string) => c.req.header(name) || undefined;
    const wire = {
      ip: clientAddressOf(c, options.trustedProxyHeaders),
      user_agent: header("user-agent"),
      accept_language: header("accept-language"),
      sec_ch_ua: header("sec-ch-ua"),
      sec_ch_ua_mobile: header("sec-ch-ua-mobile"),
      sec_ch_ua_platform: header("sec-ch-ua-platform"),
      sec_ch_ua_platform_version: header("sec-ch-ua-platform-version"),
      sec_ch_ua_full_version_list: header("sec-ch-ua-full-version-list"),
      sec_ch_width: header("sec-ch-width"),
      sec_ch_viewport_width: header("sec-ch-viewport-width"),
      url: beacon.u,
      title: beacon.t,
      referrer: beacon.r,
      screen_width: beacon.w,
      screen_height: beacon.h,
      tags: beacon.g,
      event_name: beacon.e,
      event_duration: beacon.du,
      event_meta: beacon.m,
    };
    const parsed = SCHEMA[beacon.n].safeParse(wire);
    if (!parsed.success) throw new ValidationError("Invalid beacon", fieldProblemsOf(parsed.error));
    return accept(c, KIND[beacon.n], [parsed.data], siteId, deps);
  });
  return app;
}
