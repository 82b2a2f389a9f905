import { bodyPool, hitBodies } from "../bodies.js";
import { ConsumerLog, STAGES } from "../consumer-log.js";
import { CpuMeter } from "../cpu.js";
import { problemLines, readiness, sleep } from "../processes.js";
import { figure } from "../report.js";
import { ratio } from "../stats.js";
import type { Scenario, ScenarioContext, ScenarioOutcome } from "./scenario.js";

interface ReadResult {
  count: number;
  bytes: number;
  batches: number;
  wallMs: number;
  eventsPerSec: number;
  cores: number;
  complete: boolean;
}

/** No batch written for this long: the consumer is stuck, stop waiting. */
const STALL_MS = 60_000;

const STAGE_LABEL = { decode: "parse (decode)", enrich: "enrich", sessionize: "sessionize (Redis)", insert: "insert (ClickHouse)" };

/**
 * Scenario 3: the consumer alone. Each repetition fills a topic of its own with N records (as ingest
 * writes them), lets a bare kafkajs consumer read them all (the ceiling), then starts the real consumer
 * at debug level on a fresh group and takes throughput and the cost of every stage from its own
 * "batch written" lines.
 */
export const consumerScenario: Scenario = {
  id: "3",
  title: "consumer",
  runnable: true,
  run: async ({ env, options, log, partitions }: ScenarioContext): Promise<ScenarioOutcome> => {
    const site = await env.createSite("consumer");
    const bodies = hitBodies(bodyPool(site.domain), 5000, 17);
    const bodiesFile = env.writeWorkFile("consumer.jsonl", bodies.map((b) => JSON.stringify(b)));
    const stack = env.stackPids();
    const n = options.consumerEvents;
    const timeoutMs = Math.max(120_000, n * 2);
    const f = {
      consumer: [] as number[],
      read: [] as number[],
      vsRead: [] as number[],
      rowsPerInsert: [] as number[],
      consumerCores: [] as number[],
      clickhouse: [] as number[],
      redis: [] as number[],
      kafka: [] as number[],
      machine: [] as number[],
      others: [] as number[],
      readCores: [] as number[],
      other: [] as number[],
      stageUs: Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<(typeof STAGES)[number], number[]>,
      stageShare: Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<(typeof STAGES)[number], number[]>,
    };
    const notes: string[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      const topic = env.topicName(`consumer-${r + 1}`);
      const dlqTopic = `${topic}.dlq`;
      await env.createTopics(topic, dlqTopic, partitions);
      await env.runWorker("prefill", {
        brokers: env.config.KAFKA_BROKERS,
        topic,
        siteId: site.siteId,
        bodiesFile,
        count: n,
        chunk: 2000,
      });
      const read = await env.runWorker<ReadResult>("kafka-read", {
        brokers: env.config.KAFKA_BROKERS,
        topic,
        groupId: `bench-${env.id}-read-${r + 1}`,
        expected: n,
        flushBytes: env.config.CONSUMER_FLUSH_BYTES,
        flushMs: env.config.CONSUMER_FLUSH_MS,
        maxBatchBytes: env.config.CONSUMER_MAX_BATCH_BYTES,
        timeoutMs,
      });
      if (!read.complete) notes.push(`run ${r + 1}: the bare reader saw only ${read.count} of ${n} records before its timeout.`);

      const logs = new ConsumerLog();
      const consumer = await env.startService("consumer", {
        topic,
        dlqTopic,
        partitions,
        group: `bench-${env.id}-consumer-${r + 1}`,
        logLevel: "debug",
        onLine: (line) => logs.take(line),
      });
      // Ready means the group is joined; CPU is counted from here (a fraction of a second after work began).
      const meter = new CpuMeter({ consumer: consumer.pid, clickhouse: stack.clickhouse, kafka: stack.kafka, redis: stack.redis }).begin();
      const deadline = Date.now() + timeoutMs;
      let seen = -1;
      let progressAt = Date.now();
      let stalled = false;
      while (logs.written + logs.deadLettered < n && Date.now() < deadline && consumer.child.running) {
        await sleep(100);
        if (logs.batches !== seen) {
          seen = logs.batches;
          progressAt = Date.now();
        } else if (Date.now() - progressAt > STALL_MS) {
          stalled = true;
          break;
        }
      }
      const gaveUpAt = Date.now();
      const used = meter.end();
      if (stalled) {
        notes.push(
          `run ${r + 1}: STALLED: no batch written for ${STALL_MS / 1000} s after ${logs.written} events; /readyz: ${await readiness(consumer.url)}; last warnings: ${problemLines(consumer.child).join(" / ") || "none"}`,
        );
      }
      await consumer.stop();
      await env.deleteTopics(topic, dlqTopic);
      if (logs.written < n && !stalled) notes.push(`run ${r + 1}: the consumer wrote ${logs.written} of ${n} events before the timeout.`);

      // Incomplete: what was written by the time the harness gave up, over all that time (a lower bound).
      const incomplete = logs.written < n;
      const wallMs = incomplete && logs.joinedAt !== undefined ? gaveUpAt - logs.joinedAt : logs.wallMs;
      if (incomplete) notes.push(`run ${r + 1}: events/s is a lower bound: ${logs.written} of ${n} events over ${(wallMs / 1000).toFixed(0)} s.`);
      const eventsPerSec = (logs.written / wallMs) * 1000;
      f.consumer.push(eventsPerSec);
      f.read.push(read.eventsPerSec);
      f.vsRead.push(ratio(eventsPerSec, read.eventsPerSec));
      f.rowsPerInsert.push(logs.batches > 0 ? logs.written / logs.batches : Number.NaN);
      f.consumerCores.push(used["consumer"] ?? Number.NaN);
      f.clickhouse.push(used["clickhouse"] ?? Number.NaN);
      f.redis.push(used["redis"] ?? Number.NaN);
      f.kafka.push(used["kafka"] ?? Number.NaN);
      f.machine.push(used["machine"] ?? Number.NaN);
      const counted = ["consumer", "clickhouse", "kafka", "redis"].reduce((sum, k) => sum + (used[k] ?? 0), 0);
      f.others.push((used["machine"] ?? Number.NaN) - counted);
      f.readCores.push(read.cores);
      let staged = 0;
      for (const stage of STAGES) {
        const ms = logs.stageMs[stage];
        staged += ms;
        f.stageUs[stage].push(logs.written > 0 ? (ms * 1000) / logs.written : Number.NaN);
        f.stageShare[stage].push(logs.written > 0 ? ms / wallMs : Number.NaN);
      }
      f.other.push(logs.written > 0 ? staged / wallMs : Number.NaN);
      log(
        `  run ${r + 1}/${options.repetitions}: consumer ${eventsPerSec.toFixed(0)} events/s (${logs.batches} batches), bare kafkajs read ${read.eventsPerSec.toFixed(0)} events/s`,
      );
    }

    const figures = [
      figure(`consumer, broker pre-filled with ${n.toLocaleString("en-US")} events`, "events/s", f.consumer),
      figure("ceiling: bare kafkajs consumer reading the same topic (same fetch settings)", "events/s", f.read),
      figure("consumer ÷ bare read (same repetition)", "ratio", f.vsRead),
      ...STAGES.map((s) => figure(`cost: ${STAGE_LABEL[s]}`, "µs/event", f.stageUs[s])),
      ...STAGES.map((s) => figure(`stage time ÷ consumer wall time: ${STAGE_LABEL[s]}`, "share", f.stageShare[s])),
      figure("all stages' time ÷ consumer wall time (over 100%: an insert runs while the next batches are prepared)", "share", f.other),
      figure("rows per insert (mean)", "count", f.rowsPerInsert),
      figure("consumer process CPU", "cores", f.consumerCores),
      figure("ClickHouse CPU", "cores", f.clickhouse),
      figure("Redis CPU", "cores", f.redis),
      figure("Kafka broker CPU", "cores", f.kafka),
      figure("whole machine busy", "cores", f.machine),
      figure("machine busy beyond the processes above (other processes, kernel, VM)", "cores", f.others),
      figure("bare reader process CPU", "cores", f.readCores),
    ];
    notes.unshift(
      `${options.repetitions} repetition(s); each fills a fresh ${partitions}-partition topic with ${n} records, then reads it twice on fresh groups: bare kafkajs first, then the consumer (LOG_LEVEL=debug).`,
      "Throughput and stage costs come from the consumer's own log: from \"joined consumer group\" to its last \"batch written\", and the sum of each batch's timings.",
    );
    // The issue sets no target for the consumer on its own.
    return { result: { id: "3", title: "consumer", figures, notes }, targets: [] };
  },
};
