import { type ApiOperation, jsonBodyOf, type OpenApiRegistry, queryOf } from "@pulse/service";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { AuthEnv } from "./authenticate.js";

type Input<O extends ApiOperation> = {
  body: O["body"] extends z.ZodType ? z.infer<O["body"]> : undefined;
  query: O["query"] extends z.ZodType ? z.infer<O["query"]> : undefined;
};

/**
 * Declares an operation once: it is documented in the OpenAPI registry and served by Hono with its
 * body and query validated by the same schemas.
 */
export function route<O extends ApiOperation>(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  operation: O,
  handler: (c: Context<AuthEnv>, input: Input<O>) => Response | Promise<Response>,
): void {
  registry.add(operation);
  app.on(operation.method.toUpperCase(), operation.path, async (c) => {
    const input = {
      body: operation.body ? await jsonBodyOf(c, operation.body) : undefined,
      query: operation.query ? queryOf(c, operation.query) : undefined,
    } as Input<O>;
    return handler(c, input);
  });
}

/** A path parameter the route's pattern guarantees. */
export function paramOf(c: Context, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}
