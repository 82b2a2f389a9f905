import { describe, expect, it } from "vitest";
import { sessionStateOf, storedSessionState } from "./session-state.js";
import type { SessionState } from "./types.js";

const state: SessionState = {
  visitorId: "18446744073709551557",
  sessionId: "019ab5ef-0000-7000-8000-000000000001",
  start: 1_764_000_000_000,
  lastSeen: 1_764_000_600_123,
  lastPath: "/a|b/ü?x=1",
  lastPageviewTime: 1_764_000_500_000,
  pageviews: 3,
};

describe("stored session state", () => {
  it("reads back what it stores, a path with the separator in it included", () => {
    expect(sessionStateOf(storedSessionState(state))).toEqual(state);
    const noPageview = { ...state, lastPath: "", lastPageviewTime: null, pageviews: 0 };
    expect(sessionStateOf(storedSessionState(noPageview))).toEqual(noPageview);
  });

  it("still reads the JSON form stored by earlier versions", () => {
    expect(sessionStateOf(JSON.stringify(state))).toEqual(state);
  });

  it("treats what it cannot read as no session", () => {
    for (const bad of [null, undefined, "", "{", "s2|v|s|1|2", "s2|v||1|2||1|/", "s2|v|s|x|2||1|/", '{"sessionId":1}']) {
      expect(sessionStateOf(bad), String(bad)).toBeUndefined();
    }
  });
});
