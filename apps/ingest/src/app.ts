import { LIMITS } from "@pulse/hits";
import { Hono } from "hono";
import type { AcceptDeps } from "./accept.js";
import { limitBody } from "./body-limit.js";
import { type BeaconOptions, beaconRoutes } from "./routes/beacon.js";
import { serverSideRoutes } from "./routes/server-side.js";

/** Every ingest route; dependencies are passed in so tests can run it against real or recording ports. */
export function ingestRoutes(deps: AcceptDeps, options: BeaconOptions): Hono {
  const app = new Hono();
  app.use(
    "/api/*",
    limitBody(LIMITS.bodyBytes, (c) => c.json({ error: `Request body exceeds ${LIMITS.bodyBytes} bytes` }, 413)),
  );
  app.route("/", serverSideRoutes(deps));
  app.route("/", beaconRoutes(deps, options));
  return app;
}
