import type { ClickHouseClient } from "@pulse/clickhouse";
import { stopRunningInserts } from "./event-writer.js";

/**
 * The highest Kafka offset already in ClickHouse for each partition of a topic, as recorded by the
 * ingest_progress view in the same insert as the rows. A batch re-formed after a crash or rebalance
 * has other boundaries and another token; skipping offsets up to this mark keeps it from counting twice.
 */
export class WrittenOffsets {
  private readonly known = new Map<number, bigint>();

  constructor(
    private readonly client: ClickHouseClient,
    private readonly topic: string,
  ) {}

  /** Forget cached marks (after a rebalance another consumer may have written more). */
  reset(): void {
    this.known.clear();
  }

  async lastWritten(partition: number): Promise<bigint> {
    const cached = this.known.get(partition);
    if (cached !== undefined) return cached;
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
    this.known.set(partition, last);
    return last;
  }

  markWritten(partition: number, offset: bigint): void {
    this.known.set(partition, offset);
  }
}
