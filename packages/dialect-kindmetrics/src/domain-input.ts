import { ValidationError } from "@pulse/service";
import type { Context } from "hono";
import { z } from "zod";

const required = (max: number) => z.string({ error: "is required" }).trim().min(1, "is required").max(max);

/** POST /api/domains: Kindmetrics required both fields. */
export const domainCreate = z.object({
  address: required(500).describe("Domain without www., e.g. kindmetrics.io"),
  time_zone: required(64).describe("Time zone as Continent/City, e.g. Europe/Stockholm"),
});
export type DomainCreate = z.infer<typeof domainCreate>;

const FIELDS = ["address", "time_zone"] as const;

/**
 * Kindmetrics (Lucky) read params from anywhere: a JSON body {"domain": {...}} or a flat one, a form
 * with "domain:address" (Lucky's nesting) or "domain[address]", or the query string, which is where
 * its reference lists them. The body wins over the query string.
 */
export async function domainCreateOf(c: Context): Promise<DomainCreate> {
  const found: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = c.req.query(field) ?? c.req.query(`domain:${field}`) ?? c.req.query(`domain[${field}]`);
    if (value !== undefined) found[field] = value;
  }
  Object.assign(found, fieldsOfBody(await c.req.text()));
  const parsed = domainCreate.safeParse(found);
  if (!parsed.success) {
    throw new ValidationError(
      "Invalid domain",
      parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "domain"), message: issue.message })),
    );
  }
  return parsed.data;
}

function fieldsOfBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  const fields: Record<string, unknown> = {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const form = new URLSearchParams(text);
    for (const field of FIELDS) {
      const value = form.get(`domain:${field}`) ?? form.get(`domain[${field}]`) ?? form.get(field);
      if (value !== null) fields[field] = value;
    }
    return fields;
  }
  if (typeof json !== "object" || json === null) return {};
  const outer = json as Record<string, unknown>;
  const inner = typeof outer["domain"] === "object" && outer["domain"] !== null ? (outer["domain"] as Record<string, unknown>) : outer;
  for (const field of FIELDS) if (inner[field] !== undefined) fields[field] = inner[field];
  return fields;
}

/** Kindmetrics' FixAddress: a pasted URL or a "www." prefix leaves the bare host. */
export function bareAddressOf(address: string): string {
  const trimmed = address.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? URL.parse(trimmed) : null;
  const host = url === null ? trimmed : url.hostname;
  return host.replace(/^www\./i, "");
}
