import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** Everything the local stack writes lives under .data/, ignored by git. */
export const TOOLS = join(ROOT, ".data");
/** Servers' data, logs and pid files; PULSE_DATA_DIR gives a second stack (the fault tests') its own. */
export const DATA = process.env.PULSE_DATA_DIR || TOOLS;
export const LOGS = join(DATA, "logs");
export const PIDS = join(DATA, "pids");

export function ensureDir(path) {
  mkdirSync(path, { recursive: true });
  return path;
}
