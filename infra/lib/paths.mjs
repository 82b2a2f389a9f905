import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** Everything the local stack writes (binaries it builds, data, logs, pid files) lives here, ignored by git. */
export const DATA = process.env.PULSE_DATA_DIR ?? join(ROOT, ".data");
export const LOGS = join(DATA, "logs");
export const PIDS = join(DATA, "pids");

export function ensureDir(path) {
  mkdirSync(path, { recursive: true });
  return path;
}
