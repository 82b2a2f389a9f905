#!/usr/bin/env node
// `npm test`: install if needed, build, bring the stack up, run every workspace's checks and tests,
// print one summary line, and stop only the servers this run started.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/paths.mjs";
import { down, up } from "./lib/stack.mjs";
import { ensureInstalled, migrate, turbo } from "./lib/workspace.mjs";

const RESULTS = "vitest-results.json";

/** Workspace folders, from the root package.json's patterns ("dir/*" or a folder). */
function workspaces() {
  const { workspaces: patterns } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const dir = pattern.slice(0, -2);
    return readdirSync(join(ROOT, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${dir}/${entry.name}`);
  });
}

/** Sums the JSON reports every workspace's vitest wrote. */
function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const ws of workspaces()) {
    try {
      const report = JSON.parse(readFileSync(join(ROOT, ws, RESULTS), "utf8"));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    } catch {}
  }
  return { passed, failed, skipped };
}

let exitCode = 0;
let started = [];
try {
  await ensureInstalled();
  await turbo(["run", "build"]);
  started = await up();
  await migrate();
  for (const ws of workspaces()) rmSync(join(ROOT, ws, RESULTS), { force: true });
  await turbo(["run", "lint", "typecheck", "--continue"]).catch((error) => {
    console.error(error.message);
    exitCode = 1;
  });
  await turbo([
    "run",
    "test",
    "--continue",
    "--concurrency=2",
    "--",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${RESULTS}`,
  ]).catch((error) => {
    console.error(error.message);
    exitCode = 1;
  });
} catch (error) {
  console.error(`npm test failed: ${error.message}`);
  exitCode = 1;
} finally {
  if (started.length > 0) await down(started).catch((error) => console.error(error.message));
}
const { passed, failed, skipped } = summary();
if (exitCode === 0 && (failed > 0 || passed === 0)) exitCode = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
