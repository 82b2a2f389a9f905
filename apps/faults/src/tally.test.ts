import { describe, expect, it } from "vitest";
import type { Outcome, SentEvent } from "./driver.js";
import type { StoredEvent, StoredSession } from "./stored.js";
import { duplicatesOf, figuresOf, sessionCountsOf, sessionModelProblemsOf, viewProblemsOf } from "./tally.js";

const sent = (seq: number, outcome: Outcome, visitor = 0): SentEvent => ({
  seq,
  visitor,
  kind: "pageview",
  path: `/e/${seq}`,
  time: 1000 + seq,
  outcome,
});

const row = (seq: number, session = "s1", visitorId = "v1", offset = seq): StoredEvent => ({
  path: `/e/${seq}`,
  kind: "pageview",
  visitor_id: visitorId,
  session_id: session,
  time: 1000 + seq,
  kafka_partition: 0,
  kafka_offset: String(offset),
});

describe("figuresOf", () => {
  it("counts each event's rows against what the client was told", () => {
    const events = [sent(0, "acked"), sent(1, "acked"), sent(2, "acked"), sent(3, "refused"), sent(4, "refused"), sent(5, "unanswered")];
    const rows = [row(0), row(1), row(1), row(3), row(5), { ...row(9), path: "/other" }];
    expect(figuresOf(events, rows)).toEqual({
      sent: 6,
      acknowledged: 3,
      refused: 2,
      unanswered: 1,
      stored: 4,
      duplicated: 1,
      lost: 1,
      storedThoughRefused: 1,
      unansweredStored: 1,
      foreign: 1,
    });
  });
});

describe("viewProblemsOf", () => {
  const events = [row(0), row(1), row(2, "s2")];
  const session = (id: string, pageviews: number, entry: string, exit: string, end: number): StoredSession => ({
    session_id: id,
    starts: 1,
    visitor_id: "v1",
    pageviews,
    events: 0,
    entry_path: entry,
    exit_path: exit,
    end_time: end,
  });
  const progress = [{ kafka_partition: 0, last_offset: "2" }];

  it("finds nothing when every view target agrees with the events", () => {
    const sessions = [session("s1", 2, "/e/0", "/e/1", 1001), session("s2", 1, "/e/2", "/e/2", 1002)];
    expect(viewProblemsOf({ events, sessions, progress })).toEqual([]);
  });

  it("names a session counted twice, a missing session and a stale offset mark", () => {
    const sessions = [session("s1", 4, "/e/0", "/e/1", 1001)];
    expect(viewProblemsOf({ events, sessions, progress: [{ kafka_partition: 0, last_offset: "1" }] })).toEqual([
      "sessions: s1 pageviews 4, events say 2",
      "sessions: s2 is missing",
      "ingest_progress: partition 0 marks 1, events reach 2",
    ]);
  });
});

describe("sessionModelProblemsOf", () => {
  const events = [sent(0, "acked", 0), sent(1, "acked", 0), sent(2, "acked", 0), sent(3, "acked", 1)];

  it("holds every visitor to one visitor id and one session", () => {
    const rows = [row(0, "a"), row(1, "b"), row(2, "b"), row(3, "c", "v1")];
    expect(sessionModelProblemsOf(events, rows, { maxSessionsPerVisitor: 1, visitorIdMayChange: false })).toEqual([
      "visitor 0 has 2 sessions",
      "visitors 0 and 1 share visitor id v1",
    ]);
    expect(sessionCountsOf(events, rows)).toEqual({ sessions: 3, visitors: 2 });
  });

  it("allows a split session when the fault may cause one, but not interleaved pieces", () => {
    const split = [row(0, "a"), row(1, "b"), row(2, "b"), row(3, "c", "v2")];
    const model = { maxSessionsPerVisitor: 2, visitorIdMayChange: false };
    expect(sessionModelProblemsOf(events, split, model)).toEqual([]);
    const interleaved = [row(0, "a"), row(1, "b"), row(2, "a"), row(3, "c", "v2")];
    expect(sessionModelProblemsOf(events, interleaved, model)).toEqual(["visitor 0's sessions interleave in time"]);
  });
});

describe("duplicatesOf", () => {
  it("tells a message written twice from a message produced twice", () => {
    expect(duplicatesOf([row(0), row(0), row(1, "s1", "v1", 7), row(1, "s1", "v1", 9), row(2)])).toEqual([
      "/e/0 at partition:offset 0:0, 0:0",
      "/e/1 at partition:offset 0:7, 0:9",
    ]);
  });
});
