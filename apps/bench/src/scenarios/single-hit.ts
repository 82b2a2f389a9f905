import { bodyPool, hitBodies } from "../bodies.js";
import { CpuMeter } from "../cpu.js";
import { freePort, waitHttpOk, WORKERS_DIR } from "../processes.js";
import { figure, target } from "../report.js";
import { median, ratio } from "../stats.js";
import { runWrk, type WrkResult } from "../wrk.js";
import type { Scenario, ScenarioContext, ScenarioOutcome } from "./scenario.js";

interface ProduceResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cores: number;
}

/** Share of the maximum rate at which the latency target is checked. */
const PACED_SHARE = 0.8;

/**
 * Scenario 1: POST /api/v1/hit with realistic bodies, closed loop, against (a) a bare Hono app on the
 * same adapter and (b) kafkajs producing the same records directly, each repetition measuring all
 * three back to back; then ingest at a fixed 80% of its measured maximum for the latency target.
 * Only ingest runs (no consumer), so the figures are ingest's alone.
 */
export const singleHit: Scenario = {
  id: "1",
  title: "single-hit ingest",
  runnable: true,
  run: async ({ env, options, log, partitions }: ScenarioContext): Promise<ScenarioOutcome> => {
    const site = await env.createSite("single");
    const topic = env.topicName("single");
    const directTopic = env.topicName("single-direct");
    await env.createTopics(topic, `${topic}.dlq`, partitions);
    await env.createTopics(directTopic, `${directTopic}.dlq`, partitions);
    const bodies = hitBodies(bodyPool(site.domain), 2000);
    const bodiesFile = env.writeWorkFile("single-hit.jsonl", bodies.map((b) => JSON.stringify(b)));

    const ingest = await env.startService("ingest", { topic, dlqTopic: `${topic}.dlq`, partitions });
    const barePort = await freePort();
    const bare = env.spawn("bare-hono", process.execPath, [`${WORKERS_DIR}bare-hono.js`], {
      ...process.env,
      BENCH_WORKER_CONFIG: JSON.stringify({ host: "127.0.0.1", port: barePort }),
    });
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHttpOk(`${bareUrl}/healthz`, bare);
    const stack = env.stackPids();

    const closedLoop = (url: string, token: string | undefined, durationS: number) =>
      runWrk({
        url,
        path: "/api/v1/hit",
        ...(token === undefined ? {} : { token }),
        bodiesFile,
        durationS,
        connections: options.connections,
        workDir: env.workDir,
      });
    const produce = (warmupMs: number, durationMs: number) =>
      env.runWorker<ProduceResult>("kafka-produce", {
        brokers: env.config.KAFKA_BROKERS,
        topic: directTopic,
        siteId: site.siteId,
        bodiesFile,
        concurrency: options.connections,
        warmupMs,
        durationMs,
        lingerMs: env.config.INGEST_LINGER_MS,
        maxMessages: env.config.INGEST_MAX_BATCH_MESSAGES,
      });

    log(`  warm-up: ${options.warmupS} s each against bare Hono and ingest`);
    await closedLoop(bareUrl, undefined, options.warmupS);
    await closedLoop(ingest.url, site.token, options.warmupS);

    const runs = { bare: [] as WrkResult[], direct: [] as ProduceResult[], ingest: [] as WrkResult[] };
    const cores = {
      wrk: [] as number[],
      ingest: [] as number[],
      kafka: [] as number[],
      redis: [] as number[],
      bare: [] as number[],
      machine: [] as number[],
      others: [] as number[],
    };
    let failedRequests = 0;
    for (let r = 0; r < options.repetitions; r++) {
      let meter = new CpuMeter({ bare: bare.pid }).begin();
      const b = await closedLoop(bareUrl, undefined, options.durationS);
      cores.bare.push(meter.end()["bare"] ?? Number.NaN);
      runs.bare.push(b);

      const d = await produce(options.warmupS * 1000, options.durationS * 1000);
      runs.direct.push(d);

      meter = new CpuMeter({ ingest: ingest.pid, kafka: stack.kafka, redis: stack.redis }).begin();
      const i = await closedLoop(ingest.url, site.token, options.durationS);
      const used = meter.end();
      runs.ingest.push(i);
      failedRequests += i.statusErrors + i.socketErrors + i.timeouts;
      const part = (name: string) => used[name] ?? Number.NaN;
      cores.wrk.push(i.loadgenCores);
      cores.ingest.push(part("ingest"));
      cores.kafka.push(part("kafka"));
      cores.redis.push(part("redis"));
      cores.machine.push(part("machine"));
      cores.others.push(part("machine") - part("ingest") - part("kafka") - part("redis") - i.loadgenCores);
      log(
        `  run ${r + 1}/${options.repetitions}: ingest ${i.rps.toFixed(0)} req/s, bare Hono ${b.rps.toFixed(0)} req/s, kafkajs direct ${d.rps.toFixed(0)} req/s`,
      );
    }

    const maxRate = median(runs.ingest.map((i) => i.rps));
    const rate = Math.max(1, Math.round(maxRate * PACED_SHARE));
    const paced: WrkResult[] = [];
    const pacedWrkCores: number[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      const p = await runWrk({
        url: ingest.url,
        path: "/api/v1/hit",
        token: site.token,
        bodiesFile,
        durationS: options.durationS,
        connections: options.pacedConnections,
        rate,
        workDir: env.workDir,
      });
      failedRequests += p.statusErrors + p.socketErrors + p.timeouts;
      paced.push(p);
      pacedWrkCores.push(p.loadgenCores);
      log(`  fixed rate ${rate} req/s, run ${r + 1}: p50 ${p.dueLatencyMs?.p50.toFixed(2)} ms, p99 ${p.dueLatencyMs?.p99.toFixed(2)} ms`);
    }
    await ingest.stop();
    await env.stopChild(bare);

    const ingestVsBare = runs.ingest.map((i, k) => ratio(i.rps, runs.bare[k]!.rps));
    const ingestVsDirect = runs.ingest.map((i, k) => ratio(i.rps, runs.direct[k]!.rps));
    const pacedP99 = paced.map((p) => p.dueLatencyMs?.p99 ?? Number.NaN);
    const c = options.connections;
    const figures = [
      figure(`ingest POST /api/v1/hit, closed loop, ${c} connections`, "req/s", runs.ingest.map((i) => i.rps)),
      figure("ceiling (a): bare Hono on @hono/node-server, same bodies", "req/s", runs.bare.map((b) => b.rps)),
      figure(`ceiling (b): kafkajs producing the same records, ${c} concurrent senders`, "req/s", runs.direct.map((d) => d.rps)),
      figure("ingest ÷ bare Hono (same repetition)", "ratio", ingestVsBare),
      figure("ingest ÷ kafkajs direct (same repetition)", "ratio", ingestVsDirect),
      figure("ingest latency p50, closed loop", "ms", runs.ingest.map((i) => i.latencyMs.p50)),
      figure("ingest latency p99, closed loop", "ms", runs.ingest.map((i) => i.latencyMs.p99)),
      figure("bare Hono latency p99, closed loop", "ms", runs.bare.map((b) => b.latencyMs.p99)),
      figure("kafkajs direct latency p99 (send → ack)", "ms", runs.direct.map((d) => d.p99)),
      figure(`ingest at a fixed ${rate} req/s (80% of max): achieved`, "req/s", paced.map((p) => p.rps)),
      figure("ingest at 80% of max: latency p50 (from due time)", "ms", paced.map((p) => p.dueLatencyMs?.p50 ?? Number.NaN)),
      figure("ingest at 80% of max: latency p99 (from due time)", "ms", pacedP99),
      figure("ingest at 80% of max: requests sent late", "share", paced.map((p) => (p.dueLatencyMs ? p.dueLatencyMs.late / Math.max(1, p.requests) : Number.NaN))),
      figure("load generator (wrk) CPU during the ingest runs", "cores", cores.wrk),
      figure("load generator (wrk) CPU during the fixed-rate runs", "cores", pacedWrkCores),
      figure("ingest process CPU, closed loop", "cores", cores.ingest),
      figure("Kafka broker CPU, closed loop", "cores", cores.kafka),
      figure("Redis CPU, closed loop", "cores", cores.redis),
      figure("whole machine busy, closed loop ingest", "cores", cores.machine),
      figure("machine busy beyond wrk and the processes above (other processes, kernel, VM)", "cores", cores.others),
      figure("bare Hono process CPU", "cores", cores.bare),
      figure("ingest CPU per request", "µs", runs.ingest.map((i, k) => (cores.ingest[k]! / i.rps) * 1e6)),
      figure("bare Hono CPU per request", "µs", runs.bare.map((b, k) => (cores.bare[k]! / b.rps) * 1e6)),
      figure("kafkajs direct CPU per record", "µs", runs.direct.map((d) => (d.cores / d.rps) * 1e6)),
      figure("kafkajs direct producer process CPU (it is its own load)", "cores", runs.direct.map((d) => d.cores)),
    ];
    const notes = [
      `${options.repetitions} repetition(s) of ${options.durationS} s each for bare Hono, kafkajs direct and ingest, back to back; ${options.warmupS} s warm-up; only ingest runs (no consumer).`,
      `Load: wrk, 1 thread, ${c} keep-alive connections, ${bodies.length} distinct bodies; fixed rate: ${options.pacedConnections} connections with a thread each, latency counted from each request's due time.`,
      `The load generator shares the machine's cores with the services: the wrk rows say how many it took.`,
    ];
    if (failedRequests > 0) notes.push(`${failedRequests} ingest request(s) failed (status > 399, socket error or timeout).`);
    return {
      result: { id: "1", title: "single-hit ingest", figures, notes },
      targets: [
        target("1: single-hit ingest ≥ 70% of the bare-Hono ceiling", median(ingestVsBare), "ratio", ">=", 0.7),
        target("1: single-hit p99 < 50 ms at 80% of the maximum rate", median(pacedP99), "ms", "<", 50),
      ],
    };
  },
};
