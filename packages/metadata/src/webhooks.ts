import { z } from "zod";
import { entityId, httpUrl, timestamp } from "./validators.js";

/**
 * A webhook, after Pirsch: when a custom event named `event` is tracked for the site, its details
 * are POSTed as JSON to `endpoint`. A webhook whose deliveries keep failing is switched off
 * (active = false) until it is saved again.
 */
const webhookFields = z.object({
  site_id: entityId,
  description: z.string().trim().max(500),
  /** The custom event's name, exactly. */
  event: z.string().trim().min(1).max(200),
  endpoint: httpUrl,
  active: z.boolean(),
});

export const webhook = webhookFields.extend({
  id: entityId,
  created_at: timestamp,
  version: z.number().int().nonnegative(),
});
export const webhookCreate = webhookFields.extend({
  description: webhookFields.shape.description.default(""),
  active: z.boolean().default(true),
});
/** A webhook stays with its site. */
export const webhookUpdate = webhookFields.omit({ site_id: true }).partial();
export type Webhook = z.infer<typeof webhook>;
export type WebhookCreate = z.input<typeof webhookCreate>;
export type WebhookUpdate = z.input<typeof webhookUpdate>;
