import { cpus } from "node:os";
import { Realtime } from "@pulse/sessions";
import { CpuMeter } from "../cpu.js";
import { datasetFacts, mergeSessions, recentHits, settleMerges, shiftedHits } from "../dataset/facts.js";
import { generateDataset } from "../dataset/generate.js";
import { ENDPOINT_CLASSES, type EndpointContext } from "../queries/endpoints.js";
import { sampleLatencies } from "../queries/sampler.js";
import { type DatasetMeasure, latencyOf, queryFigures, queryTargets, sizeLabel } from "../queries/summary.js";
import { DEFAULT_QUERY_EVENTS } from "../options.js";
import { problemLines } from "../processes.js";
import { type FigureResult, figure } from "../report.js";
import type { Scenario, ScenarioContext, ScenarioOutcome } from "./scenario.js";

const SEED = 20_261_124;
/** The realtime endpoint's window (its default), seconds. */
const REALTIME_SECONDS = 300;
/** Unmeasured HTTP requests per class before a dataset's first repetition (they warm the service and ClickHouse's caches for both paths). */
const WARMUP_REQUESTS = 1;
/** How long to wait for ClickHouse to finish merging the generated parts before measuring. */
const SETTLE_MS = 120_000;
/** Samples every class gets per repetition, whatever its time budget, unless one pair alone takes HARD_BUDGET_FACTOR budgets. */
const MIN_SAMPLES = 3;
const HARD_BUDGET_FACTOR = 3;
/** INSERT ... SELECT statements at once: one per core (the rows do not depend on it). */
const GENERATE_STREAMS = Math.min(4, Math.max(1, cpus().length));
/** The generator's statements may run for minutes on a busy machine. */
const GENERATE_TIMEOUT_MS = 1_800_000;

/** The service as measured: no stats cache, and a rate limit the measurement never reaches. */
const QUERY_SERVICE_ENV = {
  STATS_CACHE_TTL_SECONDS: "0",
  QUERY_RATE_LIMIT_PER_MINUTE: "1000000",
};

interface DatasetOutcome {
  measure: DatasetMeasure;
  figures: FigureResult[];
  notes: string[];
}

async function measureDataset(events: number, { env, options, log }: ScenarioContext): Promise<DatasetOutcome> {
  const size = sizeLabel(events);
  const database = await env.createDatabase(`q${size.toLowerCase().replace(".", "_")}`);
  const site = await env.createReadableSite(database, `q${size.toLowerCase().replace(".", "-")}`);
  // The direct path waits for ClickHouse as long as the service does (CLICKHOUSE_REQUEST_TIMEOUT_MS, 30 s by default).
  const client = env.clientFor(database);
  const now = new Date();

  log(`  ${size}: generating ${events.toLocaleString("en-US")} events inside ClickHouse (INSERT ... SELECT from numbers())`);
  const stack = env.stackPids();
  const generation = new CpuMeter({ clickhouse: stack.clickhouse }).begin();
  const startedAt = performance.now();
  await generateDataset(
    env.clientFor(database, GENERATE_TIMEOUT_MS),
    { siteId: site.siteId, domain: site.domain, events, now, seed: SEED, topic: "bench.generated" },
    GENERATE_STREAMS,
  );
  const generateS = (performance.now() - startedAt) / 1000;
  const generationCores = generation.end()["clickhouse"] ?? Number.NaN;
  const settleStarted = performance.now();
  const settled = await settleMerges(client, database, SETTLE_MS);
  const settleS = (performance.now() - settleStarted) / 1000;
  if (!options.unmerged) {
    const mergeS = await mergeSessions(env.clientFor(database, GENERATE_TIMEOUT_MS));
    log(`  ${size}: sessions merged as older data is in production (OPTIMIZE ... FINAL) in ${mergeS.toFixed(1)} s`);
  }
  const facts = await datasetFacts(client, database, site.siteId);
  log(
    `  ${size}: ${generateS.toFixed(1)} s to generate, ${settleS.toFixed(0)} s of merges; ${facts.sessions} sessions, ${facts.visitors} visitors, ${facts.pages} pages, ${facts.eventParts} event parts`,
  );

  const realtime = new Realtime(env.redis);
  const live = await recentHits(client, site.siteId, now, REALTIME_SECONDS);
  const query = await env.startQueryService(database, QUERY_SERVICE_ENV);
  const ctx: EndpointContext = { url: query.url, token: site.token, siteId: site.siteId, clickhouse: client, realtime, realtimeSeconds: REALTIME_SECONDS };
  const measure: DatasetMeasure = { events, byClass: Object.fromEntries(ENDPOINT_CLASSES.map((e) => [e.id, []])) };
  const cores = { query: [] as number[], clickhouse: [] as number[], machine: [] as number[] };
  const budgetMs = options.queryBudgetS * 1000;
  const budget = { max: options.querySamples, min: Math.min(MIN_SAMPLES, options.querySamples), budgetMs, hardMs: budgetMs * HARD_BUDGET_FACTOR };
  const failures: string[] = [];
  const samples: Record<string, number[]> = Object.fromEntries(ENDPOINT_CLASSES.map((e) => [e.id, []]));
  try {
    // The consumer would keep the live visitors fresh; the generated last minutes are replayed as now.
    await realtime.record(shiftedHits(live, Date.now() - now.getTime()));
    for (const endpoint of ENDPOINT_CLASSES) {
      for (let i = 0; i < WARMUP_REQUESTS; i++) await endpoint.overHttp(ctx).catch(() => {});
    }
    for (let r = 0; r < options.repetitions; r++) {
      await realtime.record(shiftedHits(live, Date.now() - now.getTime()));
      const meter = new CpuMeter({ query: query.pid, clickhouse: stack.clickhouse }).begin();
      const line: string[] = [];
      for (const endpoint of ENDPOINT_CLASSES) {
        const taken = await sampleLatencies(endpoint, ctx, budget);
        const latency = latencyOf(taken);
        measure.byClass[endpoint.id]!.push(latency);
        samples[endpoint.id]!.push(taken.http.length);
        if (taken.failure) failures.push(`run ${r + 1} ${endpoint.id}: ${taken.failure}`);
        line.push(`${endpoint.id} ${latency.httpP50.toFixed(1)}/${latency.directP50.toFixed(1)}`);
      }
      const used = meter.end();
      cores.query.push(used["query"] ?? Number.NaN);
      cores.clickhouse.push(used["clickhouse"] ?? Number.NaN);
      cores.machine.push(used["machine"] ?? Number.NaN);
      log(`  ${size} run ${r + 1}/${options.repetitions} (p50 ms, HTTP/direct): ${line.join(", ")}`);
    }
  } finally {
    await query.stop();
    await env.dropDatabase(database);
  }

  const figures = [
    figure(`${size}: generating the dataset inside ClickHouse`, "s", [generateS]),
    figure(`${size}: ClickHouse CPU while generating`, "cores", [generationCores]),
    figure(`${size}: sessions in the dataset`, "count", [facts.sessions]),
    figure(`${size}: query service CPU while measuring`, "cores", cores.query),
    figure(`${size}: ClickHouse CPU while measuring`, "cores", cores.clickhouse),
    figure(`${size}: whole machine busy while measuring`, "cores", cores.machine),
  ];
  const sampled = ENDPOINT_CLASSES.map((e) => `${e.id} ${(samples[e.id] ?? []).join("/")}`).join(", ");
  const notes = [
    `${size}: ${facts.events} events (${facts.pageviews} page views), ${facts.sessions} sessions, ${facts.visitors} daily visitor ids, ${facts.pages} distinct pages; ${facts.eventParts} events parts and ${facts.sessionParts} sessions parts when measured${settled ? "" : ` (merges still running after ${SETTLE_MS / 1000} s)`}; ${live.length} hits in the realtime window.`,
    `${size}: samples per path in each repetition: ${sampled}.`,
  ];
  if (failures.length > 0) {
    notes.push(`${size}: failed requests (their time until the failure is counted, a lower bound; the class stopped there): ${failures.join("; ")}.`);
    const logged = problemLines(query.child, 2);
    if (logged.length > 0) notes.push(`${size}: the query service's last errors: ${logged.join(" | ")}`);
  }
  return { measure, figures, notes };
}

