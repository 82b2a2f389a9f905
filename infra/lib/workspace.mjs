import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { spawn } from "node:child_process";
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

/** On an empty database, creates the first account and admin key; resolves the new token, if any. */
export function bootstrap(env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [join(ROOT, "apps", "query", "dist", "bootstrap.js")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bootstrap exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)).admin_token);
    });
  });
}

export function migrate(env = process.env) {
  return run("node", [join(ROOT, "packages", "clickhouse", "dist", "migrate-cli.js")], { cwd: ROOT, env });
}
