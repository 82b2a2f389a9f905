#!/usr/bin/env node
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Realtime } from "@pulse/sessions";
import { bodyPool, hitBodies } from "./bodies.js";
import { BenchEnvironment, type Service, type Site } from "./environment.js";
import { residentMb } from "./memory.js";
import { APPS_DIR, sleep } from "./processes.js";
import { ENDPOINT_CLASSES, type EndpointContext } from "./queries/endpoints.js";
import { connectionsFor, parseSoakOptions, SOAK_USAGE, type SoakOptions } from "./soak/options.js";
import { lagVerdict, memoryVerdict, type SoakSample, sampleHeader, sampleLine, type Verdict } from "./soak/verdict.js";
import { median, weightedPercentile } from "./stats.js";
import { VisibilityPoller } from "./visibility.js";
import { ensureWrk, runWrk } from "./wrk.js";

/** Progress goes to stderr; the samples and the verdicts to stdout. */
const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (line: string) => process.stdout.write(`${line}\n`);

const SERVICES = ["ingest", "consumer", "query"] as const;
/** Pending events are given up on after this long without any becoming visible. */
const STALL_MS = 45_000;
/** Seconds between the light dashboard queries that keep the query service in use. */
const QUERY_EVERY_MS = 5_000;
/** Only events received this recently are polled, so the poll stays small however long the run. */
const LAG_WINDOW_MS = 300_000;

interface Capacity {
  ingestRps: number;
  endToEndPerSec: number;
}

/**
 * Closed-loop single hits for `seconds` with the consumer running, then until every accepted hit is
 * queryable: the end-to-end capacity is the accepted hits over the time from the first request to
 * the last hit becoming queryable.
 */
async function measureCapacity(env: BenchEnvironment, ingest: Service, site: Site, bodiesFile: string, seconds: number): Promise<Capacity> {
  const poller = new VisibilityPoller(env.client, site.siteId, 250);
  poller.start();
  const started = Date.now();
  try {
    const load = await runWrk({ url: ingest.url, path: "/api/v1/hit", token: site.token, bodiesFile, durationS: seconds, connections: 64, workDir: env.workDir });
    const accepted = load.requests - load.statusErrors;
    let lastProgress = Date.now();
    let seen = poller.tracker.total;
    while (poller.tracker.total < accepted && Date.now() - lastProgress < STALL_MS) {
      await sleep(250);
      if (poller.tracker.total > seen) {
        seen = poller.tracker.total;
        lastProgress = Date.now();
      }
    }
    if (poller.tracker.total < accepted) log(`  capacity: only ${poller.tracker.total} of ${accepted} accepted hits became queryable`);
    return {
      ingestRps: load.rps,
      endToEndPerSec: (poller.tracker.total / (poller.tracker.lastVisibleAt - started)) * 1000,
    };
  } finally {
    await poller.stop();
  }
}

/** Light dashboard traffic on the soak site, so the query service's memory is that of a service in use. */
function startQueryLoad(ctx: EndpointContext): { stop: () => Promise<{ requests: number; errors: number; p50Ms: number }> } {
  let running = true;
  const latencies: number[] = [];
  let errors = 0;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const endpoint = ENDPOINT_CLASSES[i % ENDPOINT_CLASSES.length]!;
      const started = performance.now();
      try {
        await endpoint.overHttp(ctx);
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
      const rest = QUERY_EVERY_MS - (performance.now() - started);
      if (rest > 0 && running) await sleep(rest);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { requests: latencies.length + errors, errors, p50Ms: median(latencies) };
    },
  };
}

