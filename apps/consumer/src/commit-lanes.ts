import type { BatchOutcome } from "@pulse/pipeline";

/** One partition's run of batches within one group generation, committed strictly in order. */
export interface Lane {
  readonly partition: number;
  readonly generation: number;
  /** False once a batch of the lane was abandoned: nothing after it may be written or committed. */
  alive: boolean;
  /** The first offset of the lane's first abandoned batch. */
  abandonedAt: bigint | undefined;
  tail: Promise<void>;
}

export interface LaneHooks {
  /** Commits `nextOffset` (the last written offset + 1) for the partition. */
  commit: (partition: number, nextOffset: string) => Promise<void>;
  /** Makes the consumer fetch the partition again from `offset`. */
  seek: (partition: number, offset: string) => void;
  warn: (details: object, message: string) => void;
}

/**
 * Lets the consumer hand a batch to its insert and fetch the next one before the insert ends, without
 * ever committing past a batch that was not written. Per partition, batches form a lane: each is
 * committed only after every earlier one of the lane was, and when one is abandoned (a failed insert
 * whose group is no longer ours, shutdown) the lane dies — later batches of it are not written (their
 * `isActive` turns false before their insert can start) — and, if the partition is still ours, the
 * consumer seeks back to the abandoned batch; batches fetched before that seek are ignored.
 *
 * A rebalance (or the sign of one) starts a new generation: batches prepared before it never start an
 * insert, since the partition may have a new owner who already read its mark. An insert already under
 * way may still end and commit: what it wrote is then in the mark, and a commit is only ever "written
 * through here".
 */
export class CommitLanes {
  private generation = 0;
  private lanes = new Map<number, Lane>();
  private readonly rewinds = new Map<number, bigint>();
  private readonly tails = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly hooks: LaneHooks) {}

  /** Group membership changed or is changing: nothing prepared so far may start an insert. */
  newGeneration(): void {
    this.generation++;
    this.lanes = new Map();
    this.rewinds.clear();
  }

  /** Nothing may start an insert any more; what runs may still finish and commit. */
  stop(): void {
    this.stopping = true;
  }

  /** May a batch of this lane still start (or retry) an insert? */
  isCurrent(lane: Lane): boolean {
    return lane.alive && lane.generation === this.generation && !this.stopping;
  }

  /**
   * The lane a fetched batch joins; undefined for a batch fetched before the partition was rewound
   * (it starts past the rewind point and will come again).
   */
  admit(partition: number, firstOffset: string): Lane | undefined {
    const rewind = this.rewinds.get(partition);
    if (rewind !== undefined) {
      if (BigInt(firstOffset) > rewind) return undefined;
      this.rewinds.delete(partition);
    }
    let lane = this.lanes.get(partition);
    if (lane === undefined || !lane.alive) {
      lane = { partition, generation: this.generation, alive: true, abandonedAt: undefined, tail: Promise.resolve() };
      this.lanes.set(partition, lane);
    }
    return lane;
  }

  /** A batch of the lane starting at `firstOffset` was given up. Synchronous: see BatchControl.abandoned. */
  abandon(lane: Lane, firstOffset: string): void {
    const first = BigInt(firstOffset);
    if (lane.abandonedAt === undefined || first < lane.abandonedAt) lane.abandonedAt = first;
    if (!lane.alive) return;
    const wasCurrent = this.isCurrent(lane);
    lane.alive = false;
    if (!wasCurrent) return;
    // Later batches of this partition may have been fetched (their offsets resolved): fetch from here again.
    const rewind = this.rewinds.get(lane.partition);
    if (rewind === undefined || first < rewind) this.rewinds.set(lane.partition, first);
    this.hooks.seek(lane.partition, firstOffset);
  }

  /** Commits the batch once it is written and every earlier batch of its lane was committed. */
  track(lane: Lane, firstOffset: string, done: Promise<BatchOutcome>): void {
    const first = BigInt(firstOffset);
    const tail = lane.tail.then(async () => {
      let outcome: BatchOutcome;
      try {
        outcome = await done;
      } catch (error) {
        this.hooks.warn({ err: error, partition: lane.partition }, "batch failed after its insert was queued");
        this.abandon(lane, firstOffset);
        return;
      }
      if (outcome.lastOffset === undefined) return;
      if (lane.abandonedAt !== undefined && lane.abandonedAt <= first) return;
      try {
        await this.hooks.commit(lane.partition, (BigInt(outcome.lastOffset) + 1n).toString());
      } catch (error) {
        // The rows are written and in the mark: the partition's next reader skips them.
        this.hooks.warn({ err: error, partition: lane.partition }, "offset commit failed");
      }
    });
    lane.tail = tail;
    this.tails.add(tail);
    void tail.finally(() => this.tails.delete(tail));
  }

  /** Resolves once every batch tracked so far is committed or abandoned. */
  async drain(): Promise<void> {
    await Promise.all([...this.tails]);
  }
}
