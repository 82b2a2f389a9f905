import type { HitRecord } from "@pulse/hits";

/**
 * Whether the broker appended a record after ingest had stopped waiting for it: ingest answered 503
 * at `ack_by`, so the client was told it was not stored (a frozen broker appends what sat in its
 * socket when it resumes). `appendedAt` is the message's timestamp, the broker's append time on the
 * hits topic (LogAppendTime); `graceMs` covers the clocks of ingest and broker hosts disagreeing, so
 * a record acknowledged just before its deadline is never dropped.
 */
export function isAppendedAfterDeadline(record: Pick<HitRecord, "ack_by">, appendedAt: number, graceMs: number): boolean {
  return record.ack_by !== undefined && appendedAt > record.ack_by + graceMs;
}
