import { createHash } from "node:crypto";
import type { Funnel } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";
import { pirschStepOf } from "./step-filter.js";

export const pirschFunnelStep = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  funnel_id: z.string(),
  name: z.string(),
  /** From 0. */
  step: z.number(),
  filter: z.record(z.string(), z.unknown()),
});

export const pirschFunnel = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  name: z.string(),
  steps: z.array(pirschFunnelStep),
});
export type PirschFunnel = z.infer<typeof pirschFunnel>;

/** Steps are stored inside their funnel; an id from funnel and position is stable across reads. */
const stepId = (funnelId: string, index: number) => `stp${createHash("sha256").update(`${funnelId}\n${index}`).digest("hex").slice(0, 16)}`;

export function funnelView(funnel: Funnel): PirschFunnel {
  const times = { def_time: defTimeOf(funnel), mod_time: modTimeOf(funnel) };
  return {
    id: funnel.id,
    ...times,
    domain_id: funnel.site_id,
    name: funnel.name,
    steps: funnel.steps.map((step, index) => ({
      id: stepId(funnel.id, index),
      ...times,
      funnel_id: funnel.id,
      name: step.name,
      step: index,
      filter: pirschStepOf(step.filters),
    })),
  };
}
