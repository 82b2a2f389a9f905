import { timingSafeEqual } from "node:crypto";
import { type ApiKey, hashToken, type MetadataCache } from "@pulse/metadata";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { FreshLookup } from "./fresh.js";
import { tokenOf } from "./token.js";

export type AuthEnv = { Variables: { key: ApiKey } };

/** Resolves the request's token to its key (a key created a moment ago included), or answers 401. */
export function authenticate(cache: MetadataCache, fresh: FreshLookup): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = tokenOf(c);
    if (!token) throw new HTTPException(401, { message: "Missing API token: send Authorization: Bearer <token>" });
    const key = await fresh(() => cache.keyByToken(token));
    // The map lookup is by hash; comparing the hashes again in constant time keeps the check itself
    // free of timing differences whatever the lookup structure does.
    const presented = Buffer.from(hashToken(token), "hex");
    if (!key || !timingSafeEqual(presented, Buffer.from(key.token_hash, "hex"))) {
      throw new HTTPException(401, { message: "Unknown or expired API token" });
    }
    c.set("key", key);
    await next();
  };
}
