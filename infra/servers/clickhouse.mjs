import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { clickhouseAnswers } from "../lib/probes.mjs";
import { ensureDir, DATA, ROOT, TOOLS } from "../lib/paths.mjs";
import { run, startDetached } from "../lib/process.mjs";

const LAUNCHER_SOURCE = join(ROOT, "infra", "clickhouse", "launcher.c");
const LAUNCHER = join(TOOLS, "bin", "clickhouse-chdb");

function libchdbDir() {
  const require = createRequire(join(ROOT, "infra", "package.json"));
  try {
    return dirname(require.resolve("@chdb/lib-linux-x64-gnu/libchdb.so"));
  } catch {
    throw new Error("libchdb.so not found: run `npm install` first (the chdb package provides it)");
  }
}

/** Builds the launcher once, and again when its source is newer than the binary. */
async function install() {
  if (existsSync(LAUNCHER) && statSync(LAUNCHER).mtimeMs >= statSync(LAUNCHER_SOURCE).mtimeMs) return;
  const lib = libchdbDir();
  ensureDir(dirname(LAUNCHER));
  await run("cc", ["-O2", "-o", LAUNCHER, LAUNCHER_SOURCE, `-L${lib}`, "-lchdb", `-Wl,-rpath,${lib}`]);
}

function start({ port }) {
  const path = ensureDir(join(DATA, "clickhouse"));
  const keepServing =
    "SELECT sleepEachRow(3) FROM system.numbers SETTINGS max_block_size=1, " +
    "function_sleep_max_microseconds_per_block=0, max_execution_time=0 FORMAT Null";
  const args = [
    `--path=${path}/`,
    `--http_port=${port}`,
    // No authentication on this listener: loopback only.
    "--listen_host=127.0.0.1",
    "--multiquery",
    `--query=SYSTEM START LISTEN HTTP; ${keepServing}`,
  ];
  return startDetached("clickhouse", LAUNCHER, args, { marker: `--http_port=${port}`, cwd: path });
}

export const clickhouse = {
  name: "clickhouse",
  describe: ({ host, port }) => `http://${host}:${port}`,
  answers: clickhouseAnswers,
  install,
  start,
  startTimeoutMs: 60_000,
};
