export interface RecentIdsOptions {
  /** Ids remembered per partition at most. */
  capacity?: number;
  /** Ids are remembered at least this long (unless capacity runs out first), and at most twice this. */
  windowMs?: number;
  now?: () => number;
}

interface Generations {
  current: Set<string>;
  previous: Set<string>;
  since: number;
}

/**
 * Event ids seen lately, per partition. Copies arrive soon after the original: a produce call that
 * Kafka stored but whose answer was lost is retried within seconds, a few offsets apart; a client
 * retries a request answered 503 (after Kafka's ~22 s timeout) with the same Idempotency-Key, hence
 * the same ids, seconds later. Two generations, each at most half the capacity and half the window:
 * memory stops growing once the window is full instead of creeping up to the capacity at low rates.
 */
export class RecentIds {
  private readonly byPartition = new Map<number, Generations>();
  /** Ids of batches prepared but not yet written (their insert waits or runs), per partition. */
  private readonly held = new Map<number, Set<{ ids: Set<string>; scope: string | undefined }>>();
  private readonly capacity: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: RecentIdsOptions = {}) {
    this.capacity = options.capacity ?? 200_000;
    this.windowMs = options.windowMs ?? 120_000;
    this.now = options.now ?? Date.now;
  }

  /** Seen lately, or held by a pending batch of the same `scope` (see hold). */
  has(partition: number, id: string, scope?: string): boolean {
    const g = this.byPartition.get(partition);
    if (g !== undefined && (g.current.has(id) || g.previous.has(id))) return true;
    const held = this.held.get(partition);
    if (held === undefined) return false;
    for (const entry of held) if (entry.scope === scope && entry.ids.has(id)) return true;
    return false;
  }

  /**
   * Remembers a batch's ids while its insert is pending, so the partition's next batch (prepared
   * meanwhile) drops their copies too: `commit` once the rows are written, `release` if the batch is
   * abandoned (its rows will come again and must not be taken for copies then). Only batches of the
   * same `scope` see held ids: after a rebalance or an abandoned insert the partition is read again
   * under a new scope, and must not drop rows whose batch is about to be abandoned.
   */
  hold(partition: number, ids: Set<string>, scope?: string): { commit: () => void; release: () => void } {
    let held = this.held.get(partition);
    if (!held) {
      held = new Set();
      this.held.set(partition, held);
    }
    const set = held;
    const entry = { ids, scope };
    set.add(entry);
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      set.delete(entry);
      if (set.size === 0 && this.held.get(partition) === set) this.held.delete(partition);
      return true;
    };
    return {
      commit: () => {
        if (close()) this.add(partition, [...ids]);
      },
      release: () => void close(),
    };
  }

  add(partition: number, ids: string[]): void {
    let g = this.byPartition.get(partition);
    if (!g) {
      g = { current: new Set(), previous: new Set(), since: this.now() };
      this.byPartition.set(partition, g);
    }
    for (const id of ids) {
      if (g.current.size >= this.capacity / 2 || this.now() - g.since >= this.windowMs / 2) {
        g.previous = g.current;
        g.current = new Set();
        g.since = this.now();
      }
      g.current.add(id);
    }
  }
}
