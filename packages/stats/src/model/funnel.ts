import { z } from "zod";
import { filter } from "./filters.js";

/** One step: the hits that satisfy all its filters, usually one path or one event. */
export const funnelStep = z
  .object({ name: z.string().min(1).max(200).optional(), filters: z.array(filter).min(1).max(10) })
  .strict();

export const funnelOptions = z
  .object({
    /** How long after entering the funnel the later steps may happen. */
    windowSeconds: z.int().min(1).max(90 * 86_400).default(86_400),
    /** Steps across a visitor's sessions (the default) or within one session. */
    by: z.enum(["visitor", "session"]).default("visitor"),
  })
  .strict();

export const funnelSteps = z.array(funnelStep).min(2).max(10);

export type FunnelStep = z.infer<typeof funnelStep>;
export type FunnelStepInput = z.input<typeof funnelStep>;
export type FunnelOptions = z.infer<typeof funnelOptions>;
export type FunnelOptionsInput = z.input<typeof funnelOptions>;
