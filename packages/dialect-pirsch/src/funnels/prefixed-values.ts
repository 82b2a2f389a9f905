import type { FunnelFilterOp } from "@pulse/metadata";

/** Pirsch's value prefixes, as in its statistics filters: "!" is not, "~" contains, "^" does not contain. */
const PREFIXES: readonly (readonly [string, FunnelFilterOp])[] = [
  ["!", "is_not"],
  ["~", "contains"],
  ["^", "not_contains"],
];

export function opAndValueOf(raw: string): [FunnelFilterOp, string] {
  for (const [prefix, op] of PREFIXES) if (raw.startsWith(prefix)) return [op, raw.slice(prefix.length)];
  return ["is", raw];
}

export function prefixedValue(op: FunnelFilterOp, value: string): string {
  return (PREFIXES.find(([, known]) => known === op)?.[0] ?? "") + value;
}
