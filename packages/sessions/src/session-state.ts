import type { SessionState } from "./types.js";

export function sessionKey(siteId: string, visitorId: string): string {
  return `sess:${siteId}:${visitorId}`;
}

/** The stored state, or undefined when absent or unreadable (a fresh session beats a failed batch). */
export function sessionStateOf(json: string | null | undefined): SessionState | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as SessionState;
    if (typeof value.sessionId !== "string" || typeof value.lastSeen !== "number") return undefined;
    return value;
  } catch {
    return undefined;
  }
}
