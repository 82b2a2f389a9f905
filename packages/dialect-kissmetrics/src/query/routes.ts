import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { answer } from "../http/answer.js";
import { Hrefs, selfUrlOf } from "../http/links.js";
import { targetOf } from "../model/metrics.js";
import { bySegmentBody, bySegmentBodyOf, overTimeBody, overTimeBodyOf } from "./bodies.js";
import { metricOfRequest } from "./metric-of-request.js";
import { bySegmentParams, overTimeParams } from "./params.js";
import { bySegmentQueryOf, overTimeQueriesOf } from "./queries.js";

/** The two metric queries the metric links name: /query/metrics/:id/over-time and /by-segment. */
export function metricQueryRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  const { engine } = deps;

  route(
    app,
    deps.registry,
    { method: "get", path: "/query/metrics/:id/over-time", summary: "A metric per hour, day, week or month, with the period's total", tag: TAG, scope: SCOPE, query: overTimeParams, response: overTimeBody },
    async (c, { query }) => {
      const entry = await metricOfRequest(c, deps, paramOf(c, "id"));
      const target = targetOf(entry);
      const q = overTimeQueriesOf(entry.site, target, query, new Date());
      const [total, series] = await answer(() => Promise.all([engine.aggregate(q.total), engine.timeseries(q.series)]));
      return c.json(overTimeBodyOf(entry, query.interval, q.days, total.metrics[target.metric], series, selfUrlOf(c), Hrefs.of(c)));
    },
  );

  route(
    app,
    deps.registry,
    { method: "get", path: "/query/metrics/:id/by-segment", summary: "A metric per value of a property (segment), paged", tag: TAG, scope: SCOPE, query: bySegmentParams, response: bySegmentBody },
    async (c, { query }) => {
      const entry = await metricOfRequest(c, deps, paramOf(c, "id"));
      const q = bySegmentQueryOf(entry.site, targetOf(entry), query, new Date());
      const result = await answer(() => engine.breakdown(q.query));
      return c.json(bySegmentBodyOf(entry, q.segment, q.days, result, query, selfUrlOf(c), Hrefs.of(c)));
    },
  );
}
