import type { Dimension } from "@pulse/stats";

/**
 * Krafter's dimensions as ours. "referrer" (traffic source / referring URL) is the source's name
 * ("Google", or the referring host); "device" is our platform (desktop, mobile, tablet).
 */
export const DIMENSIONS = {
  path: "path",
  referrer: "referrer_name",
  country: "country",
  device: "platform",
  browser: "browser",
  os: "os",
  utm_source: "utm_source",
  utm_medium: "utm_medium",
  utm_campaign: "utm_campaign",
} as const satisfies Record<string, Dimension>;

export type KrafterDimension = keyof typeof DIMENSIONS;

export function isKrafterDimension(name: string): name is KrafterDimension {
  return Object.hasOwn(DIMENSIONS, name);
}

/** A stored value as Krafter shows it: devices are capitalized ("Desktop"), everything else is as stored. */
export function shownValueOf(dimension: KrafterDimension, stored: string): string {
  if (dimension === "device" && stored !== "") return stored.charAt(0).toUpperCase() + stored.slice(1);
  return stored;
}
