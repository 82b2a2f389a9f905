import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { entityId, httpUrl, type MetadataStore, type Webhook } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../http/not-found.js";
import { ownedItem, readableSite, writableSite } from "../http/site-access.js";
import { defTimeOf, modTimeOf } from "../http/times.js";
import type { Write } from "../http/writer.js";
import { WebhookFailures } from "./failure-counter.js";

const TAG = "Pirsch: webhooks";
const PATH = "/api/v1/webhook";

export const pirschWebhook = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  description: z.string(),
  /** The custom event whose occurrences are sent. */
  event: z.string(),
  endpoint: z.string(),
  /** false once deliveries kept failing; saving the webhook again turns it back on. */
  active: z.boolean(),
});
export type PirschWebhook = z.infer<typeof pirschWebhook>;

function webhookView(hook: Webhook): PirschWebhook {
  return {
    id: hook.id,
    def_time: defTimeOf(hook),
    mod_time: modTimeOf(hook),
    domain_id: hook.site_id,
    description: hook.description,
    event: hook.event,
    endpoint: hook.endpoint,
    active: hook.active,
  };
}

const webhookBody = z.object({
  id: entityId.optional(),
  domain_id: z.string(),
  description: z.string().trim().max(500).default(""),
  event: z.string().trim().min(1).max(200),
  endpoint: httpUrl,
});

export function webhookRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: Write; redis: Redis },
): void {
  const { store, sites, write } = deps;
  const failures = new WebhookFailures(deps.redis);

  route(app, registry, { method: "get", path: PATH, summary: "List a domain's webhooks", tag: TAG, scope: "domains:read", query: z.object({ domain_id: z.string() }), response: z.array(pirschWebhook) }, async (c, { query }) => {
    const site = await readableSite(c.get("key"), sites, query.domain_id);
    return c.json((await store.listWebhooks({ site_id: site.id })).map(webhookView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a webhook, or update (and reactivate) it when id is set", tag: TAG, scope: "domains:write", body: webhookBody, response: pirschWebhook }, async (c, { body }) => {
    const key = c.get("key");
    const fields = { description: body.description, event: body.event, endpoint: body.endpoint, active: true };
    if (body.id !== undefined) {
      const { item } = await ownedItem(key, sites, await store.getWebhook(body.id), "write", "webhook");
      if (item.site_id !== body.domain_id) throw notFound("webhook");
      // "Updating an existing webhook, even if no fields are changed, will activate it again."
      const updated = await write(() => store.updateWebhook(item.id, fields));
      await failures.reset(item.id);
      return c.json(webhookView(updated));
    }
    const site = await writableSite(key, sites, body.domain_id);
    return c.json(webhookView(await write(() => store.createWebhook({ ...fields, site_id: site.id }))));
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a webhook", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const { item } = await ownedItem(c.get("key"), sites, await store.getWebhook(query.id), "write", "webhook");
    await write(() => store.deleteWebhook(item.id));
    await failures.reset(item.id);
    return c.body(null, 200);
  });
}
