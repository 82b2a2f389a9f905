import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** apps/ (this file is apps/bench/dist/processes.js when run). */
export const APPS_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const WORKERS_DIR = fileURLToPath(new URL("./workers/", import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A child process started by the harness, with its output kept (the tail) for diagnosis. */
export class Child {
  readonly process: ChildProcess;
  private tail: string[] = [];
  private readonly lineListeners: ((line: string) => void)[] = [];
  private partial = "";
  private readonly exitPromise: Promise<number | null>;
  private readonly logFile: WriteStream | undefined;

  /** `logPath`: also append all of the process's output to this file. */
  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    logPath?: string,
  ) {
    this.process = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    this.logFile = logPath ? createWriteStream(logPath, { flags: "a" }) : undefined;
    this.process.stdout!.on("data", (chunk: Buffer) => this.take(chunk.toString("utf8")));
    this.process.stderr!.on("data", (chunk: Buffer) => this.take(chunk.toString("utf8")));
    this.exitPromise = new Promise((resolve) => {
      // "close" comes after the output streams ended, so no line is lost.
      this.process.once("close", (code) => {
        this.logFile?.end();
        resolve(code);
      });
      this.process.once("error", () => resolve(-1));
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Every complete output line from now on. */
  onLine(listener: (line: string) => void): void {
    this.lineListeners.push(listener);
  }

  output(lines = 40): string {
    return this.tail.slice(-lines).join("\n");
  }

  exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.process.kill("SIGTERM");
    const killed = await Promise.race([this.exitPromise.then(() => true), sleep(graceMs).then(() => false)]);
    if (!killed && this.running) {
      this.process.kill("SIGKILL");
      await this.exitPromise;
    }
  }

  private take(text: string) {
    this.logFile?.write(text);
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      this.tail.push(line);
      for (const listener of this.lineListeners) listener(line);
    }
    if (this.tail.length > 400) this.tail = this.tail.slice(-200);
  }
}

/** Polls GET url until it answers 200. */
export async function waitHttpOk(url: string, child: Child | undefined, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && !child.running) throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {}
    await sleep(150);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${child ? `:\n${child.output()}` : ""}`);
}

/**
 * Waits for a worker (see BenchEnvironment.runWorker) to exit and returns the JSON it printed on its
 * last `RESULT ` line.
 */
export async function workerResult<T>(child: Child): Promise<T> {
  let result: string | undefined;
  child.onLine((line) => {
    if (line.startsWith("RESULT ")) result = line.slice("RESULT ".length);
  });
  const code = await child.exited();
  if (code !== 0 || result === undefined) {
    throw new Error(`worker ${child.name} exited ${code} without a result:\n${child.output()}`);
  }
  return JSON.parse(result) as T;
}

/** The last warning and error lines of a service's JSON log, shortened, for a note on what went wrong. */
export function problemLines(child: Child, count = 3): string[] {
  return child
    .output(400)
    .split("\n")
    .filter((line) => /"level":"(warn|error|fatal)"/.test(line))
    .slice(-count)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line));
}

/** Whether a service's /readyz answers 200 now, and what it says. */
export async function readiness(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
    return `${response.status} ${(await response.text()).slice(0, 200)}`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}
