import { Hono } from "hono";

/** The query API; the query issue fills it in. */
export function queryRoutes(): Hono {
  return new Hono();
}
