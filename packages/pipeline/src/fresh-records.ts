import type { HitRecord } from "@pulse/hits";
import type { DeadLetter, KafkaBatch } from "./batch-processor.js";
import { recordsOfMessage } from "./decode.js";
import { isAppendedAfterDeadline } from "./late-append.js";

export interface FreshRecords {
  /** The records to write, in the batch's order, each with its message's offset. */
  records: { record: HitRecord; offset: string }[];
  /** Their ids: from now on copies of them are duplicates. */
  ids: Set<string>;
  /** Messages that can never be processed, with the reason. */
  letters: DeadLetter[];
  /** Messages at or below the partition's written mark. */
  alreadyWritten: number;
  /** Records with an id seen before (in this batch, or as `isRecent` says). */
  duplicates: number;
  /** Records the broker appended after ingest had answered 503 for them. */
  late: number;
}

export interface FreshRules {
  /** The partition's highest offset already written to ClickHouse. */
  mark: bigint;
  /** Whether an id was written (or is being written) lately. */
  isRecent: (id: string) => boolean;
  /** Late-append grace (see late-append.ts); undefined: lateness is not checked. */
  lateAppendGraceMs: number | undefined;
}

/**
 * The records of a batch that still have to be written: past the written mark, decodable, not
 * appended after ingest gave up on them, and not copies of a record already taken.
 */
export function freshRecordsOf(batch: KafkaBatch, rules: FreshRules): FreshRecords {
  const fresh: FreshRecords = { records: [], ids: new Set(), letters: [], alreadyWritten: 0, duplicates: 0, late: 0 };
  const source = { topic: batch.topic, partition: batch.partition };
  const graceMs = rules.lateAppendGraceMs;
  for (const message of batch.messages) {
    if (BigInt(message.offset) <= rules.mark) {
      fresh.alreadyWritten++;
      continue;
    }
    const appendedAt = graceMs === undefined || message.timestamp === undefined ? undefined : Number(message.timestamp);
    for (const result of recordsOfMessage(message.value)) {
      if (!result.ok) {
        const { reason, value, index } = result;
        fresh.letters.push({ ...source, offset: message.offset, value, reason, ...(index === undefined ? {} : { index }) });
        continue;
      }
      // Not remembered as seen: the client's retry of it (same ids with an Idempotency-Key) must count.
      if (appendedAt !== undefined && isAppendedAfterDeadline(result.record, appendedAt, graceMs!)) {
        fresh.late++;
        continue;
      }
      if (fresh.ids.has(result.record.id) || rules.isRecent(result.record.id)) {
        fresh.duplicates++;
        continue;
      }
      fresh.ids.add(result.record.id);
      fresh.records.push({ record: result.record, offset: message.offset });
    }
  }
  return fresh;
}
