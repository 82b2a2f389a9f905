import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { run } from "./process.mjs";

const quiet = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", DO_NOT_TRACK: "1" };

/** `npm ci` on a fresh clone, `npm install` when package-lock.json changed since the last install. */
export async function ensureInstalled(log = console.log) {
  const marker = join(ROOT, "node_modules", ".package-lock.json");
  const lock = join(ROOT, "package-lock.json");
  if (!existsSync(marker)) {
    log("installing dependencies (npm ci)");
    await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT });
  } else if (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    log("package-lock.json changed: npm install");
    await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: ROOT });
  }
}

export function turbo(args, options = {}) {
  return run(join(ROOT, "node_modules", ".bin", "turbo"), args, { cwd: ROOT, env: quiet, ...options });
}

export function migrate(env = process.env) {
  return run("node", [join(ROOT, "packages", "clickhouse", "dist", "migrate-cli.js")], { cwd: ROOT, env });
}
