#!/usr/bin/env node
// `npm start`: install if needed, build, bring the stack up, migrate, run the three services until
// Ctrl-C or SIGTERM, then stop them and the servers this run started.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { stackAddresses } from "./lib/env.mjs";
import { ROOT } from "./lib/paths.mjs";
import { sleep, waitUntil } from "./lib/process.mjs";
import { down, up } from "./lib/stack.mjs";
import { bootstrap, ensureInstalled, migrate, turbo } from "./lib/workspace.mjs";

const host = process.env.HOST || "127.0.0.1";
const SERVICES = [
  { name: "ingest", port: Number(process.env.INGEST_PORT || 3001) },
  { name: "query", port: Number(process.env.QUERY_PORT || 3002) },
  { name: "consumer", port: Number(process.env.CONSUMER_PORT || 3003) },
];
const children = new Map();
let started = [];
let stopping = false;

async function ready(port) {
  const response = await fetch(`http://${host}:${port}/readyz`, { signal: AbortSignal.timeout(2500) });
  return response.status === 200;
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log("stopping services");
  for (const child of children.values()) if (child.exitCode === null) child.kill("SIGTERM");
  const deadline = Date.now() + 15_000;
  while ([...children.values()].some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) {
    await sleep(100);
  }
  for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (started.length > 0) await down(started).catch((error) => console.error(error.message));
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stopAll(0));

try {
  await ensureInstalled();
  await turbo(["run", "build"]);
  started = await up();
  await migrate();
  const adminToken = await bootstrap();
  for (const service of SERVICES) {
    const child = spawn("node", [join(ROOT, "apps", service.name, "dist", "main.js")], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, HOST: host },
    });
    children.set(service.name, child);
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`${service.name} exited unexpectedly (${signal ?? code}); stopping everything`);
      void stopAll(1);
    });
  }
  await Promise.all(
    SERVICES.map((s) => waitUntil(() => ready(s.port), { what: `${s.name} on port ${s.port}`, timeoutMs: 90_000 })),
  );
  const stack = stackAddresses();
  console.log(
    [
      "",
      "Pulse analytics is running:",
      ...SERVICES.map((s) => `  ${s.name.padEnd(9)} http://${host}:${s.port}   (health: /healthz, readiness: /readyz)`),
      `  clickhouse http://${stack.clickhouse.host}:${stack.clickhouse.port}`,
      `  kafka     ${stack.kafka.host}:${stack.kafka.port}`,
      `  redis     redis://${stack.redis.host}:${stack.redis.port}`,
      ...(adminToken
        ? ["", `First admin API key (shown once, store it now): ${adminToken}`, `  try: curl -H "Authorization: Bearer ${adminToken}" http://${host}:${SERVICES[1].port}/api/pulse/v1/sites`]
        : []),
      `API docs: http://${host}:${SERVICES[1].port}/docs`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
} catch (error) {
  console.error(`npm start failed: ${error.message}`);
  await stopAll(1);
}
