import { z } from "zod";
import { entityId, timestamp } from "./validators.js";

/**
 * A link that grants read-only access to one site's statistics, after Pirsch's access links: whoever
 * holds `code` may read the site until `valid_until` (null: forever). The code is kept in clear
 * because its owner must be able to list and share it again; it grants reading only.
 */
const accessLinkFields = z.object({
  site_id: entityId,
  description: z.string().trim().max(500),
  valid_until: timestamp.nullable(),
});

export const accessLink = accessLinkFields.extend({
  id: entityId,
  created_at: timestamp,
  version: z.number().int().nonnegative(),
  /** 32 base62 characters, made by the store. */
  code: z.string().regex(/^[0-9A-Za-z]{32}$/),
});
export const accessLinkCreate = accessLinkFields.extend({
  description: accessLinkFields.shape.description.default(""),
  valid_until: accessLinkFields.shape.valid_until.default(null),
});
/** A link stays with its site and keeps its code; make a new link for a new code. */
export const accessLinkUpdate = accessLinkFields.omit({ site_id: true }).partial();
export type AccessLink = z.infer<typeof accessLink>;
export type AccessLinkCreate = z.input<typeof accessLinkCreate>;
export type AccessLinkUpdate = z.input<typeof accessLinkUpdate>;

/** Whether the link still grants access at `now` (epoch milliseconds). */
export function isAccessLinkValid(link: Pick<AccessLink, "valid_until">, now: number): boolean {
  return link.valid_until === null || Date.parse(link.valid_until) > now;
}
