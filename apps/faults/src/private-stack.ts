import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const STACK = fileURLToPath(new URL("../../../infra/stack.mjs", import.meta.url));

export type ServerName = "clickhouse" | "kafka" | "redis";
const ALL: ServerName[] = ["clickhouse", "kafka", "redis"];

export interface StackPorts {
  clickhouse: number;
  /** The broker's client port; its controller listens on the next one. */
  kafka: number;
  redis: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type PrivateStack = ReturnType<typeof privateStack>;

/**
 * A ClickHouse, Kafka and Redis of the fault suite's own (other ports, data under one folder of
 * their own), started and stopped by the project's stack script, so faults never touch the dev stack.
 * The folder is fixed per port set: a run that crashed leaves pid files there that the next run's
 * `reset` uses to stop what it left behind.
 */
export function privateStack(ports: StackPorts) {
  const dataDir = join(tmpdir(), `pulse-faults-${ports.clickhouse}`);
  const env = {
    PULSE_DATA_DIR: dataDir,
    CLICKHOUSE_URL: `http://127.0.0.1:${ports.clickhouse}`,
    KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
    REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
  };
  const stack = (command: "up" | "down", servers: ServerName[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("node", [STACK, command, ...servers], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`stack ${command} ${servers} exited ${code}`))));
    });

  /** The pid the stack script recorded for a server it started here. */
  const pidOf = (name: ServerName): number | undefined => {
    const file = join(dataDir, "pids", `${name}.pid`);
    if (!existsSync(file)) return undefined;
    const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
    return isAlive(pid) ? pid : undefined;
  };

  return {
    env,
    up: (...servers: ServerName[]) => stack("up", servers),
    /** Graceful stop (SIGTERM, as the stack script does). */
    down: (...servers: ServerName[]) => stack("down", servers),
    /** SIGKILL: the server gets no chance to flush or close anything; resolves once it is gone. */
    kill: async (name: ServerName) => {
      const pid = pidOf(name);
      if (pid === undefined) throw new Error(`${name} is not running under ${dataDir}`);
      process.kill(pid, "SIGKILL");
      while (isAlive(pid)) await sleep(20);
    },
    pidOf,
    /** Stops whatever a previous run left and starts from empty data. */
    reset: async () => {
      await stack("down", ALL);
      rmSync(dataDir, { recursive: true, force: true });
    },
    dispose: async () => {
      await stack("down", ALL);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
