/**
 * Event ids seen lately, per partition. A produce call that Kafka stored but whose answer was lost is
 * retried and stored twice under one id, a few offsets apart in the same partition; this drops the copy.
 */
export class RecentIds {
  private readonly byPartition = new Map<number, Set<string>>();

  constructor(private readonly capacity = 200_000) {}

  has(partition: number, id: string): boolean {
    return this.byPartition.get(partition)?.has(id) ?? false;
  }

  add(partition: number, ids: string[]): void {
    const set = this.byPartition.get(partition) ?? new Set<string>();
    this.byPartition.set(partition, set);
    for (const id of ids) set.add(id);
    // Sets iterate in insertion order, so the oldest ids go first.
    for (const id of set) {
      if (set.size <= this.capacity) break;
      set.delete(id);
    }
  }
}
