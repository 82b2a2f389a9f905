import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { checkAccount, visibleSitesOf } from "../http/access.js";
import { notFound } from "../http/answer.js";
import { Hrefs, selfUrlOf } from "../http/links.js";
import { listBody, listBodyOf, pageOf, pagingQuery } from "../http/paging.js";
import { accountBody, accountBodyOf } from "../model/accounts.js";
import { productBody, productBodyOf } from "../model/products.js";

/** /core/accounts: a key belongs to one account, so the list holds that one. */
export function accountRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  const { store } = deps;
  const exists = async (id: string) => (await store.getAccount(id)) !== undefined;

  route(app, deps.registry, { method: "get", path: "/core/accounts", summary: "The accounts the token may access", tag: TAG, scope: SCOPE, query: pagingQuery, response: listBody(accountBody) }, async (c, { query }) => {
    const key = c.get("key");
    await checkAccount(key, key.account_id, exists);
    const account = await store.getAccount(key.account_id);
    const { items, pagination } = pageOf(account ? [account] : [], query);
    return c.json(listBodyOf(selfUrlOf(c), items.map((a) => accountBodyOf(a, Hrefs.of(c))), pagination));
  });

  route(app, deps.registry, { method: "get", path: "/core/accounts/:id", summary: "One account", tag: TAG, scope: SCOPE, response: accountBody }, async (c) => {
    const id = paramOf(c, "id");
    await checkAccount(c.get("key"), id, exists);
    const account = (await store.getAccount(id)) ?? notFound("Account");
    return c.json(accountBodyOf(account, Hrefs.of(c)));
  });

  route(
    app,
    deps.registry,
    { method: "get", path: "/core/accounts/:id/products", summary: "The products (sites) of an account", tag: TAG, scope: SCOPE, query: pagingQuery, response: listBody(productBody) },
    async (c, { query }) => {
      const key = c.get("key");
      await checkAccount(key, paramOf(c, "id"), exists);
      const { items, pagination } = pageOf(await visibleSitesOf(key, store), query);
      return c.json(listBodyOf(selfUrlOf(c), items.map((s) => productBodyOf(s, Hrefs.of(c))), pagination));
    },
  );
}
