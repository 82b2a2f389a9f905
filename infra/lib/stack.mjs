import { clickhouse } from "../servers/clickhouse.mjs";
import { kafka } from "../servers/kafka.mjs";
import { redis } from "../servers/redis.mjs";
import { stackAddresses } from "./env.mjs";
import { logFile, runningPid, stopPid, waitUntil } from "./process.mjs";

export const SERVERS = [clickhouse, kafka, redis];

function selected(names) {
  if (!names || names.length === 0) return SERVERS;
  const unknown = names.filter((n) => !SERVERS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`Unknown server(s): ${unknown.join(", ")}; known: ${SERVERS.map((s) => s.name).join(", ")}`);
  return SERVERS.filter((s) => names.includes(s.name));
}

const answers = (server, address) => server.answers(address).catch(() => false);

/**
 * Brings each server up unless one already answers at its address (then it is reused).
 * Resolves with the names of the servers this call started, so a caller can stop exactly those.
 */
export async function up(names, { log = console.log, env = process.env } = {}) {
  const addresses = stackAddresses(env);
  const started = [];
  const all = Promise.allSettled(
    selected(names).map(async (server) => {
      const address = addresses[server.name];
      const where = server.describe(address);
      if (await answers(server, address)) {
        log(`${server.name}: reusing ${where}${runningPid(server.name) ? " (started by this project)" : ""}`);
        return;
      }
      if (!address.local) throw new Error(`${server.name} at ${where} does not answer, and it is not local, so it is not started here`);
      await server.install();
      await server.start(address);
      started.push(server.name);
      log(`${server.name}: starting at ${where}`);
      await waitUntil(() => answers(server, address), {
        what: `${server.name} at ${where}`,
        timeoutMs: server.startTimeoutMs,
        log: logFile(server.name),
      });
      log(`${server.name}: ready at ${where}`);
    }),
  );
  const failed = (await all).find((outcome) => outcome.status === "rejected");
  if (failed) {
    // Leave nothing behind: the caller never learns what this call started when it throws.
    if (started.length > 0) await down(started, { log });
    throw failed.reason;
  }
  return started;
}

/** Stops only the servers this project started (pid files); servers it reused are left alone. */
export async function down(names, { log = console.log } = {}) {
  for (const server of selected(names).reverse()) {
    const stopped = await stopPid(server.name);
    log(`${server.name}: ${stopped ? "stopped" : "not started by this project; left alone"}`);
  }
}

export async function status({ env = process.env } = {}) {
  const addresses = stackAddresses(env);
  return Promise.all(
    SERVERS.map(async (server) => ({
      name: server.name,
      address: server.describe(addresses[server.name]),
      healthy: await answers(server, addresses[server.name]),
      pid: runningPid(server.name) ?? null,
      log: logFile(server.name),
    })),
  );
}