/**
 * Scenario 4: statistics queries on one site with 90 days of generated traffic, per native endpoint
 * class over HTTP against the same compiled SQL run directly (realtime: the same Redis reads),
 * interleaved request by request, on each dataset size; then how the cost grew with the size.
 */
export const queries: Scenario = {
  id: "4",
  title: `queries at ${DEFAULT_QUERY_EVENTS.map(sizeLabel).join(" and ")} events`,
  runnable: true,
  run: async (context: ScenarioContext): Promise<ScenarioOutcome> => {
    const { options } = context;
    const sizes = options.queryEvents;
    const outcomes: DatasetOutcome[] = [];
    for (const events of sizes) outcomes.push(await measureDataset(events, context));
    const datasets = outcomes.map((o) => o.measure);
    const figures = [...queryFigures(datasets, ENDPOINT_CLASSES), ...outcomes.flatMap((o) => o.figures)];
    const notes = [
      `${options.repetitions} repetition(s) per dataset, each up to ${options.querySamples} requests per endpoint class over HTTP and as many direct runs (fewer, but at least ${MIN_SAMPLES}, once a class has taken ${options.queryBudgetS} s; only one each when one pair took ${HARD_BUDGET_FACTOR * options.queryBudgetS} s), one at a time, interleaved (alternating which goes first); p50/p95 are nearest-rank within a repetition (with few samples p95 is the slowest); ${WARMUP_REQUESTS} unmeasured HTTP request(s) per class first.`,
      `Data: one site, 90 days up to the start of the dataset's run, generated inside ClickHouse (${GENERATE_STREAMS} INSERT ... SELECT from numbers() at once over fixed ranges of sessions, the last cut by LIMIT, so the same rows every run) into the real events table, so the sessions and ingest_progress views fill from it; Zipf-like page popularity over 3000 pages, weighted referrers/channels, countries, devices and languages, 45% bounces, about 12% custom events, 2% bots, weekday and afternoon peaks.`,
      options.unmerged
        ? "Sessions left as generated (--unmerged): every part spans the whole period, the worst case for reading sessions FINAL."
        : "After generation the sessions table is merged (OPTIMIZE TABLE sessions FINAL), as background merges leave older data in production; the generator's parts each span all 90 days, which production's time-ordered inserts never do (--unmerged measures that worst case).",
      "Each dataset lives in a database of its own (the query service is started on it, then it is dropped); the stats cache is off (STATS_CACHE_TTL_SECONDS=0, and \"90d\" includes today, which is never cached) and the rate limit is out of reach.",
      "Direct = the query compiled by @pulse/stats (compileAggregate, compileTimeseries, compileBreakdown, compileFunnel, listSessions: its page queries, newest days first, with its total query, then its details query) with the same parameters through @clickhouse/client, JSONEachRow read whole; for realtime, Realtime's three Redis reads. API overhead = (HTTP p50 − direct p50) ÷ direct p50 of the same repetition.",
      ...outcomes.flatMap((o) => o.notes),
    ];
    return {
      result: { id: "4", title: `queries at ${sizes.map(sizeLabel).join(" and ")} events`, figures, notes },
      targets: queryTargets(datasets, ENDPOINT_CLASSES),
    };
  },
};
