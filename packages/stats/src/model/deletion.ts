import { z } from "zod";
import { explicitDates } from "./date-range.js";
import { timeZone } from "./time-zone.js";

/** What a deletion removes: every row ("all"), or only the custom events ("events"). */
export const DELETION_KINDS = ["all", "events"] as const;
export type DeletionKind = (typeof DELETION_KINDS)[number];

/**
 * The data of one site to delete: the sessions that started on the given days (inclusive, in the
 * zone), with every row they have. Whole sessions keep the events and sessions tables consistent:
 * a session crossing the first day's midnight keeps its earlier rows, one crossing the last day's
 * loses its later ones.
 */
export const deletion = z
  .object({
    site_id: z.string().min(1).max(200),
    date_range: explicitDates,
    timezone: timeZone.default("UTC"),
    kind: z.enum(DELETION_KINDS),
  })
  .strict();

export type Deletion = z.infer<typeof deletion>;
export type DeletionInput = z.input<typeof deletion>;
