import { type AuthEnv, paramOf, route, statsGoalOf } from "@pulse/api-kit";
import type { GoalResult } from "@pulse/stats";
import type { Hono } from "hono";
import { statsSite } from "../access.js";
import type { KindmetricsDeps } from "../deps.js";
import { answer } from "../errors.js";
import { statsParams } from "../params.js";
import { DOMAIN, TAG } from "../paths.js";
import { goalsOf } from "../shape/goals.js";
import { baseQueryOf } from "../stats-query.js";

/** The engine takes at most this many goals a call. */
const GOALS_PER_CALL = 50;
/** "Current visitors": active in the last five minutes, from the realtime counters. */
const CURRENT_SECONDS = 300;

/** GET /api/domains/:id/current and GET /api/domains/:id/goals. */
export function currentAndGoalRoutes(app: Hono<AuthEnv>, deps: KindmetricsDeps): void {
  const { cache, engine, sites, registry } = deps;

  route(app, registry, { method: "get", path: `${DOMAIN}/current`, summary: "Visitors active in the last 5 minutes", tag: TAG, scope: "statistics:read" }, async (c) => {
    const site = await statsSite(c.get("key"), sites, paramOf(c, "id"));
    const live = await answer(() => engine.realtime(site.id, CURRENT_SECONDS));
    return c.json({ current: live.visitors });
  });

  route(
    app,
    registry,
    { method: "get", path: `${DOMAIN}/goals`, summary: "The domain's goals with their conversions (converting visitors)", tag: TAG, scope: "statistics:read", query: statsParams },
    async (c, { query }) => {
      const site = await statsSite(c.get("key"), sites, paramOf(c, "id"));
      // Kindmetrics' goal list takes the other filters but not goal_id itself.
      const base = baseQueryOf(cache, site, { ...query, goal_id: undefined });
      const goals = cache.goalsOf(site.id);
      const results: GoalResult[] = [];
      for (let i = 0; i < goals.length; i += GOALS_PER_CALL) {
        const chunk = goals.slice(i, i + GOALS_PER_CALL).map(statsGoalOf);
        results.push(...(await answer(() => engine.goals(base, chunk))).goals);
      }
      return c.json(goalsOf(goals, results));
    },
  );
}
