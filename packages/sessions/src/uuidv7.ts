import { randomUUID } from "node:crypto";

const MAX_UNIX_MS = 2 ** 48;

/**
 * RFC 9562 UUIDv7 for an event time, so session ids sort by when the session started.
 * Built from randomUUID because Node pools its entropy: a v4 already carries the 10xx variant,
 * and the 74 random bits left after the 48-bit timestamp are exactly what v7 specifies.
 * Ids within the same millisecond are not ordered among themselves.
 */
export function uuidv7(timeMs: number): string {
  const ms = Math.floor(timeMs);
  if (!(ms >= 0 && ms < MAX_UNIX_MS)) throw new RangeError(`uuidv7: time out of range: ${timeMs}`);
  const hex = ms.toString(16).padStart(12, "0");
  const v4 = randomUUID();
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${v4.slice(15)}`;
}

/** The millisecond timestamp a UUIDv7 carries. */
export function timeOfUuidv7(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
