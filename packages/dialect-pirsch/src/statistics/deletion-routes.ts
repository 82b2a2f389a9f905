import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import type { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";
import type { Hono } from "hono";
import { z } from "zod";
import { writableSite } from "../http/site-access.js";
import { answer } from "./request.js";
import { API, TAG } from "./routes-common.js";

export interface DeletionDeps {
  engine: StatsEngine;
  sites: SiteLookup;
}

/** A date, or the ISO instant a JavaScript Date becomes (the SDKs send those), as YYYY-MM-DD. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\S*)?$/, "must be a date as YYYY-MM-DD")
  .transform((value) => value.slice(0, 10));

const deletionBody = z.object({
  id: z.string().min(1).max(200),
  /** "" or all: everything we collected; events: only custom events; imported: imported statistics (we hold none). */
  kind: z.enum(["", "all", "events", "imported"]).default(""),
  from: day,
  to: day,
});

/**
 * Pirsch's "Deleting Statistics": the domain's data of the days from..to (in its zone), all of it or
 * only the custom events, asynchronously. The answer (200, no body) comes once ClickHouse has
 * accepted the deletion; it finishes in the background. Changing a domain's data takes domains:write.
 */
export function deletionRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: DeletionDeps): void {
  route(
    app,
    registry,
    { method: "delete", path: API, summary: "Delete a domain's statistics of a date range (kind: all or events), asynchronously", tag: TAG, scope: "domains:write", body: deletionBody },
    async (c, { body }) => {
      const site = await writableSite(c.get("key"), deps.sites, body.id);
      if (body.kind !== "imported") {
        const kind = body.kind === "events" ? "events" : "all";
        await answer(() => deps.engine.deleteData({ site_id: site.id, date_range: { from: body.from, to: body.to }, timezone: site.timezone, kind }));
      }
      return c.body(null, 200);
    },
  );
}
