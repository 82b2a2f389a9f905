import { z } from "zod";

/** A tracked custom event, as the event feed reads it and the dispatcher delivers it. */
export const trackedEvent = z.object({
  site_id: z.string(),
  event_name: z.string(),
  /** ISO time the event happened. */
  time: z.string(),
  hostname: z.string().default(""),
  path: z.string().default(""),
  title: z.string().default(""),
  duration_seconds: z.number().default(0),
  meta: z.record(z.string(), z.string()).default({}),
});
export type TrackedEvent = z.infer<typeof trackedEvent>;

/** What a webhook receives: one JSON object per event. */
export const webhookPayload = z.object({
  webhook_id: z.string(),
  domain_id: z.string(),
  event: z.string(),
  time: z.string(),
  hostname: z.string(),
  path: z.string(),
  title: z.string(),
  duration_seconds: z.number(),
  meta: z.record(z.string(), z.string()),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;

export function payloadOf(webhookId: string, event: TrackedEvent): WebhookPayload {
  return {
    webhook_id: webhookId,
    domain_id: event.site_id,
    event: event.event_name,
    time: event.time,
    hostname: event.hostname,
    path: event.path,
    title: event.title,
    duration_seconds: event.duration_seconds,
    meta: event.meta,
  };
}
