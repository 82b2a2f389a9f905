import { describe, expect, it } from "vitest";
import { isAppendedAfterDeadline } from "./late-append.js";

describe("isAppendedAfterDeadline", () => {
  const ack_by = 1_000_000;
  it("drops only what was appended later than the deadline plus the grace", () => {
    expect(isAppendedAfterDeadline({ ack_by }, ack_by - 5, 2000)).toBe(false);
    expect(isAppendedAfterDeadline({ ack_by }, ack_by + 2000, 2000)).toBe(false);
    expect(isAppendedAfterDeadline({ ack_by }, ack_by + 2001, 2000)).toBe(true);
  });

  it("never drops a record without a deadline (written by an older ingest)", () => {
    expect(isAppendedAfterDeadline({}, Number.MAX_SAFE_INTEGER, 0)).toBe(false);
  });
});
