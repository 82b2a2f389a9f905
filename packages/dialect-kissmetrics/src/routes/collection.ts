import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Site } from "@pulse/metadata";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { productOf, visibleSitesOf } from "../http/access.js";
import { Hrefs, selfUrlOf } from "../http/links.js";
import { listBody, listBodyOf, type Paging, pageOf, type Pagination, pagingQuery } from "../http/paging.js";

/**
 * How one collection is read: the whole list of some products (in order) and how to shape one
 * page of it. Items are shaped only for the page served, because shaping may query the engine.
 */
export interface Collection<Entry, Body> {
  /** "events" serves /core/events and /core/products/:id/events. */
  name: string;
  title: string;
  body: z.ZodType<Body>;
  entriesOf: (sites: Site[]) => Promise<Entry[]>;
  bodiesOf: (entries: Entry[], hrefs: Hrefs) => Promise<Body[]>;
}

async function listOf<Entry, Body>(c: Context<AuthEnv>, collection: Collection<Entry, Body>, sites: Site[], paging: Paging) {
  const { items, pagination } = pageOf(await collection.entriesOf(sites), paging);
  const bodies = await collection.bodiesOf(items, Hrefs.of(c));
  return listBodyOf(selfUrlOf(c), bodies, pagination satisfies Pagination);
}

/** Serves a collection across every product the key sees, and scoped to one product. */
export function collectionRoutes<Entry, Body>(app: Hono<AuthEnv>, deps: KissmetricsDeps, collection: Collection<Entry, Body>): void {
  const response = listBody(collection.body);
  route(
    app,
    deps.registry,
    { method: "get", path: `/core/${collection.name}`, summary: `All ${collection.title} across products`, tag: TAG, scope: SCOPE, query: pagingQuery, response },
    async (c, { query }) => c.json(await listOf(c, collection, await visibleSitesOf(c.get("key"), deps.store), query)),
  );
  route(
    app,
    deps.registry,
    { method: "get", path: `/core/products/:id/${collection.name}`, summary: `The ${collection.title} of one product`, tag: TAG, scope: SCOPE, query: pagingQuery, response },
    async (c, { query }) => c.json(await listOf(c, collection, [await productOf(c, deps.sites, paramOf(c, "id"))], query)),
  );
}
