/**
 * Reads the consumer's own JSON log lines: "joined consumer group" (info) and, at debug level,
 * "batch written" with the batch's counts and `timings: {decode, enrich, sessionize, insert}` in ms.
 */
export interface StageTimings {
  decode: number;
  enrich: number;
  sessionize: number;
  insert: number;
}

export const STAGES = ["decode", "enrich", "sessionize", "insert"] as const;

export class ConsumerLog {
  joinedAt: number | undefined;
  lastBatchAt: number | undefined;
  batches = 0;
  written = 0;
  deadLettered = 0;
  readonly stageMs: StageTimings = { decode: 0, enrich: 0, sessionize: 0, insert: 0 };

  /** Takes one output line; other lines (and non-JSON output) are ignored. */
  take(line: string): void {
    if (!line.startsWith("{")) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const time = typeof entry["time"] === "string" ? Date.parse(entry["time"]) : Number.NaN;
    if (entry["msg"] === "joined consumer group") {
      if (this.joinedAt === undefined && Number.isFinite(time)) this.joinedAt = time;
      return;
    }
    if (entry["msg"] !== "batch written") return;
    const timings = entry["timings"] as Partial<StageTimings> | undefined;
    this.batches++;
    this.written += Number(entry["written"] ?? 0);
    this.deadLettered += Number(entry["deadLettered"] ?? 0);
    for (const stage of STAGES) this.stageMs[stage] += Number(timings?.[stage] ?? 0);
    if (Number.isFinite(time)) this.lastBatchAt = time;
  }

  /** From joining the group to the last batch written, ms (the consumer's own clock). */
  get wallMs(): number {
    return this.joinedAt !== undefined && this.lastBatchAt !== undefined ? this.lastBatchAt - this.joinedAt : Number.NaN;
  }
}
