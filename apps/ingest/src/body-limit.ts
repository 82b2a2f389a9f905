import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * 413 for request bodies over `maxBytes`. A declared Content-Length is judged from the header alone:
 * hono's bodyLimit touches `c.req.raw.body`, which makes @hono/node-server build a full web Request
 * with a ReadableStream around the socket, and that cost several times a bare request's CPU. Left
 * alone, the body is later read straight from the socket. A body of undeclared length (chunked) is
 * still counted while it is read.
 */
export function limitBody(maxBytes: number, onTooLarge: (c: Context) => Response): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    const headers = c.req.raw.headers;
    const declared = headers.get("content-length");
    if (declared !== null && !headers.has("transfer-encoding")) {
      return Number(declared) > maxBytes ? onTooLarge(c) : next();
    }
    return streaming(c, next);
  };
}
