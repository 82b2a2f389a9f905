import { domainToASCII } from "node:url";
import { z } from "zod";
import { normalizePathGlob, PATH_GLOB_MAX_LENGTH, pathGlobProblem } from "./path-glob.js";
import { parseCidr, parseIp, parsePathPattern } from "./traffic-filter.js";

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A bare hostname: lowercased, international names in punycode (as URL.hostname reports them),
 * no trailing dot. Schemes, paths and ports are refused rather than stripped: a pasted URL
 * is more likely a mistake than something to guess from.
 */
export const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => !/[/:?#@\s]/.test(s), "must be a hostname without scheme, port or path, e.g. example.com")
  .transform((s) => domainToASCII(s.replace(/\.$/, "")))
  .refine(
    (s) => s.length > 0 && s.length <= 253 && s.split(".").every((label) => LABEL.test(label)),
    "must be a valid hostname, e.g. example.com",
  );

/**
 * An IANA zone name, stored in canonical form (case fixed, links resolved: "US/Pacific" becomes
 * "America/Los_Angeles"). Intl.supportedValuesOf("timeZone") is not used because it omits "UTC".
 * Offsets such as "+01:00" are refused: ClickHouse's toTimeZone needs a zone name.
 */
export const timezone = z
  .string()
  .trim()
  .transform((zone, ctx) => {
    if (/^[A-Za-z]/.test(zone)) {
      try {
        return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
      } catch {}
    }
    ctx.addIssue({ code: "custom", message: "must be an IANA time zone, e.g. Europe/Berlin" });
    return z.NEVER;
  });

export const ipAddress = z
  .string()
  .trim()
  .refine((s) => parseIp(s) !== undefined, "must be an IPv4 or IPv6 address");

export const cidr = z
  .string()
  .trim()
  .refine((s) => parseCidr(s) !== undefined, "must be an address range such as 10.0.0.0/8 or 2001:db8::/32");

export const pathPattern = z
  .string()
  .min(1)
  .max(1000)
  .refine((s) => parsePathPattern(s) !== undefined, "must be a valid regular expression");

/**
 * A goal's path glob (see path-glob.ts), normalized to the form paths are stored in; "" means
 * "no path condition".
 */
export const optionalPathGlob = z
  .string()
  .max(PATH_GLOB_MAX_LENGTH * 3)
  .transform((text, ctx) => {
    const pattern = normalizePathGlob(text);
    if (pattern === "") return "";
    const problem = pathGlobProblem(pattern);
    if (problem === undefined) return pattern;
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  });

/** Any ISO 8601 instant; stored and returned in UTC with milliseconds, as ClickHouse's iso output prints it. */
export const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const entityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id");

/**
 * A JSON object stored in a String column, normalized through JSON (what is returned is what a
 * read gives back) and at most `maxBytes` serialized.
 */
export const jsonObject = (maxBytes: number) =>
  z.record(z.string(), z.unknown()).transform((value, ctx) => {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be serializable as JSON" });
      return z.NEVER;
    }
    if (Buffer.byteLength(text, "utf8") > maxBytes) {
      ctx.addIssue({ code: "custom", message: `must be at most ${maxBytes} bytes as JSON` });
      return z.NEVER;
    }
    return JSON.parse(text) as Record<string, unknown>;
  });

/** An absolute http(s) URL without credentials, e.g. a webhook endpoint. */
export const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "must be an absolute http or https URL without credentials");
