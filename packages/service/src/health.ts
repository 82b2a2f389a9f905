import { Hono } from "hono";
import { valueWithin } from "./within.js";

/** A named dependency probe; it resolves true when the dependency is usable. */
export type Check = () => Promise<boolean>;

const CHECK_TIMEOUT_MS = 2000;

async function outcomeOf(check: Check): Promise<"ok" | "failing"> {
  try {
    return (await valueWithin(check(), CHECK_TIMEOUT_MS))?.value ? "ok" : "failing";
  } catch {
    return "failing";
  }
}

/**
 * `/healthz`: the process is up. `/readyz`: every dependency answers and the service is not stopping,
 * so a load balancer stops sending traffic as soon as shutdown begins.
 */
export function healthRoutes(checks: Record<string, Check>, isStopping: () => boolean): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const names = Object.keys(checks);
    const outcomes = await Promise.all(names.map((name) => outcomeOf(checks[name]!)));
    const dependencies = Object.fromEntries(names.map((name, i) => [name, outcomes[i]]));
    const ready = !isStopping() && outcomes.every((o) => o === "ok");
    return c.json({ status: ready ? "ready" : isStopping() ? "stopping" : "not ready", dependencies }, ready ? 200 : 503);
  });
  return app;
}
