import { join } from "node:path";
import { redisAnswers } from "../lib/probes.mjs";
import { ensureDir, DATA } from "../lib/paths.mjs";
import { hasCommand, run, startDetached } from "../lib/process.mjs";

/** Most machines here already run Redis; only when none answers is Debian's redis-server installed and started. */
async function install() {
  if (hasCommand("redis-server")) return;
  await run("apt-get", ["update", "-qq"]);
  await run("apt-get", ["install", "-y", "-qq", "redis-server"], {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

function start({ port }) {
  const dir = ensureDir(join(DATA, "redis"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  return startDetached("redis", "redis-server", args, { marker: `redis-server` });
}

export const redis = {
  name: "redis",
  describe: ({ host, port }) => `redis://${host}:${port}`,
  answers: redisAnswers,
  install,
  start,
  startTimeoutMs: 20_000,
};
