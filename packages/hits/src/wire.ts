import { z } from "zod";
import { LIMITS } from "./limits.js";

// The Pirsch wire format ("Sending Page Views", "Sending Events", "Keeping Sessions Alive"),
// shared by the server-side endpoints and, with the client fields taken from the request, the browser beacon.

const header = z.string().max(LIMITS.headerLength).optional();
const scalar = z.union([z.string().max(LIMITS.valueLength), z.number().finite(), z.boolean()]);
const dimension = z.number().int().min(0).max(100_000).optional();

/** An IPv6 address's zone (`%eth0`): interface names as Linux and RFC 6874 (unreserved characters) allow. */
const ZONE = /%[\w.~-]{1,64}$/;

/**
 * A link-local IPv6 address may carry its zone (`fe80::1%eth0`): Node's socket addresses do, and
 * `net.isIP` takes it, but zod's ipv6 check does not. The zone names an interface of the machine that
 * saw the address, meaningless for geo and the visitor id, so it is dropped before the check (and
 * before anything stores or hashes the address). An IPv4 address has no zone: `1.2.3.4%eth0` stays invalid.
 */
export function withoutZone(ip: string): string {
  return ip.includes(":") ? ip.replace(ZONE, "") : ip;
}

const IP_ERROR = "must be an IPv4 or IPv6 address";
const ip = z
  .string({ error: IP_ERROR })
  .overwrite(withoutZone)
  .pipe(z.union([z.ipv4(), z.ipv6()], { error: IP_ERROR }));

/** What identifies the visitor's client: sent by the site's server, or read from the beacon request. */
export const clientFields = z.object({
  ip,
  user_agent: z.string().min(1).max(LIMITS.headerLength),
  accept_language: header,
  sec_ch_ua: header,
  sec_ch_ua_mobile: header,
  sec_ch_ua_platform: header,
  sec_ch_ua_platform_version: header,
  sec_ch_ua_full_version_list: header,
  sec_ch_width: header,
  sec_ch_viewport_width: header,
});

const pageFields = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
    .max(LIMITS.urlLength, `must be at most ${LIMITS.urlLength} characters`),
  title: z.string().max(LIMITS.titleLength).optional(),
  referrer: z.string().max(LIMITS.referrerLength).optional(),
  screen_width: dimension,
  screen_height: dimension,
  tags: z
    .record(z.string().min(1).max(LIMITS.keyLength), z.string().max(LIMITS.valueLength))
    .refine((r) => Object.keys(r).length <= LIMITS.tagCount, `at most ${LIMITS.tagCount} tags`)
    .optional(),
});

// Every schema a request or record passes through is z.compile'd: zod generates a parser for the
// valid case and runs the ordinary one, with its error messages, only when that fails. In ingest the
// ordinary parser cost ~20 µs of a single hit's ~130 µs; the generated one about half of that.

export const hitBody = z.compile(clientFields.extend(pageFields.shape).strip());

export const eventBody = z.compile(
  hitBody
    .extend({
      event_name: z.string().trim().min(1).max(LIMITS.eventNameLength),
      event_duration: z.number().min(0).max(365 * 24 * 3600).optional(),
      event_meta: z
        .record(z.string().min(1).max(LIMITS.keyLength), scalar)
        .refine((r) => Object.keys(r).length <= LIMITS.metaCount, `at most ${LIMITS.metaCount} keys`)
        .optional(),
    })
    .strip(),
);

export const sessionBody = z.compile(clientFields.strip());

const time = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2023-01-02T14:15:32Z" });

/** A batch of one kind: every item as the single endpoint takes it, plus the time it happened. */
function bounded<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1, "a batch needs at least one item")
    .max(LIMITS.batchSize, `a batch holds at most ${LIMITS.batchSize} items`);
}

export const hitBatchBody = z.compile(bounded(hitBody.extend({ time })));
export const eventBatchBody = z.compile(bounded(eventBody.extend({ time })));
export const sessionBatchBody = z.compile(bounded(sessionBody.extend({ time })));

export type HitBody = z.infer<typeof hitBody>;
export type EventBody = z.infer<typeof eventBody>;
export type SessionBody = z.infer<typeof sessionBody>;
