import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import { ConflictError, NotFoundError, type Site } from "@pulse/metadata";
import { ValidationError } from "@pulse/service";
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { READ_DOMAINS, requireAnyScope, statsSite } from "../access.js";
import type { KindmetricsDeps } from "../deps.js";
import { bareAddressOf, domainCreate, domainCreateOf } from "../domain-input.js";
import { answer } from "../errors.js";
import { statsParams } from "../params.js";
import { DOMAIN, DOMAINS, TAG } from "../paths.js";
import { domainListItemOf, domainStatsOf } from "../shape/domain.js";
import { baseQueryOf } from "../stats-query.js";

const byCreation = (a: Site, b: Site) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/** Our store's field names in its validation errors, as Kindmetrics' params. */
const PARAM_OF: Record<string, string> = { domain: "address", timezone: "time_zone" };

/** GET /api/domains, POST /api/domains and GET /api/domains/:id. */
export function domainRoutes(app: Hono<AuthEnv>, deps: KindmetricsDeps, baseUrlOf: (c: Context) => string): void {
  const { store, cache, engine, sites, registry } = deps;

  route(app, registry, { method: "get", path: DOMAINS, summary: "Your domains: id and address", tag: TAG, scope: "domains:read" }, async (c) => {
    const key = c.get("key");
    requireAnyScope(key, READ_DOMAINS);
    const all = await store.listSites({ account_id: key.account_id });
    // A key limited to one site sees only that one, as everywhere else.
    const visible = key.site_id === "" ? all : all.filter((site) => site.id === key.site_id);
    return c.json(visible.sort(byCreation).map(domainListItemOf));
  });

  route(
    app,
    registry,
    { method: "post", path: DOMAINS, summary: "Create a domain (address, time_zone)", tag: TAG, scope: "domains:write", query: domainCreate.partial(), status: 201 },
    async (c) => {
      const key = c.get("key");
      requireAnyScope(key, ["domains:write"]);
      if (key.site_id !== "") throw new HTTPException(403, { message: "A token limited to one domain cannot create domains" });
      const input = await domainCreateOf(c);
      const site = await createdSite(() => store.createSite({ account_id: key.account_id, domain: bareAddressOf(input.address), timezone: input.time_zone }));
      return c.json({ id: site.id, ...domainStatsOf(site, {}, baseUrlOf(c)) }, 201);
    },
  );

  route(
    app,
    registry,
    { method: "get", path: DOMAIN, summary: "One domain: visitors, pageviews, bounce and the tracking snippet", tag: TAG, scope: "statistics:read", query: statsParams },
    async (c, { query }) => {
      const site = await statsSite(c.get("key"), sites, paramOf(c, "id"));
      const base = baseQueryOf(cache, site, query);
      const result = await answer(() => engine.aggregate({ ...base, metrics: ["visitors", "pageviews", "bounce_rate"] }));
      return c.json(domainStatsOf(site, result.metrics, baseUrlOf(c)));
    },
  );
}

/** The store's refusals as Kindmetrics' 400s naming the param (it answered invalid operations so). */
async function createdSite(work: () => Promise<Site>): Promise<Site> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      const field = String(issue.path[0] ?? "domain");
      throw new ValidationError("Invalid domain", [{ field: PARAM_OF[field] ?? field, message: issue.message }]);
    }
    if (error instanceof ConflictError) throw new ValidationError("Invalid domain", [{ field: "address", message: error.message }]);
    if (error instanceof NotFoundError) throw new HTTPException(404, { message: error.message });
    throw error;
  }
}
