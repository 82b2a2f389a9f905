import {
  eventBatchBody,
  eventBody,
  type HitKind,
  hitBatchBody,
  hitBody,
  sessionBatchBody,
  sessionBody,
} from "@pulse/hits";
import { jsonBodyOf } from "@pulse/service";
import { type Context, Hono } from "hono";
import type { z } from "zod";
import { type AcceptDeps, type Item, accept } from "../accept.js";
import type { SiteDirectory } from "../ports.js";

/** The bearer token of a request, from `Authorization: Bearer <token>` (or a bare token). */
function tokenOf(c: Context): string | undefined {
  const header = c.req.header("authorization")?.trim();
  if (!header) return undefined;
  return header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : header;
}

interface Endpoint {
  path: string;
  kind: HitKind;
  single: z.ZodType<Item>;
  batch: z.ZodType<Item[]>;
}

const ENDPOINTS: Endpoint[] = [
  { path: "hit", kind: "pageview", single: hitBody, batch: hitBatchBody },
  { path: "event", kind: "event", single: eventBody, batch: eventBatchBody },
  { path: "session", kind: "session", single: sessionBody, batch: sessionBatchBody },
];

const SCOPE = { pageview: "hit", event: "event", session: "session" } as const;

/**
 * The hostname of the first page that lies on another site's domain, if any. The key decides the
 * site, but a page view or event names one too, by its page: a key may send for its own site only,
 * so a page on a domain another site claims (of this account or any other) is refused. Hostnames no
 * site claims are taken: a server often sees its pages under internal names. Parsed with URL, as the
 * consumer and the beacon do, so no spelling of a URL reaches another hostname than the one checked.
 */
function foreignHostnameOf(items: Item[], siteId: string, sites: SiteDirectory): string | undefined {
  let checked: string | undefined;
  for (const item of items) {
    if (item.url === undefined) continue;
    const hostname = new URL(item.url).hostname;
    // Batches mostly repeat one hostname: look each run of it up once.
    if (hostname === checked) continue;
    const owner = sites.siteIdOfDomain(hostname);
    if (owner !== undefined && owner !== siteId) return hostname;
    checked = hostname;
  }
  return undefined;
}

const foreignPage = (c: Context, hostname: string) =>
  c.json({ error: `Page hostname ${hostname} belongs to another site: a key sends hits for its own site only` }, 403);

/** Pirsch's server-side tracking endpoints: `/api/v1/{hit,event,session}` and their `/batch` forms. */
export function serverSideRoutes(deps: AcceptDeps): Hono {
  const app = new Hono();
  for (const endpoint of ENDPOINTS) {
    const siteOf = async (c: Context) => {
      const token = tokenOf(c);
      if (!token) return { response: c.json({ error: "Missing access key: send Authorization: Bearer <key>" }, 401) };
      const access = await deps.sites.writeAccessOf(token, SCOPE[endpoint.kind]);
      if (!access.ok) return { response: c.json({ error: access.error }, access.status) };
      return { siteId: access.siteId };
    };
    app.post(`/api/v1/${endpoint.path}`, async (c) => {
      const site = await siteOf(c);
      if (site.response) return site.response;
      const item = await jsonBodyOf(c, endpoint.single);
      const foreign = foreignHostnameOf([item], site.siteId, deps.sites);
      if (foreign !== undefined) return foreignPage(c, foreign);
      return accept(c, endpoint.kind, [item], site.siteId, deps);
    });
    app.post(`/api/v1/${endpoint.path}/batch`, async (c) => {
      const site = await siteOf(c);
      if (site.response) return site.response;
      const items = await jsonBodyOf(c, endpoint.batch);
      // One foreign page refuses the whole batch, as one invalid item does.
      const foreign = foreignHostnameOf(items, site.siteId, deps.sites);
      if (foreign !== undefined) return foreignPage(c, foreign);
      return accept(c, endpoint.kind, items, site.siteId, deps);
    });
  }
  return app;
}
