import type { MiddlewareHandler } from "hono";

/** Below this an X-RateLimit-Reset is epoch seconds (ms passed it in 2001), so it is converted. */
const MS_THRESHOLD = 1e12;

/**
 * The v2 document gives X-RateLimit-Reset in epoch milliseconds (1711612800000); the shared rate
 * limiter (api-kit) writes epoch seconds. This rewrites the value on every response that passes
 * through the v2 routes. A 429 is answered by the limiter before any route runs, so it keeps
 * seconds until api-kit can be told the unit (its Retry-After is the documented signal there).
 */
export const resetInMilliseconds: MiddlewareHandler = async (c, next) => {
  await next();
  const reset = c.res.headers.get("X-RateLimit-Reset");
  if (reset === null || !/^\d{1,13}$/.test(reset)) return;
  const value = Number(reset);
  if (value < MS_THRESHOLD) c.header("X-RateLimit-Reset", String(value * 1000));
};
