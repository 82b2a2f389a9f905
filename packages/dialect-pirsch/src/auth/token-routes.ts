import { countRequest, type FreshLookup, freshLookup } from "@pulse/api-kit";
import { type AccessTokens, CLIENT_ID_LENGTH, clientSecretMatches, type MetadataCache } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import { jsonBodyOf, type OpenApiRegistry } from "@pulse/service";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { clientAddressOf } from "../http/client-address.js";

export interface TokenRouteDeps {
  cache: MetadataCache;
  accessTokens: AccessTokens;
  /** Shared with the authenticated routes when given, so misses share reloads. */
  fresh?: FreshLookup;
  /** Counts exchanges for the rate limit, shared by every instance. */
  redis: Redis;
  /** Exchanges a minute per client id (default 10) and per caller address (default 60), failed ones included. */
  perClientPerMinute?: number;
  perAddressPerMinute?: number;
  /** Headers that carry the caller's address behind your own proxy (e.g. "x-forwarded-for"); default none: the socket's. */
  trustedProxyHeaders?: readonly string[];
}

const tokenRequest = z.object({ client_id: z.string().max(200), client_secret: z.string().max(200) });
export const tokenResponse = z.object({
  access_token: z.string(),
  /** UTC. */
  expires_at: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

const CLIENT_ID = new RegExp(`^[0-9A-Za-z]{${CLIENT_ID_LENGTH}}$`);
const PATH = "/api/v1/token";

/** Counts one exchange in `bucket`: the 429 (with Retry-After) to answer beyond `limit` a minute, else undefined. */
async function refusalOf(c: Context, redis: Redis, bucket: string, limit: number): Promise<Response | undefined> {
  const { count, resetSeconds } = await countRequest(redis, bucket);
  if (count <= limit) return undefined;
  return c.json({ error: `Too many token requests; retry in ${resetSeconds} s` }, 429, { "Retry-After": String(resetSeconds) });
}

/**
 * Pirsch's "Getting an Access Token": client id and secret for a bearer token that expires (an hour
 * by default). Mounted without authentication, before the authenticated routes, so it has its own
 * rate limit: per caller address before anything is read, and per well-formed client id, so that
 * neither guessing secrets nor buying cache reloads with made-up ids is cheap.
 */
export function pirschTokenRoutes(deps: TokenRouteDeps, registry?: OpenApiRegistry): Hono {
  const fresh = deps.fresh ?? freshLookup(deps.cache);
  const perClient = deps.perClientPerMinute ?? 10;
  const perAddress = deps.perAddressPerMinute ?? 60;
  const app = new Hono();
  registry?.add({ method: "post", path: PATH, summary: "Exchange an oAuth client's id and secret for an access token", tag: "Pirsch: authentication", body: tokenRequest, response: tokenResponse });
  app.post(PATH, async (c) => {
    const address = clientAddressOf(c, deps.trustedProxyHeaders);
    const byAddress = address === undefined ? undefined : await refusalOf(c, deps.redis, `pirsch-token:address:${address}`, perAddress);
    if (byAddress) return byAddress;
    const body = await jsonBodyOf(c, tokenRequest);
    const wellFormed = CLIENT_ID.test(body.client_id);
    const byClient = wellFormed ? await refusalOf(c, deps.redis, `pirsch-token:client:${body.client_id}`, perClient) : undefined;
    if (byClient) return byClient;
    // Only a well-formed id may cause a cache reload: garbage must not buy reloads.
    const key = wellFormed ? await fresh(() => deps.cache.keyByClientId(body.client_id)) : undefined;
    if (!key || !clientSecretMatches(key, body.client_secret)) {
      throw new HTTPException(401, { message: "Invalid client_id or client_secret" });
    }
    const issued = await deps.accessTokens.issue(key.id);
    const response: TokenResponse = { access_token: issued.token, expires_at: issued.expiresAt.toISOString() };
    return c.json(response);
  });
  return app;
}
