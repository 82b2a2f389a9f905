import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const APPS = fileURLToPath(new URL("../../", import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET `${url}/readyz`: its status, or 0 when nothing answers. */
export async function readinessOf(url: string): Promise<{ status: number; dependencies: Record<string, string> }> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
    const body = (await response.json()) as { dependencies?: Record<string, string> };
    return { status: response.status, dependencies: body.dependencies ?? {} };
  } catch {
    return { status: 0, dependencies: {} };
  }
}

/**
 * One of the platform's services (`node apps/<app>/dist/main.js`) as a child process, so a scenario
 * can SIGKILL or SIGTERM it like an orchestrator would. Output is kept for diagnosing failures.
 */
export class ServiceProcess {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private log = "";
  private partial = "";
  private readonly lineListeners: ((line: string) => void)[] = [];

  constructor(
    readonly app: "ingest" | "consumer",
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const portVariable = app === "ingest" ? "INGEST_PORT" : "CONSUMER_PORT";
    this.child = spawn("node", [`${APPS}${app}/dist/main.js`], {
      env: { ...env, [portVariable]: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      this.log = (this.log + text).slice(-20_000);
      const lines = (this.partial + text).split("\n");
      this.partial = lines.pop()!;
      for (const line of lines) for (const listener of this.lineListeners) listener(line);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.exit = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Every complete output line (JSON log lines) from now on. */
  onLine(listener: (line: string) => void): void {
    this.lineListeners.push(listener);
  }

  output(): string {
    return this.log;
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.app} exited before it was ready:\n${this.log}`);
      if ((await readinessOf(this.url)).status === 200) return;
      await sleep(200);
    }
    throw new Error(`${this.app} was not ready within ${timeoutMs / 1000} s:\n${this.log}`);
  }

  /** Sends `signal` and resolves with how the process ended. */
  async stop(signal: NodeJS.Signals = "SIGTERM") {
    if (this.running) this.child.kill(signal);
    return this.exit;
  }

  exited() {
    return this.exit;
  }

  /** Resident memory in MiB, from /proc. */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  }
}
