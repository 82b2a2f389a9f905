import type { Context } from "hono";
import { z } from "zod";

/** A link element of every Kissmetrics body; `templated` marks RFC 6570 URI templates. */
export const link = z.object({ templated: z.boolean(), href: z.string(), rel: z.string(), name: z.string() });
export type Link = z.infer<typeof link>;

export function linkOf(href: string, rel: string, name: string, templated = false): Link {
  return { templated, href, rel, name };
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The request's URL as the client sent it: behind a TLS-terminating proxy the service sees http and
 * an inner host, so X-Forwarded-Proto and X-Forwarded-Host (first value, if well-formed) win.
 */
export function requestUrlOf(c: Context): URL {
  const url = new URL(c.req.url);
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
  // Rebuilt rather than assigned: URL's host setter keeps the inner port when the new host has none.
  const protocol = proto === "http" || proto === "https" ? `${proto}:` : url.protocol;
  return new URL(`${protocol}//${host !== undefined && HOST.test(host) ? host : url.host}${url.pathname}${url.search}`);
}

/** Builds absolute hrefs under the origin the client used; path segments are escaped. */
export class Hrefs {
  constructor(readonly origin: string) {}

  static of(c: Context): Hrefs {
    return new Hrefs(requestUrlOf(c).origin);
  }

  core(...segments: string[]): string {
    return [`${this.origin}/core`, ...segments.map(encodeURIComponent)].join("/");
  }

  metricQuery(metricId: string, kind: "over-time" | "by-segment"): string {
    return `${this.origin}/query/metrics/${encodeURIComponent(metricId)}/${kind}`;
  }
}

/**
 * The URL of this request for a link: a ?token= credential is not copied into bodies (it would end
 * up in logs and caches of whoever follows them); every other parameter is kept.
 */
export function selfUrlOf(c: Context): URL {
  const url = requestUrlOf(c);
  url.searchParams.delete("token");
  return url;
}
