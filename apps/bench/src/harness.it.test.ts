import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { afterAll, describe, expect, it } from "vitest";
import type { BenchReport } from "./report.js";

/** The built harness (npm test builds every workspace before it tests). */
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

function runHarness(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function benchDatabases(): Promise<string[]> {
  const admin = createClickHouse(loadConfig(), "default");
  try {
    const result = await admin.query({ query: "SELECT name FROM system.databases WHERE startsWith(name, 'bench_')", format: "JSONEachRow" });
    return (await result.json<{ name: string }>()).map((r) => r.name);
  } finally {
    await admin.close();
  }
}

describe("npm run bench, one short iteration of scenario 4 (real stack, built services)", () => {
  const resultsDir = mkdtempSync(join(tmpdir(), "pulse-bench-it-"));
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it("generates a tiny dataset, measures every endpoint class over HTTP and directly, and drops its data", async () => {
    const run = await runHarness([
      "--scenario=4",
      "--repetitions=1",
      "--query-events=20000",
      "--query-samples=3",
      "--query-budget=1",
      `--results=${resultsDir}`,
    ]);
    expect(run.code, run.stderr).toBe(0);

    const file = readdirSync(resultsDir).find((f) => f.endsWith(".json"))!;
    const report = JSON.parse(readFileSync(join(resultsDir, file), "utf8")) as BenchReport;
    const scenario = report.scenarios.find((s) => s.id === "4")!;
    expect(scenario.notes.some((n) => n.startsWith("FAILED"))).toBe(false);
    const classes = ["aggregate", "daily timeseries", "breakdown by page, top 20,", 'path contains "blog"', "funnel", "sessions list", "realtime"];
    for (const name of classes) {
      const of = (matches: (label: string) => boolean) =>
        scenario.figures.filter((f) => f.label.startsWith("20k: ") && f.label.includes(name) && matches(f.label));
      const latencies = [
        of((l) => l.endsWith(", HTTP p50")),
        of((l) => l.endsWith(", HTTP p95")),
        of((l) => / direct (SQL|Redis) p50$/.test(l)),
        of((l) => / direct (SQL|Redis) p95$/.test(l)),
      ];
      for (const found of latencies) {
        expect(found.length, name).toBeGreaterThan(0);
        for (const f of found) expect(f.median, f.label).toBeGreaterThan(0);
      }
      for (const f of of((l) => l.includes("API overhead"))) expect(Number.isFinite(f.median), f.label).toBe(true);
    }
    expect(scenario.notes.some((n) => n.includes("20k: 20000 events"))).toBe(true);
    expect(report.targets.filter((t) => t.name.startsWith("4: "))).toHaveLength(7 + 6);
    expect(run.stdout).toContain("| 4 | 20k: aggregate");

    // Its databases (the run's main one and the dataset's) are gone.
    const id = /run (\S+): its databases/.exec(run.stderr)?.[1];
    expect(id, run.stderr).toBeDefined();
    const after = await benchDatabases();
    expect(after.filter((db) => db.includes(id!))).toEqual([]);
  }, 240_000);
});

describe("npm run bench, one short iteration of scenarios 1-3 (real stack, built services, wrk)", () => {
  const resultsDir = mkdtempSync(join(tmpdir(), "pulse-bench-it-"));
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it("measures ingest, the batch pipeline and the consumer against their ceilings and prints the table", async () => {
    const run = await runHarness([
      "--scenario=1,2,3",
      "--quick",
      "--duration=2",
      "--warmup=1",
      "--batch-duration=3",
      "--consumer-events=5000",
      "--connections=8",
      "--paced-connections=8",
      "--batch-connections=2",
      `--results=${resultsDir}`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const file = readdirSync(resultsDir).find((f) => f.endsWith(".json"))!;
    const report = JSON.parse(readFileSync(join(resultsDir, file), "utf8")) as BenchReport;
    for (const id of ["1", "2", "3"]) {
      const scenario = report.scenarios.find((s) => s.id === id);
      expect(scenario, `scenario ${id}`).toBeDefined();
      expect(scenario!.notes.filter((n) => n.startsWith("FAILED")), `scenario ${id}`).toEqual([]);
      // Every scenario measured something, and its rates are real numbers above zero.
      const rates = scenario!.figures.filter((f) => f.unit === "req/s" || f.unit === "events/s");
      expect(rates.length, `scenario ${id} rates`).toBeGreaterThan(0);
      for (const f of rates) expect(f.median, f.label).toBeGreaterThan(0);
      expect(run.stdout).toContain(`| ${id} |`);
    }
  }, 480_000);
});
