/**
 * Ids of things that are not stored entities (an event name, a property, a built-in metric), made
 * reversible so no catalog table is needed: "<site id>.<kind>.<base64url of the key>". Site ids
 * never contain "." and base64url never does, so the parts split unambiguously.
 */
export const ID_KINDS = {
  /** A custom event name. */
  event: "e",
  /** A built-in property: a field of the query model ("country"). */
  builtInProperty: "p",
  /** An event metadata key. */
  metaProperty: "m",
  /** A tag key. */
  tagProperty: "t",
  /** A built-in metric of the query model ("visitors"). */
  builtInMetric: "b",
  /** A goal, by its id. */
  goalMetric: "g",
} as const;
export type IdKind = (typeof ID_KINDS)[keyof typeof ID_KINDS];

const KINDS = new Set<string>(Object.values(ID_KINDS));
const ID = /^([A-Za-z0-9_-]{1,64})\.([a-z])\.([A-Za-z0-9_-]{1,2000})$/;

export interface DecodedId {
  siteId: string;
  kind: IdKind;
  key: string;
}

export function encodeId(siteId: string, kind: IdKind, key: string): string {
  return `${siteId}.${kind}.${Buffer.from(key, "utf8").toString("base64url")}`;
}

/** The parts of an id made by encodeId, or undefined for anything else (malformed, padded, not UTF-8). */
export function decodeId(id: string): DecodedId | undefined {
  const match = ID.exec(id);
  if (!match || !KINDS.has(match[2]!)) return undefined;
  const key = Buffer.from(match[3]!, "base64url").toString("utf8");
  // Only the canonical encoding of valid UTF-8 round-trips; anything else is not one of our ids.
  if (key === "" || Buffer.from(key, "utf8").toString("base64url") !== match[3]) return undefined;
  return { siteId: match[1]!, kind: match[2] as IdKind, key };
}
