import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { INSUFFICIENT_SCOPE } from "./access.js";

/**
 * Krafter's error bodies are flat, with one human-readable "error" string: 400 {"error": "..."},
 * 403 {"error": "Insufficient scope"} (or a cross-team access), 404 {"error": "Not found"}.
 */
export function krafterError(error: Error, c: Context): Response {
  if (error instanceof ValidationError) {
    const fields = error.fields.map((f) => `${f.field} ${f.message}`).join("; ");
    return c.json({ error: fields === "" ? error.message : `${error.message}: ${fields}` }, 400);
  }
  if (error instanceof HTTPException) {
    if (error.status === 403) return c.json({ error: error.message === INSUFFICIENT_SCOPE ? INSUFFICIENT_SCOPE : "Forbidden" }, 403);
    if (error.status === 404) return c.json({ error: "Not found" }, 404);
    return c.json({ error: error.message }, error.status);
  }
  throw error;
}

/** The engine's refusals are the client's mistakes: a 400. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) throw new ValidationError(error.message);
    throw error;
  }
}
