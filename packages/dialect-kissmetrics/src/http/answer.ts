import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import { HTTPException } from "hono/http-exception";

/** The engine refuses what the client asked badly (a segment key too long, dates reversed): 400, never 500. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) throw new ValidationError(error.message);
    throw error;
  }
}

export function notFound(what: string): never {
  throw new HTTPException(404, { message: `${what} not found` });
}