async function soak(options: SoakOptions, env: BenchEnvironment): Promise<Verdict[]> {
  ensureWrk(log);
  log("stack: node infra/stack.mjs up");
  await env.startStack();
  await env.prepare();
  const partitions = env.config.KAFKA_HITS_PARTITIONS;
  const capacitySite = await env.createSite("soak-capacity");
  const site = await env.createSite("soak");
  const readToken = await env.createReadKey(site.siteId);
  const topic = env.topicName("soak");
  await env.createTopics(topic, `${topic}.dlq`, partitions);
  const service = { topic, dlqTopic: `${topic}.dlq`, partitions };
  const [ingest, consumer, query] = await Promise.all([
    env.startService("ingest", service),
    env.startService("consumer", service),
    env.startQueryService(env.database),
  ]);
  const bodiesOf = (s: Site) => env.writeWorkFile(`soak-${s.siteId}.jsonl`, hitBodies(bodyPool(s.domain), 2000).map((b) => JSON.stringify(b)));

  let rate = options.rate;
  if (rate === undefined) {
    log(`capacity: ${options.capacityS} s of closed-loop single hits with the consumer running, until all are queryable`);
    const capacity = await measureCapacity(env, ingest, capacitySite, bodiesOf(capacitySite), options.capacityS);
    const measured = Math.min(capacity.ingestRps, capacity.endToEndPerSec);
    rate = Math.max(1, Math.round(measured * options.share));
    print(
      `capacity: ingest accepted ${capacity.ingestRps.toFixed(0)} hits/s, end to end ${capacity.endToEndPerSec.toFixed(0)} hits/s; soak at ${options.share * 100}% of ${measured.toFixed(0)} = ${rate} hits/s`,
    );
  } else {
    print(`rate: ${rate} hits/s (given)`);
  }

  const durationS = options.minutes * 60;
  print(`soak: ${options.minutes} min at ${rate} hits/s over ${connectionsFor(rate, options.connections)} connections, a sample every ${options.intervalS} s, the first ${options.warmupS.toFixed(0)} s warm-up`);
  print("");
  print(sampleHeader(SERVICES));
  const poller = new VisibilityPoller(env.client, site.siteId, 500, LAG_WINDOW_MS);
  poller.start();
  const queryLoad = startQueryLoad({
    url: query.url,
    token: readToken,
    siteId: site.siteId,
    clickhouse: env.client,
    realtime: new Realtime(env.redis),
    realtimeSeconds: 300,
  });
  const started = Date.now();
  let loadDone = false;
  const connections = connectionsFor(rate, options.connections);
  const load = runWrk({ url: ingest.url, path: "/api/v1/hit", token: site.token, bodiesFile: bodiesOf(site), durationS, connections, rate, workDir: env.workDir }).finally(
    () => (loadDone = true),
  );
  load.catch(() => {});

  const samples: SoakSample[] = [];
  const pids = { ingest: ingest.pid, consumer: consumer.pid, query: query.pid };
  let lagIndex = 0;
  let visibleBefore = 0;
  for (let k = 1; !loadDone; k++) {
    const due = started + k * options.intervalS * 1000;
    while (Date.now() < due && !loadDone) await sleep(Math.min(250, due - Date.now()));
    if (loadDone) break;
    const lags = poller.tracker.lags.slice(lagIndex);
    lagIndex += lags.length;
    const visible = poller.tracker.total - visibleBefore;
    visibleBefore = poller.tracker.total;
    const atS = (Date.now() - started) / 1000;
    const sample: SoakSample = {
      atS,
      warmup: atS <= options.warmupS,
      rssMb: Object.fromEntries(SERVICES.map((name) => [name, residentMb(pids[name]) ?? Number.NaN])),
      visible,
      lagP50Ms: weightedPercentile(lags, 50),
      lagP99Ms: weightedPercentile(lags, 99),
    };
    samples.push(sample);
    print(sampleLine(sample, SERVICES, options.intervalS));
    for (const s of [ingest, consumer, query]) if (!s.child.running) log(`${s.name} exited during the run:\n${s.child.output()}`);
  }
  const result = await load;
  const queries = await queryLoad.stop();
  await poller.stop();

  const failed = result.statusErrors + result.socketErrors + result.timeouts;
  print("");
  print(
    `load: ${result.rps.toFixed(0)} hits/s achieved of ${rate}, ${failed} failed, ${result.dueLatencyMs?.late ?? 0} sent late; ingest p99 ${result.dueLatencyMs?.p99.toFixed(1) ?? "–"} ms from the due time`,
  );
  print(`query load: ${queries.requests} dashboard requests, ${queries.errors} failed, p50 ${queries.p50Ms.toFixed(0)} ms`);
  return [...SERVICES.map((name) => memoryVerdict(samples, name)), lagVerdict(samples)];
}

let options: SoakOptions;
try {
  options = parseSoakOptions(process.argv.slice(2));
} catch (error) {
  log((error as Error).message);
  process.exit(2);
}
if (options.help) {
  print(SOAK_USAGE);
  process.exit(0);
}
const missing = SERVICES.filter((app) => !existsSync(join(APPS_DIR, app, "dist/main.js")));
if (missing.length > 0) {
  log(`${missing.map((app) => `apps/${app}/dist/main.js`).join(", ")} missing: run \`npm run build\` at the repository root first.`);
  process.exit(1);
}

const env = new BenchEnvironment(log, { stack: options.keepStack, data: options.keepData });
let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  log(`${signal}: stopping what this run started and removing its data`);
  void env.dispose().finally(() => process.exit(130));
};
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);

try {
  const verdicts = await soak(options, env);
  print("");
  for (const v of verdicts) print(`${v.pass ? "PASS" : "FAIL"}  ${v.criterion}: ${v.detail}`);
  // As with the benchmark, verdicts are reported, never turned into an exit code.
  process.exitCode = 0;
} catch (error) {
  if (!interrupted) {
    log(`soak failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await env.dispose();
}
setTimeout(() => process.exit(process.exitCode), 1000).unref();
