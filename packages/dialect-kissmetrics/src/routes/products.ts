import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { productOf, visibleSitesOf } from "../http/access.js";
import { Hrefs, selfUrlOf } from "../http/links.js";
import { listBody, listBodyOf, pageOf, pagingQuery } from "../http/paging.js";
import { productBody, productBodyOf } from "../model/products.js";

/** /core/products: our sites, across the key's account (or its one site). */
export function productRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  route(app, deps.registry, { method: "get", path: "/core/products", summary: "All products (sites) the token may access", tag: TAG, scope: SCOPE, query: pagingQuery, response: listBody(productBody) }, async (c, { query }) => {
    const { items, pagination } = pageOf(await visibleSitesOf(c.get("key"), deps.store), query);
    return c.json(listBodyOf(selfUrlOf(c), items.map((s) => productBodyOf(s, Hrefs.of(c))), pagination));
  });

  route(app, deps.registry, { method: "get", path: "/core/products/:id", summary: "One product (site)", tag: TAG, scope: SCOPE, response: productBody }, async (c) => {
    return c.json(productBodyOf(await productOf(c, deps.sites, paramOf(c, "id")), Hrefs.of(c)));
  });
}
