import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";

/** Media ranges that application/json satisfies. */
const JSON_RANGES = new Set(["*/*", "application/*", "application/json"]);

/**
 * Whether an Accept header lets us answer with application/json (RFC 9110 §12.5.1): no header
 * (or an empty one) accepts anything; otherwise some range that covers JSON must have q > 0.
 */
export function acceptsJson(header: string | undefined): boolean {
  if (header === undefined || header.trim() === "") return true;
  return header.split(",").some((part) => {
    const [range = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (!JSON_RANGES.has(range)) return false;
    const q = params.find((p) => p.startsWith("q="));
    if (q === undefined) return true;
    const weight = Number(q.slice(2));
    return Number.isFinite(weight) && weight > 0;
  });
}

/** Kissmetrics serves JSON only; any other Accept is refused with 406, as its document says it supports nothing else. */
export const jsonOnly: MiddlewareHandler = async (c, next) => {
  if (!acceptsJson(c.req.header("accept"))) {
    throw new HTTPException(406, { message: "Not Acceptable: this API only serves application/json" });
  }
  await next();
};
