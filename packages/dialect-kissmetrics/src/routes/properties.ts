import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Site } from "@pulse/metadata";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { productOf } from "../http/access.js";
import { notFound } from "../http/answer.js";
import { decodeId } from "../http/ids.js";
import { Hrefs } from "../http/links.js";
import { mapLimited } from "../http/limited.js";
import { seenOf } from "../model/engine-lists.js";
import { hasValue, propertyBody, propertyBodyOf, propertyCatalogOf, type PropertyRef, propertyRefOfId, propertyTypeOf } from "../model/properties.js";
import { collectionRoutes } from "./collection.js";

/** /core/properties: built-in properties, event metadata keys and tag keys, with their type and first and last times. */
export function propertyRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  const { engine } = deps;
  const bodyOf = async (site: Site, ref: PropertyRef, hrefs: Hrefs) => {
    const [type, seen] = await Promise.all([propertyTypeOf(engine, site, ref), seenOf(engine, site.id, [hasValue(ref)])]);
    return { body: propertyBodyOf(site, ref, type, seen, hrefs), seen };
  };

  collectionRoutes(app, deps, {
    name: "properties",
    title: "properties",
    body: propertyBody,
    entriesOf: async (sites) => (await mapLimited(sites, 4, async (site) => (await propertyCatalogOf(engine, site)).map((ref) => ({ site, ref })))).flat(),
    bodiesOf: (entries, hrefs) => mapLimited(entries, 6, async ({ site, ref }) => (await bodyOf(site, ref, hrefs)).body),
  });

  route(app, deps.registry, { method: "get", path: "/core/properties/:id", summary: "One property", tag: TAG, scope: SCOPE, response: propertyBody }, async (c) => {
    const id = decodeId(paramOf(c, "id"));
    const ref = id === undefined ? undefined : propertyRefOfId(id);
    if (id === undefined || ref === undefined) notFound("Property");
    const site = await productOf(c, deps.sites, id.siteId);
    const { body, seen } = await bodyOf(site, ref, Hrefs.of(c));
    // Built-ins always exist; a key exists once a hit carried it.
    if (ref.kind !== "built_in" && seen.first === null) notFound("Property");
    return c.json(body);
  });
}
