import { HTTPException } from "hono/http-exception";

/** The 404 of a lookup that found nothing the key may see. */
export function notFound(what: string): HTTPException {
  return new HTTPException(404, { message: `${what} not found` });
}
