import type { Scope } from "./schemas.js";

/** Whether granted scopes allow `needed`; "admin" implies every scope. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes("admin") || granted.includes(needed);
}
