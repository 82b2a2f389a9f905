import { timingSafeEqual } from "node:crypto";
import { type AccessTokens, type ApiKey, hashToken, isAccessToken, type MetadataCache } from "@pulse/metadata";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { FreshLookup } from "./fresh.js";
import { tokenOf } from "./token.js";

export type AuthEnv = { Variables: { key: ApiKey } };

export interface BearerDeps {
  cache: MetadataCache;
  fresh: FreshLookup;
  /** Short-lived tokens from POST /api/v1/token (Pirsch's OAuth exchange); without it they are unknown. */
  accessTokens?: AccessTokens;
}

/**
 * The key a token stands for: an API key (looked up by hash, a key created a moment ago included),
 * or an access token, recognized by its prefix and resolved in Redis, never through the cache's
 * token map, where each miss would reload the cache.
 */
export async function keyOfBearer(token: string, { cache, fresh, accessTokens }: BearerDeps): Promise<ApiKey | undefined> {
  if (isAccessToken(token)) {
    const keyId = accessTokens ? await accessTokens.resolve(token) : undefined;
    return keyId === undefined ? undefined : fresh(() => cache.keyById(keyId));
  }
  const key = await fresh(() => cache.keyByToken(token));
  if (!key) return undefined;
  // The map lookup is by hash; comparing the hashes again in constant time keeps the check itself
  // free of timing differences whatever the lookup structure does.
  const presented = Buffer.from(hashToken(token), "hex");
  return timingSafeEqual(presented, Buffer.from(key.token_hash, "hex")) ? key : undefined;
}

/** Resolves the request's token to its key, or answers 401. */
export function authenticate(deps: BearerDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = tokenOf(c);
    if (!token) throw new HTTPException(401, { message: "Missing API token: send Authorization: Bearer <token>" });
    const key = await keyOfBearer(token, deps);
    if (!key) throw new HTTPException(401, { message: "Unknown or expired API token" });
    c.set("key", key);
    await next();
  };
}
