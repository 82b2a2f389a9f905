import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { productOf } from "../http/access.js";
import { notFound } from "../http/answer.js";
import { decodeId, ID_KINDS } from "../http/ids.js";
import { Hrefs } from "../http/links.js";
import { mapLimited } from "../http/limited.js";
import { seenOf } from "../model/engine-lists.js";
import { type EventEntry, eventBody, eventBodyOf, eventCatalogOf, eventEntryOf, eventFilterOf } from "../model/events.js";
import { collectionRoutes } from "./collection.js";

/** /core/events: the event library, our custom event names with their totals and first and last times. */
export function eventRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  const { engine } = deps;
  const bodyOf = async (entry: EventEntry, hrefs: Hrefs) => eventBodyOf(entry, await seenOf(engine, entry.site.id, [eventFilterOf(entry.name)]), hrefs);

  collectionRoutes(app, deps, {
    name: "events",
    title: "events",
    body: eventBody,
    entriesOf: async (sites) => (await mapLimited(sites, 4, (site) => eventCatalogOf(engine, site))).flat(),
    bodiesOf: (entries, hrefs) => mapLimited(entries, 6, (entry) => bodyOf(entry, hrefs)),
  });

  route(app, deps.registry, { method: "get", path: "/core/events/:id", summary: "One event of the library", tag: TAG, scope: SCOPE, response: eventBody }, async (c) => {
    const id = decodeId(paramOf(c, "id"));
    if (id === undefined || id.kind !== ID_KINDS.event) notFound("Event");
    const site = await productOf(c, deps.sites, id.siteId);
    const entry = (await eventEntryOf(engine, site, id.key)) ?? notFound("Event");
    return c.json(await bodyOf(entry, Hrefs.of(c)));
  });
}
