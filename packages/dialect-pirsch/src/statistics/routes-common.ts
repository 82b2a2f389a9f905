import type { PirschRequest } from "./request.js";

export const TAG = "Pirsch: statistics";
export const API = "/api/v1/statistics";

/** What a GET statistics endpoint answers for a request, before it becomes JSON. */
export type StatisticsHandler = (request: PirschRequest) => Promise<unknown>;
/** The handlers by path below API ("/visitor", "/page", ...). */
export type StatisticsHandlers = Map<string, StatisticsHandler>;

/** A handler the routes registered, or a programming error. */
export function handlerOf(handlers: StatisticsHandlers, path: string): StatisticsHandler {
  const handler = handlers.get(path);
  if (handler === undefined) throw new Error(`no statistics handler for ${path}`);
  return handler;
}
