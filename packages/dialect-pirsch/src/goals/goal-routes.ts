import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import type { ClickHouseClient } from "@pulse/clickhouse";
import { entityId, type GoalCreate, type MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { ownedItem, readableSite, requireAnyScope, READ_SCOPES, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { goalFieldsOf, goalRequestFields } from "./goal-request.js";
import { goalView, pirschGoal } from "./goal-view.js";
import { testRegex } from "./regex-test.js";

const TAG = "Pirsch: conversion goals";
const PATH = "/api/v1/goal";

const createBody = goalRequestFields.extend({ domain_id: z.string() });
/** An update may leave any field out; those stay as they are. */
const updateBody = goalRequestFields.partial().extend({ id: entityId, domain_id: z.string().optional() });

export function goalRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: Write; clickhouse: ClickHouseClient },
): void {
  const { store, sites, write, clickhouse } = deps;

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's conversion goals (?id=<domain>&search=<name>)", tag: TAG, scope: "domains:read", query: z.object({ id: z.string(), search: z.string().optional() }), response: z.array(pirschGoal) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.id);
    const search = query.search?.toLowerCase();
    const goals = await store.listGoals({ site_id: site.id });
    return c.json(goals.filter((goal) => !search || goal.name.toLowerCase().includes(search)).map(goalView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a conversion goal", tag: TAG, scope: "domains:write", body: createBody, response: pirschGoal }, async (c, { body }) => {
    const site = await writableSite(c.get("key"), sites, body.domain_id);
    const created = await write(() => store.createGoal({ ...goalFieldsOf(body), site_id: site.id } as GoalCreate));
    return c.json(goalView(created));
  });

  route(app, registry, { method: "put", path: PATH, summary: "Update a conversion goal", tag: TAG, scope: "domains:write", body: updateBody, response: pirschGoal }, async (c, { body }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getGoal(body.id), "write", "conversion goal");
    if (body.domain_id !== undefined && body.domain_id !== item.site_id) throw notFound("conversion goal");
    return c.json(goalView(await write(() => store.updateGoal(item.id, goalFieldsOf(body)))));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a conversion goal", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getGoal(query.id), "write", "conversion goal");
    await write(() => store.deleteGoal(item.id));
    return c.body(null, 200);
  });

  route(app, registry, { method: "post", path: `${PATH}/regex`, summary: "Test a regular expression (RE2) against a sample path", tag: TAG, scope: "domains:read", body: z.object({ regex: z.string().min(1).max(1000), sample: z.string().max(2000) }), response: z.object({ match: z.boolean() }) }, async (c, { body }) => {
    requireAnyScope(c.get("key"), READ_SCOPES);
    const result = await testRegex(clickhouse, body.regex, body.sample);
    if (!result.valid) throw new HTTPException(400, { message: `Invalid regular expression: ${result.problem}` });
    return c.json({ match: result.match });
  });
}
