import { compileAggregate, compileSessionsList, compileBreakdown, compileTimeseries, compileFunnel, statsQuery, resolveRange, funnelSteps, funnelOptions } from "@pulse/stats";
const which = process.argv[2];
const q = statsQuery.parse({ site_id: "m1", date_range: "90d", timezone: "UTC", limit: 20,
  metrics: which === "aggregate" ? ["visitors", "sessions", "pageviews", "bounce_rate", "avg_session_duration"] : ["visitors", "pageviews"],
  dimensions: which === "breakdown" ? ["path"] : which === "timeseries" ? ["time:day"] : [] });
const period = resolveRange(q.date_range, q.timezone, new Date());
const c = which === "sessions" ? compileSessionsList(q, period) : which === "aggregate" ? compileAggregate(q, period) : which === "breakdown" ? compileBreakdown(q, period) : which === "funnel" ? compileFunnel(q, period, funnelSteps.parse([{filters:[{field:"path",values:["/"]}]},{filters:[{field:"path",values:["/pricing"]}]},{filters:[{field:"event",values:["signup"]}]}]), funnelOptions.parse({})) : compileTimeseries(q, period);
console.log(c.sql);
console.error(Object.entries(c.params).map(([k, v]) => `--param_${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join("\n"));
