import type { z } from "zod";
import { StatsQueryError } from "../errors.js";

/** Parses input with a schema, turning the first problem into a StatsQueryError (a client error). */
export function parsed<S extends z.ZodType>(schema: S, input: unknown, at: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [at, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  throw new StatsQueryError(`${path.join(".")}: ${issue.message}`, path);
}
