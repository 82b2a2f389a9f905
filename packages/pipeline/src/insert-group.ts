import { randomUUID } from "node:crypto";
import type { BatchControl } from "./batch-processor.js";

export interface InsertPart {
  /** RowBinary rows (see event-writer.ts). */
  body: Buffer;
  /** The batch's own deduplication token. */
  token: string;
  /** The Kafka partition the rows come from. */
  partition: number;
  control: BatchControl;
  /** Called once when the part's group starts its insert, or gives up before starting it. */
  started?: () => void;
  /**
   * Called once, synchronously, when the part's group is abandoned, before any later group starts:
   * a later batch of the same partition must not be written past it.
   */
  abandoned?: () => void;
}

/** Runs `work` until it succeeds; undefined when the batches it serves must be abandoned. */
export type Retry = <T>(work: () => Promise<T>, control: BatchControl) => Promise<{ value: T } | undefined>;

export interface InsertGroupOptions {
  /** How long a batch ready to insert waits for batches still being prepared. */
  maxWaitMs: number;
  /** A group this large is inserted without waiting for more. */
  maxBytes: number;
  /**
   * While an insert (or its retries) runs, the group's batches heartbeat this often: kafkajs sends none
   * while its consumer awaits, so an insert longer than the session timeout would cost the partitions.
   */
  heartbeatMs?: number;
  /**
   * Batches begun (being prepared, waiting or being inserted) may hold this many message bytes in all;
   * a batch that does not fit waits in `reserve` until earlier ones are done. One batch always fits.
   */
  maxPendingBytes?: number;
}

interface Waiting {
  part: InsertPart;
  done: (inserted: boolean) => void;
}

/**
 * Joins the inserts of batches processed at the same time (one fetch brings a batch per partition)
 * into one INSERT. Each insert costs ClickHouse a fixed tens of milliseconds (a part per table, its
 * deduplication log, later merges) whatever its size, which dominated at a few thousand rows.
 *
 * A group is retried whole, with one token made of its batches' tokens, until it succeeds or one of
 * its batches is no longer ours: then every batch of it is abandoned uncommitted, as a single batch
 * would be, and the offsets ClickHouse recorded (ingest_progress) keep what did get written from
 * counting twice when the batches come again. One group is inserted at a time, in the order the
 * batches were submitted; a group is only started (and retried) while all its batches are still ours.
 */
export class InsertGroup {
  private preparing = 0;
  private waiting: Waiting[] = [];
  private waitingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private inserting = false;
  private reserved = 0;
  private roomWaiters: (() => void)[] = [];

  constructor(
    private readonly insert: (bodies: Buffer[], token: string, group: { partitions: number[]; attempt: string }) => Promise<void>,
    private readonly retry: Retry,
    private readonly options: InsertGroupOptions,
  ) {}

  /**
   * Waits until `bytes` more fit the budget (maxPendingBytes; at once when nothing is pending) and
   * holds them until the returned function is called: a prepared batch waiting behind a running insert
   * is what doubles the consumer's memory, so with large batches fewer are prepared ahead.
   */
  async reserve(bytes: number): Promise<() => void> {
    const max = this.options.maxPendingBytes ?? Number.POSITIVE_INFINITY;
    while (this.reserved > 0 && this.reserved + bytes > max) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    this.reserved += bytes;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.reserved -= bytes;
      for (const wake of this.roomWaiters.splice(0)) wake();
    };
  }

  /** Message bytes reserved by batches not done yet. */
  pendingBytes(): number {
    return this.reserved;
  }

  /** A batch started: its insert may join others'. Call submit or cancel once for each begin. */
  begin(): void {
    this.preparing++;
  }

  /** A batch that began has nothing to insert, or was abandoned. */
  cancel(): void {
    this.preparing--;
    this.flushIfReady();
  }

  /** Resolves true once the part is in ClickHouse, false when its group was abandoned. */
  submit(part: InsertPart): Promise<boolean> {
    this.preparing--;
    return new Promise<boolean>((done) => {
      this.waiting.push({ part, done });
      this.waitingBytes += part.body.length;
      this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
      this.flushIfReady();
    });
  }

  private flushIfReady(): void {
    if (this.preparing > 0 && this.waitingBytes < this.options.maxBytes) return;
    this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inserting || this.waiting.length === 0) return;
    const group = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    this.inserting = true;
    void this.run(group).finally(() => {
      this.inserting = false;
      // What arrived meanwhile has waited a whole insert already.
      if (this.waiting.length > 0) this.flush();
    });
  }

  private async run(group: Waiting[]): Promise<void> {
    const control: BatchControl = {
      isActive: () => group.every(({ part }) => part.control.isActive()),
      heartbeat: async () => {
        await Promise.all(group.map(({ part }) => part.control.heartbeat()));
      },
    };
    const token = group.map(({ part }) => part.token).join(" ");
    const bodies = group.map(({ part }) => part.body);
    const ids = { partitions: group.map(({ part }) => part.partition), attempt: randomUUID() };
    for (const { part } of group) part.started?.();
    const heartbeats = setInterval(() => void control.heartbeat().catch(() => {}), this.options.heartbeatMs ?? 3000);
    let inserted = false;
    try {
      // A batch that stopped being ours while it waited (rebalance, an earlier batch of its partition
      // abandoned, shutdown) must not be written at all: its partition's next owner may have read the mark.
      if (control.isActive()) inserted = (await this.retry(() => this.insert(bodies, token, ids), control)) !== undefined;
    } finally {
      clearInterval(heartbeats);
      if (!inserted) for (const { part } of group) part.abandoned?.();
      for (const { done } of group) done(inserted);
    }
  }
}
