import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const STACK = fileURLToPath(new URL("../../../../infra/stack.mjs", import.meta.url));

/**
 * A ClickHouse and a Kafka of this test's own (other ports, other data directory), started by the
 * project's stack script, so a test can stop and start them without disturbing other tests.
 */
export function privateStack(clickhousePort: number, kafkaPort: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "pulse-faults-"));
  const env = {
    PULSE_DATA_DIR: dataDir,
    CLICKHOUSE_URL: `http://127.0.0.1:${clickhousePort}`,
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
  };
  const stack = (command: "up" | "down", ...servers: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("node", [STACK, command, ...servers], { env: { ...process.env, ...env }, stdio: "inherit" });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`stack ${command} exited ${code}`))));
    });
  return {
    env,
    up: (...servers: ("clickhouse" | "kafka")[]) => stack("up", ...servers),
    down: (...servers: ("clickhouse" | "kafka")[]) => stack("down", ...servers),
    dispose: async () => {
      await stack("down", "clickhouse", "kafka");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
