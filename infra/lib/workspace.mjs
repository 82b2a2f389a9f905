import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { run } from "./process.mjs";

const quiet = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", DO_NOT_TRACK: "1" };

/**
 * Installs dependencies on a fresh clone, and again when package-lock.json changed since the last
 * install. `npm install` rather than `npm ci`: the lock pins every version either way, and `npm ci`
 * refuses a lock that lacks other platforms' optional binaries (turbo, biome) when the registry in
 * use does not serve them.
 */
export async function ensureInstalled(log = console.log) {
  const marker = join(ROOT, "node_modules", ".package-lock.json");
  const lock = join(ROOT, "package-lock.json");
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  log("installing dependencies (npm install)");
  await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: ROOT });
}

export function turbo(args, options = {}) {
  return run(join(ROOT, "node_modules", ".bin", "turbo"), args, { cwd: ROOT, env: quiet, ...options });
}

export function migrate(env = process.env) {
  return run("node", [join(ROOT, "packages", "clickhouse", "dist", "migrate-cli.js")], { cwd: ROOT, env });
}
