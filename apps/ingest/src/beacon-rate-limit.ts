import { hash } from "node:crypto";
import { isIP } from "node:net";
import { countRequest } from "@pulse/api-kit";
import type { Redis } from "@pulse/redis";
import { valueWithin } from "@pulse/service";
import type { BeaconLimiter } from "./ports.js";

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The 16-bit groups of an IPv6 address (an embedded IPv4 counts as two). */
function groupsOf(address: string): string[] {
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])));
  const [head = "", tail] = address.split("::");
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  return [...before, ...Array.from({ length: Math.max(0, 8 - before.length - after.length) }, () => "0"), ...after];
}

/**
 * Whose requests count together: an IPv4 address alone (an IPv4-mapped IPv6 one too), an IPv6 address
 * by its /64, the block a single subscriber usually gets, so stepping through it does not escape the limit.
 */
export function addressBucketOf(ip: string): string {
  const address = ip.replace(/%.*$/, "");
  if (isIP(address) === 4) return address;
  const mapped = MAPPED_V4.exec(address);
  if (mapped) return mapped[1]!;
  const prefix = groupsOf(address.toLowerCase())
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}

/**
 * At most `perMinute` beacons a minute per client address (or IPv6 /64), counted in Redis so every
 * ingest instance shares the count. Redis stores only a digest of the bucket, for a minute.
 *
 * It fails open: when Redis errs or takes longer than `timeoutMs`, the beacon is let through. Ingest
 * keeps accepting while Redis is away (README "Reliability"), and a limit that stalled every beacon
 * behind a reconnecting client would take the tracking down with it.
 */
export function redisBeaconLimiter(redis: Redis, perMinute: number, timeoutMs = 100): BeaconLimiter {
  return {
    perMinute,
    async check(ip) {
      const bucket = `beacon:${hash("sha256", addressBucketOf(ip), "base64url").slice(0, 22)}`;
      try {
        const counted = await valueWithin(countRequest(redis, bucket), timeoutMs);
        if (counted === undefined || counted.value.count <= perMinute) return { ok: true };
        return { ok: false, retryAfterSeconds: counted.value.resetSeconds };
      } catch {
        return { ok: true };
      }
    },
  };
}
