import { timingSafeEqual } from "node:crypto";
import { type AuthEnv, type FreshLookup, tokenOf } from "@pulse/api-kit";
import { type AccessTokens, type ApiKey, hashToken, isAccessToken, type MetadataCache } from "@pulse/metadata";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";

export interface BearerDeps {
  cache: MetadataCache;
  accessTokens: AccessTokens;
  fresh: FreshLookup;
}

/** The key an API key token stands for, its hash compared again in constant time (as api-kit does). */
async function keyOfApiKey(token: string, { cache, fresh }: BearerDeps): Promise<ApiKey | undefined> {
  const key = await fresh(() => cache.keyByToken(token));
  if (!key) return undefined;
  const presented = Buffer.from(hashToken(token), "hex");
  return timingSafeEqual(presented, Buffer.from(key.token_hash, "hex")) ? key : undefined;
}

/**
 * The key a bearer token stands for: an API key (including Pirsch access keys) or an access token
 * from POST /api/v1/token. Access tokens are recognized by their prefix and resolved in Redis
 * first, never through the cache's token map: a miss there would reload the whole cache on every
 * request carrying one.
 */
export async function keyOfBearer(token: string, deps: BearerDeps): Promise<ApiKey | undefined> {
  if (!isAccessToken(token)) return keyOfApiKey(token, deps);
  const keyId = await deps.accessTokens.resolve(token);
  return keyId === undefined ? undefined : deps.fresh(() => deps.cache.keyById(keyId));
}

/**
 * A drop-in for api-kit's authenticate that also accepts access tokens; the query app mounts it in
 * its place (or api-kit adopts keyOfBearer), so every API accepts what the Pirsch SDKs send.
 */
export function authenticateBearer(deps: BearerDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = tokenOf(c);
    if (!token) throw new HTTPException(401, { message: "Missing API token: send Authorization: Bearer <token>" });
    const key = await keyOfBearer(token, deps);
    if (!key) throw new HTTPException(401, { message: "Unknown or expired API token" });
    c.set("key", key);
    await next();
  };
}
