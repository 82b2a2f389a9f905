import { Hono } from "hono";

/** The tracking endpoints; the pipeline issue fills them in. */
export function ingestRoutes(): Hono {
  return new Hono();
}
