import { HTTPException } from "hono/http-exception";

/** 501 with `{"error": "<feature> is not supported yet"}`, naming the feature. */
export function notSupported(feature: string): HTTPException {
  return new HTTPException(501, { message: `${feature} is not supported yet` });
}
