import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

/**
 * Kindmetrics (a Lucky app) answers errors with its ErrorSerializer: {message, param, details},
 * null where absent. We add our own "error" field so that every error of this API, including the
 * 401 and 429 of the shared authentication and rate limits, carries it.
 */
export interface KindmetricsErrorBody {
  error: string;
  message: string;
  param: string | null;
  details: string | null;
}

const TITLES: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found" };

export function errorBodyOf(message: string, param: string | null = null, details: string | null = null): KindmetricsErrorBody {
  return { error: details === null ? message : `${message}: ${details}`, message, param, details };
}

/** Hono error handler for the Kindmetrics routes; anything unexpected goes on to the service's (a logged 500). */
export function kindmetricsError(error: Error, c: Context): Response {
  if (error instanceof ValidationError) {
    const first = error.fields[0];
    return c.json(errorBodyOf(error.message, first?.field ?? null, first?.message ?? null), 400);
  }
  if (error instanceof HTTPException) {
    const title = TITLES[error.status];
    return c.json(title === undefined ? errorBodyOf(error.message) : errorBodyOf(title, null, error.message), error.status);
  }
  throw error;
}

/** The engine's refusals are the client's mistakes: a 400 naming what was wrong. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) throw new HTTPException(400, { message: error.message });
    throw error;
  }
}
