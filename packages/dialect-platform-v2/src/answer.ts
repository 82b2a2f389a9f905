import { type AuthEnv, siteFor, type SiteLookup } from "@pulse/api-kit";
import type { Site } from "@pulse/metadata";
import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { SCOPE } from "./deps.js";

/** The engine refuses what the client asked badly: a 400 with the `error` field every v2 error has. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) throw new ValidationError(error.message);
    throw error;
  }
}

/**
 * The site of `:siteId` if the key may read it. The v2 document knows 403 and no 404 for a site:
 * an unknown id is "a resource you do not have access to" too, which also keeps ids unguessable.
 */
export async function siteOf(c: Context<AuthEnv>, sites: SiteLookup, siteId: string): Promise<Site> {
  try {
    return await siteFor(c.get("key"), sites, siteId, SCOPE);
  } catch (error) {
    if (error instanceof HTTPException && error.status === 404) {
      throw new HTTPException(403, { message: "Forbidden — you do not have access to this resource" });
    }
    throw error;
  }
}
