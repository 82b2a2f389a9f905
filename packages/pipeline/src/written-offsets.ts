import type { ClickHouseClient } from "@pulse/clickhouse";
import { stopRunningInserts } from "./event-writer.js";

/**
 * The highest Kafka offset already in ClickHouse for each partition of a topic, as recorded by the
 * ingest_progress view in the same insert as the rows. A batch re-formed after a crash or rebalance
 * has other boundaries and another token; skipping offsets up to this mark keeps it from counting twice.
 */
export class WrittenOffsets {
  private readonly known = new Map<number, bigint>();
  private epoch = 0;
  private readonly forgotten = new Map<number, number>();

  constructor(
    private readonly client: ClickHouseClient,
    private readonly topic: string,
  ) {}

  /** Forget cached marks (after a rebalance another consumer may have written more). */
  reset(): void {
    this.known.clear();
    this.epoch++;
  }

  /** Forget one partition's mark: an insert of it was abandoned and may or may not have been written. */
  forget(partition: number, version = this.version(partition)): void {
    // An insert prepared before the last reset says nothing about the mark read since.
    if (version !== this.version(partition)) return;
    this.known.delete(partition);
    this.forgotten.set(partition, (this.forgotten.get(partition) ?? 0) + 1);
  }

  /**
   * Changes whenever the partition's mark is forgotten. A batch prepared under one version must not
   * record its mark under another: after a rebalance (or an abandoned insert) the next batch has to
   * stop earlier inserts and read the mark from ClickHouse, not trust a value cached meanwhile.
   */
  version(partition: number): string {
    return `${this.epoch}/${this.forgotten.get(partition) ?? 0}`;
  }

  /** The mark; cached only while the partition's version is still `version` (the caller's). */
  async lastWritten(partition: number, version = this.version(partition)): Promise<bigint> {
    const cached = this.known.get(partition);
    if (cached !== undefined && version === this.version(partition)) return cached;
    // The mark is final only once no earlier owner's insert of this partition can still commit.
    await stopRunningInserts(this.client, this.topic, partition);
    const rs = await this.client.query({
      query: `SELECT toString(max(last_offset)) AS last, count() AS n FROM ingest_progress
              WHERE kafka_topic = {topic:String} AND kafka_partition = {partition:UInt32}`,
      query_params: { topic: this.topic, partition },
      format: "JSONEachRow",
    });
    const [row] = await rs.json<{ last: string; n: string | number }>();
    const last = row && Number(row.n) > 0 ? BigInt(row.last) : -1n;
    if (this.version(partition) === version) this.known.set(partition, last);
    return last;
  }

  /** Records a batch's last written offset, unless the mark was forgotten since `version` was taken. */
  markWritten(partition: number, offset: bigint, version = this.version(partition)): void {
    if (version !== this.version(partition)) return;
    const known = this.known.get(partition);
    if (known === undefined || offset > known) this.known.set(partition, offset);
  }
}
