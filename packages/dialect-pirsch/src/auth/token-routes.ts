import { type FreshLookup, freshLookup } from "@pulse/api-kit";
import { type AccessTokens, CLIENT_ID_LENGTH, clientSecretMatches, type MetadataCache } from "@pulse/metadata";
import { jsonBodyOf, type OpenApiRegistry } from "@pulse/service";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";

export interface TokenRouteDeps {
  cache: MetadataCache;
  accessTokens: AccessTokens;
  /** Shared with the authenticated routes when given, so misses share reloads. */
  fresh?: FreshLookup;
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

/**
 * Pirsch's "Getting an Access Token": client id and secret for a bearer token that expires (an hour
 * by default). Mounted without authentication, before the authenticated routes.
 */
export function pirschTokenRoutes(deps: TokenRouteDeps, registry?: OpenApiRegistry): Hono {
  const fresh = deps.fresh ?? freshLookup(deps.cache);
  const app = new Hono();
  registry?.add({ method: "post", path: PATH, summary: "Exchange an oAuth client's id and secret for an access token", tag: "Pirsch: authentication", body: tokenRequest, response: tokenResponse });
  app.post(PATH, async (c) => {
    const body = await jsonBodyOf(c, tokenRequest);
    // Only a well-formed id may cause a cache reload: garbage must not buy reloads.
    const key = CLIENT_ID.test(body.client_id) ? await fresh(() => deps.cache.keyByClientId(body.client_id)) : undefined;
    if (!key || !clientSecretMatches(key, body.client_secret)) {
      throw new HTTPException(401, { message: "Invalid client_id or client_secret" });
    }
    const issued = await deps.accessTokens.issue(key.id);
    const response: TokenResponse = { access_token: issued.token, expires_at: issued.expiresAt.toISOString() };
    return c.json(response);
  });
  return app;
}
