#!/usr/bin/env node
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machineInfo } from "./cpu.js";
import { BenchEnvironment } from "./environment.js";
import { type Options, parseOptions, USAGE } from "./options.js";
import { APPS_DIR } from "./processes.js";
import { type BenchReport, fileStamp, markdownReport, type ScenarioResult, type TargetResult, writeReport } from "./report.js";
import { SCENARIOS } from "./scenarios/index.js";
import { ensureWrk } from "./wrk.js";

const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));

/** Progress goes to stderr; the Markdown report is the only thing on stdout. */
const log = (line: string) => process.stderr.write(`${line}\n`);

async function clickhouseVersion(env: BenchEnvironment): Promise<string> {
  try {
    const result = await env.client.query({ query: "SELECT version() AS v", format: "JSONEachRow" });
    return (await result.json<{ v: string }>())[0]?.v ?? "unknown";
  } catch {
    return "unknown";
  }
}

async function run(options: Options): Promise<number> {
  for (const app of ["ingest", "consumer", "query"]) {
    if (!existsSync(join(APPS_DIR, app, "dist/main.js"))) {
      log(`apps/${app}/dist/main.js is missing: run \`npm run build\` at the repository root first.`);
      return 1;
    }
  }
  const wrkVersion = ensureWrk(log);
  const startedAt = new Date().toISOString();
  const machineBefore = machineInfo();
  const resultsDir = options.resultsDir ?? RESULTS_DIR;
  const logsDir = options.logs ? join(resultsDir, `${fileStamp(startedAt)}-logs`) : undefined;
  const env = new BenchEnvironment(log, { stack: options.keepStack, data: options.keepData }, logsDir);
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping what this run started and removing its data`);
    void env.dispose().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const results: ScenarioResult[] = [];
  const targets: TargetResult[] = [];
  const notRun: BenchReport["notRun"] = [];
  let failures = 0;
  let versions: Record<string, string> = {};
  try {
    log("stack: node infra/stack.mjs up");
    await env.startStack();
    await env.prepare();
    versions = { clickhouse: await clickhouseVersion(env), wrk: wrkVersion, node: process.version };
    const partitions = options.partitions ?? env.config.KAFKA_HITS_PARTITIONS;
    for (const id of options.scenarios) {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      if (!scenario.runnable) {
        notRun.push({ id, title: scenario.title, reason: scenario.notRunReason ?? "not runnable" });
        log(`scenario ${id} (${scenario.title}): not run: ${scenario.notRunReason}`);
        continue;
      }
      log(`scenario ${id}: ${scenario.title}`);
      const started = performance.now();
      const loadAtStart = loadavg()[0]!.toFixed(2);
      try {
        const outcome = await scenario.run({ env, options, log, partitions });
        outcome.result.notes.push(`Load average when the scenario started: ${loadAtStart} (on ${cpus().length} cores).`);
        results.push(outcome.result);
        targets.push(...outcome.targets);
      } catch (error) {
        if (interrupted) break;
        failures++;
        const message = (error as Error).message;
        log(`scenario ${id} failed: ${message}`);
        results.push({ id, title: scenario.title, figures: [], notes: [`FAILED: ${message.split("\n")[0]}`] });
      }
      log(`scenario ${id}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    if (!interrupted) await env.dispose();
  }
  if (interrupted) return 130;

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    options: { ...options },
    machine: { ...machineBefore, loadavgBefore: machineBefore.loadavg, loadavgAfter: machineInfo().loadavg, ...versions },
    scenarios: results,
    targets,
    notRun,
  };
  const path = writeReport(resultsDir, report);
  process.stdout.write(`${markdownReport(report)}\n`);
  log(`\nresults: ${path}${logsDir ? `; process output in ${logsDir}` : ""}`);
  // Targets are reported, never turned into an exit code; only a scenario that could not run fails.
  return failures > 0 ? 1 : 0;
}

let options: Options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  log((error as Error).message);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
process.exitCode = await run(options);
// Clients that keep sockets open (kafkajs, ClickHouse) must not hold the harness after the report.
setTimeout(() => process.exit(process.exitCode), 1000).unref();
