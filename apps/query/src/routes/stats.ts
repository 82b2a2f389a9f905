import { type AuthEnv, goalResultsOf, paramOf, route, type SiteLookup, siteFor, statsGoalOf, statsStepsOf } from "@pulse/api-kit";
import type { MetadataCache } from "@pulse/metadata";
import { fieldProblemsOf, type OpenApiRegistry, ValidationError } from "@pulse/service";
import { dimension, funnelOptions, funnelSteps, type StatsEngine, StatsQueryError, type StatsQueryInput, statsQuery } from "@pulse/stats";
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { API } from "./paths.js";

const TAG = "Statistics";
const SCOPE = "statistics:read" as const;

/** The engine's refusals are the client's mistakes: 400 with the field named. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) {
      throw new ValidationError(error.message, [{ field: error.path.join(".") || "(query)", message: error.message }]);
    }
    if (error instanceof z.ZodError) throw new ValidationError("Invalid query", fieldProblemsOf(error));
    throw error;
  }
}

/**
 * The query as sent, with the site checked against the token and the site's time zone filled in
 * when the request names none.
 */
async function queryOfRequest(c: Context<AuthEnv>, sites: SiteLookup, raw: unknown): Promise<StatsQueryInput> {
  const body = (raw ?? {}) as Record<string, unknown>;
  if (typeof body.site_id !== "string") throw new ValidationError("Invalid query", [{ field: "site_id", message: "required" }]);
  const site = await siteFor(c.get("key"), sites, body.site_id, SCOPE);
  return { ...body, timezone: (body.timezone as string | undefined) ?? site.timezone } as StatsQueryInput;
}

const funnelBody = z.object({
  query: statsQuery,
  /** A stored funnel of the site, or the steps themselves. */
  funnel_id: z.string().optional(),
  steps: funnelSteps.optional(),
  options: funnelOptions.optional(),
});

/** The native statistics API: one query endpoint in the spirit of Plausible's v2, plus sessions, funnels, goals, realtime. */
export function statsRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { engine: StatsEngine; sites: SiteLookup; cache: MetadataCache },
) {
  const { engine, sites, cache } = deps;

  route(
    app,
    registry,
    {
      method: "post",
      path: `${API}/query`,
      summary: "Metrics over a period: totals without dimensions, a timeseries for a time:* dimension, else a breakdown",
      tag: TAG,
      scope: SCOPE,
      body: statsQuery,
    },
    async (c) => {
      const query = await queryOfRequest(c, sites, await c.req.json());
      const dims = query.dimensions ?? [];
      const result = await answer<unknown>(() =>
        dims.length === 0 ? engine.aggregate(query) : dims[0]!.startsWith("time:") ? engine.timeseries(query) : engine.breakdown(query),
      );
      return c.json(result);
    },
  );

  route(app, registry, { method: "post", path: `${API}/sessions`, summary: "A filtered, paged list of sessions, newest first", tag: TAG, scope: SCOPE, body: statsQuery }, async (c) => {
    const query = await queryOfRequest(c, sites, await c.req.json());
    return c.json(await answer(() => engine.sessionsList(query)));
  });

  route(app, registry, { method: "get", path: `${API}/sites/:id/sessions/:sessionId`, summary: "The page views and events of one session, in order", tag: TAG, scope: SCOPE }, async (c) => {
    const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), SCOPE);
    return c.json({ hits: await answer(() => engine.sessionDetails(site.id, paramOf(c, "sessionId"))) });
  });

  route(app, registry, { method: "post", path: `${API}/funnel`, summary: "A funnel's steps: visitors, shares, drop-off", tag: TAG, scope: SCOPE, body: funnelBody }, async (c) => {
    const raw = (await c.req.json()) as { query?: unknown; funnel_id?: string; steps?: unknown; options?: unknown };
    const query = await queryOfRequest(c, sites, raw.query);
    let steps = raw.steps;
    let options = (raw.options ?? {}) as object;
    if (raw.funnel_id !== undefined) {
      const stored = cache.funnelById(raw.funnel_id);
      if (!stored || stored.site_id !== query.site_id) throw new HTTPException(404, { message: "No such funnel for this site" });
      steps = statsStepsOf(stored);
      options = { windowSeconds: stored.window_seconds, ...options };
    }
    if (steps === undefined) throw new ValidationError("Invalid request body", [{ field: "steps", message: "give steps or funnel_id" }]);
    return c.json(await answer(() => engine.funnel(query, steps as never, options)));
  });

  route(app, registry, { method: "post", path: `${API}/goals`, summary: "Visitors, conversions and conversion rate of each of the site's goals", tag: TAG, scope: SCOPE, body: statsQuery }, async (c) => {
    const query = await queryOfRequest(c, sites, await c.req.json());
    const goals = cache.goalsOf(query.site_id).map(statsGoalOf);
    if (goals.length === 0) return c.json({ goals: [] });
    return c.json(await answer(() => goalResultsOf(engine, query, goals)));
  });

  route(
    app,
    registry,
    { method: "post", path: `${API}/filter-options`, summary: "The values a field takes in the period", tag: TAG, scope: SCOPE, body: z.object({ query: statsQuery, field: dimension }) },
    async (c) => {
      const raw = (await c.req.json()) as { query?: unknown; field?: string };
      const query = await queryOfRequest(c, sites, raw.query);
      return c.json({ values: await answer(() => engine.filterOptions(query, raw.field as never)) });
    },
  );

  route(
    app,
    registry,
    {
      method: "get",
      path: `${API}/sites/:id/realtime`,
      summary: "Active visitors of the last N seconds, their pages and countries (from Redis)",
      tag: TAG,
      scope: SCOPE,
      query: z.object({ seconds: z.coerce.number().int().min(1).max(3600).default(300) }),
    },
    async (c, { query }) => {
      const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), SCOPE);
      return c.json(await answer(() => engine.realtime(site.id, query.seconds)));
    },
  );

  route(
    app,
    registry,
    {
      method: "get",
      path: `${API}/sites/:id/events`,
      summary: "Custom events of the period with counts and unique visitors",
      tag: TAG,
      scope: SCOPE,
      query: z.object({ date_range: z.string().default("30d"), limit: z.coerce.number().int().min(1).max(100).default(100) }),
    },
    async (c, { query }) => {
      const site = await siteFor(c.get("key"), sites, paramOf(c, "id"), SCOPE);
      const result = await answer(() =>
        engine.breakdown({
          site_id: site.id,
          timezone: site.timezone,
          date_range: query.date_range as never,
          metrics: ["events", "event_visitors"],
          dimensions: ["event"],
          filters: [{ field: "event", op: "is_not", values: [""] }],
          limit: query.limit,
        }),
      );
      return c.json(result);
    },
  );
}
