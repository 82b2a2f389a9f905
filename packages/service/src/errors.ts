import type { Logger } from "@pulse/logger";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ValidationError } from "./json-body.js";

/** Every error leaves as JSON `{"error": ...}`; unexpected ones are logged and never echo internals. */
export function withJsonErrors(app: Hono, logger: Logger): Hono {
  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ValidationError) {
      return c.json(error.fields.length > 0 ? { error: error.message, fields: error.fields } : { error: error.message }, 400);
    }
    if (error instanceof HTTPException) {
      return c.json({ error: error.message || "Request failed" }, error.status);
    }
    if (c.req.raw.signal.aborted || (error as { code?: string }).code === "ECONNRESET") {
      // The client hung up (or was cut off at a timeout) while the request was read: nobody waits
      // for this answer, and it is not a fault of the service.
      logger.debug({ method: c.req.method, path: c.req.path }, "request aborted by the client");
      return c.json({ error: "Request aborted" }, 400);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error");
    return c.json({ error: "Internal server error" }, 500);
  });
  return app;
}
