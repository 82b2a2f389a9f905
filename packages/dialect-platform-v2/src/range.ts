import type { DatePreset } from "@pulse/stats";
import { z } from "zod";

/** The three windows the v2 document offers; each is the engine preset of the same name (today and the days before). */
export const RANGES = ["7d", "30d", "90d"] as const satisfies readonly DatePreset[];

export const range = z.enum(RANGES).default("7d");
export type Range = z.infer<typeof range>;

/** ?range= alone (stats, events). */
export const rangeQuery = z.object({ range });

/** ?range= and ?pathname= (pageviews). An empty pathname means no filter, as leaving it out does. */
export const pageviewsQuery = z.object({
  range,
  pathname: z
    .string()
    .max(2048)
    .optional()
    .transform((p) => (p === "" ? undefined : p)),
});
