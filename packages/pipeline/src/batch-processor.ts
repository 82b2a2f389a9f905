import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Logger } from "@pulse/logger";
import type { SessionAssignment, SessionInput } from "@pulse/sessions";
import { type EventRow, eventRowOf } from "./event-row.js";
import { batchTokenOf, insertEvents, insertQueryIdOf, writeEventRow } from "./event-writer.js";
import { enrichedOf } from "./enrich-batch.js";
import { freshRecordsOf } from "./fresh-records.js";
import { InsertGroup } from "./insert-group.js";
import { RecentIds } from "./recent-ids.js";
import { RowBinaryWriter } from "./row-binary.js";
import { WrittenOffsets } from "./written-offsets.js";

export interface KafkaBatch {
  topic: string;
  partition: number;
  /** `timestamp`: epoch ms as a string; on the hits topic, when the broker appended the message. */
  messages: { offset: string; value: Buffer | null; timestamp?: string }[];
}

/** A message that can never be processed, with the reason; it goes to the dead-letter topic. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  /** The message, or for an item of a bundle the item alone. */
  value: Buffer | null;
  reason: string;
  /** The item's place in its bundle, when the message held several records. */
  index?: number;
}

/** Lets a long retry stop when the consumer is shutting down or lost the partition. */
export interface BatchControl {
  isActive: () => boolean;
  heartbeat: () => Promise<void>;
  /**
   * Called once, synchronously, when the batch is given up (outcome without lastOffset) — for a batch
   * whose insert was under way, before any later insert starts. The caller must then not commit past
   * the batch: a later batch of the same partition may already have been prepared (see `start`).
   */
  abandoned?: () => void;
}

/** A batch whose rows were handed to an insert: `done` settles once they are written or abandoned. */
export interface PendingBatch {
  done: Promise<BatchOutcome>;
}

export interface ProcessorDeps {
  clickhouse: ClickHouseClient;
  sessionizer: { assign(hits: SessionInput[]): Promise<SessionAssignment[]> };
  realtime: {
    record(hits: { siteId: string; visitorId: string; time: number; path: string; countryCode: string }[]): Promise<void>;
  };
  hostnamesOf: (siteId: string) => string[];
  deadLetter: (letters: DeadLetter[]) => Promise<void>;
  logger: Logger;
  /**
   * Records the broker appended more than this after their `ack_by` are dropped: ingest answered 503
   * for them. The consumer passes 0, ingest deciding by the same rule; absent (tests that build
   * batches by hand): nothing is dropped for lateness.
   */
  lateAppendGraceMs?: number;
  /** Backoff bounds for retrying a failed insert. */
  retry?: { initialMs: number; maxMs: number };
}

export interface BatchOutcome {
  /** The offset to commit through (the batch's last), or undefined when the batch was abandoned. */
  lastOffset: string | undefined;
  written: number;
  alreadyWritten: number;
  duplicates: number;
  deadLettered: number;
  ignored: number;
  /** Records appended after ingest had answered 503 for them (see late-append.ts). */
  late: number;
  timings: { decode: number; enrich: number; sessionize: number; insert: number };
}

type LiveHit = { siteId: string; visitorId: string; time: number; path: string; countryCode: string };

/** The realtime counters' view of the rows: human page views and events. */
function liveHitsOf(rows: readonly EventRow[]): LiveHit[] {
  const live: LiveHit[] = [];
  for (const r of rows) {
    if (r.is_bot !== 0 || r.kind === "session") continue;
    live.push({ siteId: r.site_id, visitorId: r.visitor_id, time: r.time, path: r.path, countryCode: r.country_code });
  }
  return live;
}

