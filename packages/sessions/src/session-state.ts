import type { SessionState } from "./types.js";

export function sessionKey(siteId: string, visitorId: string): string {
  return `sess:${siteId}:${visitorId}`;
}

// "s2|visitorId|sessionId|start|lastSeen|lastPageviewTime|pageviews|lastPath": every batch reads and
// writes one per visitor, and this costs half of JSON's parse and stringify (and fewer bytes in Redis).
// The path goes last, so it may hold any character.
const PREFIX = "s2|";
const FIELDS = 6;

/** The state as stored in Redis (read back by sessionStateOf). */
export function storedSessionState(state: SessionState): string {
  return `${PREFIX}${state.visitorId}|${state.sessionId}|${state.start}|${state.lastSeen}|${state.lastPageviewTime ?? ""}|${state.pageviews}|${state.lastPath}`;
}

/** The stored state, or undefined when absent or unreadable (a fresh session beats a failed batch). */
export function sessionStateOf(stored: string | null | undefined): SessionState | undefined {
  if (!stored) return undefined;
  if (stored.startsWith(PREFIX)) return compactStateOf(stored);
  // The JSON form written before the compact one, still in Redis for up to an hour after an upgrade.
  try {
    const value = JSON.parse(stored) as SessionState;
    if (typeof value.sessionId !== "string" || typeof value.lastSeen !== "number") return undefined;
    return value;
  } catch {
    return undefined;
  }
}

function compactStateOf(stored: string): SessionState | undefined {
  const fields: string[] = [];
  let from = PREFIX.length;
  for (let i = 0; i < FIELDS; i++) {
    const to = stored.indexOf("|", from);
    if (to === -1) return undefined;
    fields.push(stored.slice(from, to));
    from = to + 1;
  }
  const [visitorId = "", sessionId = "", start, lastSeen, lastPageviewTime = "", pageviews] = fields;
  const numbers = [Number(start), Number(lastSeen), Number(pageviews)];
  const pageviewTime = lastPageviewTime === "" ? null : Number(lastPageviewTime);
  if (sessionId === "" || numbers.some((n) => !Number.isFinite(n)) || (pageviewTime !== null && !Number.isFinite(pageviewTime))) {
    return undefined;
  }
  return {
    visitorId,
    sessionId,
    start: numbers[0]!,
    lastSeen: numbers[1]!,
    lastPath: stored.slice(from),
    lastPageviewTime: pageviewTime,
    pageviews: numbers[2]!,
  };
}
