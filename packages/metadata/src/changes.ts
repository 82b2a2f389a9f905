import { z } from "zod";

/**
 * ioredis applies keyPrefix to keys only, never to PUBLISH/SUBSCRIBE channel names
 * (verified against the server), so the deployment's prefix is added here by hand.
 */
export function changesChannel(keyPrefix: string): string {
  return `${keyPrefix}metadata:changed`;
}

/** Published after every write. Caches reload everything anyway; the fields are for logs and future consumers. */
export const metadataChange = z.object({
  entity: z.enum(["account", "site", "api_key", "traffic_filter", "goal", "funnel", "saved_view", "access_link", "webhook"]),
  id: z.string(),
  op: z.enum(["create", "update", "delete"]),
  version: z.number(),
});
export type MetadataChange = z.infer<typeof metadataChange>;