/** The bytes a batch's messages take: what preparing it adds to the consumer's memory, roughly. */
function bytesOf(batch: KafkaBatch): number {
  let bytes = 0;
  for (const m of batch.messages) bytes += m.value?.length ?? 0;
  return bytes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Turns one partition's batch of Kafka messages into rows in ClickHouse, exactly once:
 * offsets already written are skipped, poison messages are dead-lettered, and a failed insert is
 * retried with the same token until it succeeds or the partition is no longer ours.
 */
export class BatchProcessor {
  private readonly written: WrittenOffsets;
  private readonly recentIds = new RecentIds();
  private readonly inserts: InsertGroup;
  /** Message bytes pending (prepared, waiting, inserting) beyond which nothing more is prepared ahead. */
  private readonly maxAheadBytes = 8 * 1024 * 1024;

  constructor(
    private readonly deps: ProcessorDeps,
    topic: string,
  ) {
    this.written = new WrittenOffsets(deps.clickhouse, topic);
    this.inserts = new InsertGroup(
      (bodies, token, group) => insertEvents(deps.clickhouse, bodies, token, insertQueryIdOf(topic, group.partitions, group.attempt)),
      (work, control) => this.withRetry(work, control),
      { maxWaitMs: 1000, maxBytes: 64 * 1024 * 1024, maxPendingBytes: this.maxAheadBytes },
    );
  }

  /** Call after a rebalance: partitions may have been written by another consumer meanwhile. */
  onRebalance(): void {
    this.written.reset();
  }

  /**
   * Batches processed concurrently (one per partition) are inserted together: see InsertGroup.
   * Offsets may be committed once this resolves with lastOffset set.
   */
  async process(batch: KafkaBatch, control: BatchControl): Promise<BatchOutcome> {
    return (await this.start(batch, control)).done;
  }

  /**
   * Prepares the batch (decode, enrich, sessionize, encode) and resolves once its insert has started
   * (or it needs none, or it was abandoned), so the caller can fetch and prepare the partition's next
   * batch while this one is written. Inserts run one group at a time in submission order, so a
   * partition's batches are written in order; a batch prepared behind one that is then abandoned is
   * abandoned too, provided the caller's `isActive` turns false in `abandoned` (the consumer does).
   * Rejects if preparing failed with an unexpected error.
   */
  async start(batch: KafkaBatch, control: BatchControl): Promise<PendingBatch> {
    let onStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      onStarted = resolve;
    });
    // Bounded: a batch is prepared while earlier ones are pending only if they all fit the budget.
    const release = await this.inserts.reserve(bytesOf(batch));
    this.inserts.begin();
    const part = { submitted: false, started: onStarted };
    const done = (async () => {
      try {
        return await this.processBatch(batch, control, part);
      } finally {
        if (!part.submitted) this.inserts.cancel();
        release();
        onStarted();
      }
    })();
    await Promise.race([started, done]);
    // A large insert (large events, or many batches in one) is not overlapped: the next fetch would be
    // held in memory beside it for the whole insert, and with a slow ClickHouse that is the peak.
    if (this.inserts.pendingBytes() > this.maxAheadBytes) await done.catch(() => {});
    return { done };
  }

  private async processBatch(
    batch: KafkaBatch,
    control: BatchControl,
    part: { submitted: boolean; started: () => void },
  ): Promise<BatchOutcome> {
    // Ids of this batch count as seen (for the partition's next batch) from decoding until it is
    // written, and are let go if it is abandoned.
    let hold: { commit: () => void; release: () => void } | undefined;
    let given = false;
    const giveUp = () => {
      hold?.release();
      if (given) return;
      given = true;
      control.abandoned?.();
    };
    try {
      const outcome = await this.prepareAndWrite(batch, control, part, giveUp, (h) => {
        hold = h;
      });
      if (outcome.lastOffset === undefined) giveUp();
      else hold?.commit();
      return outcome;
    } catch (error) {
      giveUp();
      throw error;
    }
  }

  private async prepareAndWrite(
    batch: KafkaBatch,
    control: BatchControl,
    part: { submitted: boolean; started: () => void },
    giveUp: () => void,
    held: (hold: { commit: () => void; release: () => void }) => void,
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = {
      lastOffset: batch.messages.at(-1)?.offset,
      written: 0,
      alreadyWritten: 0,
      duplicates: 0,
      deadLettered: 0,
      ignored: 0,
      late: 0,
      timings: { decode: 0, enrich: 0, sessionize: 0, insert: 0 },
    };
    if (batch.messages.length === 0) return outcome;
    const source = { topic: batch.topic, partition: batch.partition };
    const version = this.written.version(batch.partition);
    const marked = await this.withRetry(() => this.written.lastWritten(batch.partition, version), control);
    if (marked === undefined) return { ...outcome, lastOffset: undefined };
    const mark = marked.value;

    let t = performance.now();
    const taken = freshRecordsOf(batch, {
      mark,
      isRecent: (id) => this.recentIds.has(batch.partition, id, version),
      lateAppendGraceMs: this.deps.lateAppendGraceMs,
    });
    const { letters, records: decoded, ids: seen } = taken;
    outcome.alreadyWritten = taken.alreadyWritten;
    outcome.duplicates = taken.duplicates;
    outcome.late = taken.late;
    outcome.timings.decode = performance.now() - t;
    held(this.recentIds.hold(batch.partition, seen, version));
    if (outcome.late > 0) {
      this.deps.logger.warn({ partition: batch.partition, late: outcome.late }, "dropped records the broker appended after ingest answered 503");
    }

    t = performance.now();
    const { enriched, letters: refused } = enrichedOf(decoded, this.deps.hostnamesOf, source);
    letters.push(...refused);
    outcome.timings.enrich = performance.now() - t;

    await control.heartbeat().catch(() => {});
    t = performance.now();
    const assigned = await this.withRetry(
      () =>
        this.deps.sessionizer.assign(
          enriched.map(({ record, dimensions }) => ({
            siteId: record.site_id,
            ip: record.ip,
            userAgent: record.user_agent,
            time: record.time,
            kind: record.kind,
            path: "path" in dimensions ? dimensions.path : "",
          })),
        ),
      control,
    );
    if (assigned === undefined) return { ...outcome, lastOffset: undefined };
    const assignments = assigned.value;
    outcome.timings.sessionize = performance.now() - t;

    // Rows are encoded as they are made: one that cannot be written is dead-lettered, not retried forever.
    const rows: EventRow[] = [];
    const encoded = new RowBinaryWriter(enriched.length * 512);
    enriched.forEach((item, i) => {
      const session = assignments[i]!;
      // A keep-alive for a session that already ended has nothing to extend.
      if (session.sessionId === "") {
        outcome.ignored++;
        return;
      }
      const row = eventRowOf(item.record, item.dimensions, session, { ...source, offset: item.offset });
      const mark = encoded.length;
      try {
        writeEventRow(encoded, row);
        rows.push(row);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        encoded.truncate(mark);
        letters.push({ ...source, offset: item.offset, value: null, reason: `unwritable row: ${error.message}` });
      }
    });

    if (letters.length > 0) {
      const sent = await this.withRetry(() => this.deps.deadLetter(letters), control);
      if (sent === undefined) return { ...outcome, lastOffset: undefined };
      outcome.deadLettered = letters.length;
      this.deps.logger.warn(
        { partition: batch.partition, letters: letters.map(({ offset, reason }) => ({ offset, reason })) },
        "dead-lettered messages",
      );
    }

    // What the insert's wait still needs is the encoded body and a few figures: while the previous
    // insert runs, the decoded records and rows of a prepared batch would otherwise double the memory.
    const written = rows.length;
    const lastRow = rows.at(-1);
    const lastWrittenOffset = lastRow === undefined ? undefined : BigInt(lastRow.kafka_offset);
    const live = liveHitsOf(rows);
    rows.length = 0;
    decoded.length = 0;
    enriched.length = 0;

    await control.heartbeat().catch(() => {});
    t = performance.now();
    const fresh = batch.messages.filter((m) => BigInt(m.offset) > mark);
    const token = batchTokenOf(batch.topic, batch.partition, fresh[0]?.offset ?? "", fresh.at(-1)?.offset ?? "");
    const body = encoded.bytes();
    if (body.length > 0) {
      part.submitted = true;
      const inserted = await this.inserts.submit({
        body,
        token,
        partition: batch.partition,
        control,
        started: part.started,
        abandoned: () => {
          // The insert may have been written even though it failed (a lost answer): the next batch of
          // this partition must stop running inserts and read the mark again.
          this.written.forget(batch.partition, version);
          giveUp();
        },
      });
      if (!inserted) return { ...outcome, lastOffset: undefined };
    }
    outcome.timings.insert = performance.now() - t;
    outcome.written = written;

    if (lastWrittenOffset !== undefined) this.written.markWritten(batch.partition, lastWrittenOffset, version);
    await this.recordRealtime(live);
    return outcome;
  }

  /** Realtime counters are a convenience view; their failure must not hold back durable writes. */
  private async recordRealtime(live: LiveHit[]) {
    try {
      await this.deps.realtime.record(live);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "realtime update failed");
    }
  }

  /**
   * Runs `work` until it succeeds, backing off between attempts and heartbeating so the group keeps
   * the partition; resolves undefined when the batch must be abandoned (shutdown or rebalance).
   */
  private async withRetry<T>(work: () => Promise<T>, control: BatchControl): Promise<{ value: T } | undefined> {
    const { initialMs, maxMs } = this.deps.retry ?? { initialMs: 200, maxMs: 10_000 };
    let delay = initialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return { value: await work() };
      } catch (error) {
        if (!control.isActive()) return undefined;
        this.deps.logger.error({ err: error, attempt, retryInMs: delay }, "batch step failed; retrying");
        const until = Date.now() + delay;
        while (Date.now() < until) {
          if (!control.isActive()) return undefined;
          await control.heartbeat().catch(() => {});
          await sleep(Math.min(1000, until - Date.now()));
        }
        delay = Math.min(delay * 2, maxMs);
      }
    }
  }
}
