import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, LOGS, PIDS } from "./paths.mjs";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function logFile(name) {
  return join(ensureDir(LOGS), `${name}.log`);
}

function pidFile(name) {
  return join(ensureDir(PIDS), `${name}.pid`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid a server was started with, if that process still runs the command we started (pids get reused). */
export function runningPid(name) {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const { pid, marker } = JSON.parse(readFileSync(file, "utf8"));
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {}
  if (isAlive(pid) && cmdline.includes(marker)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

/**
 * Starts a server in its own process group, detached from the caller, output appended to its log.
 * `marker` is a string of its command line that identifies it later.
 */
export function startDetached(name, command, args, { marker, cwd, env } = {}) {
  const log = logFile(name);
  const fd = openSync(log, "a");
  const child = spawn(command, args, { cwd, env: env ?? process.env, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  child.unref();
  writeFileSync(pidFile(name), JSON.stringify({ pid: child.pid, marker: marker ?? command }));
  return child.pid;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopPid(name, graceMs = 15_000) {
  const pid = runningPid(name);
  if (!pid) return false;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  while (isAlive(pid)) await sleep(50);
  rmSync(pidFile(name), { force: true });
  return true;
}

/** Polls `check` until it resolves true; on timeout throws an error naming the server and its log. */
export async function waitUntil(check, { what, timeoutMs, log }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not become healthy within ${timeoutMs / 1000} s${log ? `; see its log: ${log}` : ""}`);
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`)),
    );
  });
}

export function hasCommand(command) {
  return (process.env.PATH ?? "").split(":").some((dir) => existsSync(join(dir, command)));
}
