import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A 400 whose JSON body names each bad field: `{"error": ..., "fields": [{field, message}]}`. */
export class ValidationError extends HTTPException {
  constructor(
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(400, { message });
  }
}

export function fieldProblemsOf(error: z.ZodError, prefix = ""): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: issue.message,
  }));
}

/** The request's JSON body checked against `schema`; malformed JSON and schema misfits become 400s. */
export async function jsonBodyOf<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ValidationError("Request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Invalid request body", fieldProblemsOf(parsed.error));
  return parsed.data;
}

/** The request's query string checked against `schema` (repeated keys become arrays). */
export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const raw = Object.fromEntries(
    Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Invalid query parameters", fieldProblemsOf(parsed.error));
  return parsed.data;
}
