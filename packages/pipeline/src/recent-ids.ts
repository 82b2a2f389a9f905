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
  private readonly capacity: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: RecentIdsOptions = {}) {
    this.capacity = options.capacity ?? 200_000;
    this.windowMs = options.windowMs ?? 120_000;
    this.now = options.now ?? Date.now;
  }

  has(partition: number, id: string): boolean {
    const g = this.byPartition.get(partition);
    return g !== undefined && (g.current.has(id) || g.previous.has(id));
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
