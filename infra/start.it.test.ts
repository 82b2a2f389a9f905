import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./lib/paths.mjs";

// Integration: runs `npm start`'s script on spare ports against the running stack, then stops it.
const ports = { INGEST_PORT: 23_001, QUERY_PORT: 23_002, CONSUMER_PORT: 23_003 };

async function answers(port: number): Promise<number | "closed"> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return "closed";
  }
}

describe("npm start (real services)", () => {
  it("brings the three services to ready and stops them all on SIGTERM", async () => {
    const env = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
    const child = spawn("node", [join(ROOT, "infra", "start.mjs")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    const deadline = Date.now() + 150_000;
    while (!output.includes("is running") && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output).toContain("is running");
    for (const port of Object.values(ports)) expect(await answers(port)).toBe(200);
    expect(output).toContain(`http://127.0.0.1:${ports.QUERY_PORT}`);
    expect(output).toContain(`API docs: http://127.0.0.1:${ports.QUERY_PORT}/docs`);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const port of Object.values(ports)) expect(await answers(port)).toBe("closed");
    // The stack was running before, so npm start reused it and must have left it running.
    expect(output).toContain("reusing");
  }, 180_000);
});
