import type { SessionAssignment, SessionInput, SessionState } from "./types.js";
import { uuidv7 } from "./uuidv7.js";

export interface SessionStep {
  /** The state to keep; the very object given when nothing changed. */
  state: SessionState | undefined;
  assignment: SessionAssignment;
}

/**
 * Whether a hit at `time` belongs to the session: at most timeoutMs after its last hit, and not
 * so far before its first that it must belong to an earlier visit (hits can arrive late).
 */
export function isLiveAt(state: SessionState | undefined, time: number, timeoutMs: number): boolean {
  return state !== undefined && time - state.lastSeen <= timeoutMs && state.start - time <= timeoutMs;
}

/** One visitor's next session state and the hit's assignment; hits must come in consumer order. */
export function nextSession(
  current: SessionState | undefined,
  hit: SessionInput,
  visitorId: string,
  timeoutMs: number,
): SessionStep {
  if (current !== undefined && isLiveAt(current, hit.time, timeoutMs)) {
    const state = continued(current, hit);
    return { state, assignment: assignmentOf(hit, state, current) };
  }
  // Like Pirsch, a keep-alive never starts a session: it is assigned sessionId "" for the caller to drop.
  if (hit.kind === "session") return { state: current, assignment: droppedKeepAlive(visitorId) };
  const started = startedBy(hit, visitorId);
  const assignment = assignmentOf(hit, started, undefined);
  // A late hit from before the current visit gets a session of its own that is not kept,
  // so it cannot displace the visitor's current session.
  if (current !== undefined && hit.time < current.start) return { state: current, assignment };
  return { state: started, assignment };
}

function startedBy(hit: SessionInput, visitorId: string): SessionState {
  const isPageview = hit.kind === "pageview";
  return {
    visitorId,
    sessionId: uuidv7(hit.time),
    start: hit.time,
    lastSeen: hit.time,
    lastPath: isPageview ? hit.path : "",
    lastPageviewTime: isPageview ? hit.time : null,
    pageviews: isPageview ? 1 : 0,
  };
}

/** Late hits (time < lastSeen) join the session without moving lastSeen or the last page back. */
function continued(state: SessionState, hit: SessionInput): SessionState {
  const lastSeen = Math.max(state.lastSeen, hit.time);
  if (hit.kind !== "pageview") return { ...state, lastSeen };
  const pageviews = state.pageviews + 1;
  if (!followsLastPageview(state, hit)) return { ...state, lastSeen, pageviews };
  return { ...state, lastSeen, pageviews, lastPath: hit.path, lastPageviewTime: hit.time };
}

/** The hit's assignment from the state after it and the one before (undefined: the hit started it). */
function assignmentOf(hit: SessionInput, after: SessionState, before: SessionState | undefined): SessionAssignment {
  const assignment: SessionAssignment = {
    visitorId: after.visitorId,
    sessionId: after.sessionId,
    sessionStart: after.start,
    isNewSession: before === undefined,
    path: hit.kind === "session" ? after.lastPath : hit.path,
    previousPath: "",
    secondsSincePrevious: 0,
    pageviewsInSession: after.pageviews,
  };
  // A late page view's predecessor is unknown, so it reads like a first page.
  if (hit.kind === "pageview" && before?.lastPageviewTime != null && followsLastPageview(before, hit)) {
    assignment.previousPath = before.lastPath;
    assignment.secondsSincePrevious = Math.floor((hit.time - before.lastPageviewTime) / 1000);
  }
  return assignment;
}

function followsLastPageview(state: SessionState, hit: SessionInput): boolean {
  return state.lastPageviewTime === null || hit.time >= state.lastPageviewTime;
}

function droppedKeepAlive(visitorId: string): SessionAssignment {
  return {
    visitorId,
    sessionId: "",
    sessionStart: 0,
    isNewSession: false,
    path: "",
    previousPath: "",
    secondsSincePrevious: 0,
    pageviewsInSession: 0,
  };
}
