import { hasScope, type Scope } from "@pulse/metadata";
import { z } from "zod";

/** A Pirsch grant: "" none, "r" read, "w" write. */
export const pirschGrant = z.enum(["", "r", "w"]);
export type PirschGrant = z.infer<typeof pirschGrant>;

export const GRANT_FIELDS = [
  "scope_hit",
  "scope_event",
  "scope_session",
  "scope_statistics",
  "scope_domains",
  "scope_organizations",
  "scope_themes",
  "scope_billing",
] as const;
export type GrantField = (typeof GRANT_FIELDS)[number];

/**
 * Each Pirsch grant as our scopes. hit, event and session are write-only and statistics and billing
 * read-only in Pirsch, so any grant of them means that one scope; for the others "w" includes "r".
 * The same table read backwards turns a key's scopes into grants (see grantsOf).
 */
const MAPPING: Record<GrantField, { r: readonly Scope[]; w: readonly Scope[] }> = {
  scope_hit: { r: ["hit"], w: ["hit"] },
  scope_event: { r: ["event"], w: ["event"] },
  scope_session: { r: ["session"], w: ["session"] },
  scope_statistics: { r: ["statistics:read"], w: ["statistics:read"] },
  scope_domains: { r: ["domains:read"], w: ["domains:read", "domains:write"] },
  scope_organizations: { r: ["organizations:read"], w: ["organizations:read", "organizations:write"] },
  scope_themes: { r: ["themes:read"], w: ["themes:read", "themes:write"] },
  scope_billing: { r: ["billing:read"], w: ["billing:read"] },
};

/** Scopes that only send data: what a Pirsch "token" client (an access key) can hold. */
export const TRACKING_SCOPES: readonly Scope[] = ["hit", "event", "session"];

export const grantFields = z.object(Object.fromEntries(GRANT_FIELDS.map((field) => [field, pirschGrant])) as Record<GrantField, typeof pirschGrant>);
export type PirschGrants = z.infer<typeof grantFields>;

/** Our scopes for the grants (missing grants are none). */
export function scopesOf(grants: Partial<PirschGrants>): Scope[] {
  const scopes = new Set<Scope>();
  for (const field of GRANT_FIELDS) {
    const grant = grants[field];
    if (grant === "r" || grant === "w") for (const scope of MAPPING[field][grant]) scopes.add(scope);
  }
  return [...scopes];
}

/** Pirsch's grants for our scopes ("admin" grants everything). */
export function grantsOf(scopes: readonly Scope[]): PirschGrants {
  const grants = {} as PirschGrants;
  for (const field of GRANT_FIELDS) {
    const { r, w } = MAPPING[field];
    const holds = (list: readonly Scope[]) => list.every((scope) => hasScope(scopes, scope));
    // Write-only and read-only grants are shown as Pirsch shows them: "w" for sending, "r" for reading.
    const writeOnly = TRACKING_SCOPES.includes(r[0]!);
    grants[field] = holds(w) && w.length > r.length ? "w" : holds(r) ? (writeOnly ? "w" : "r") : "";
  }
  return grants;
}
