/**
 * What became of a request, and so of every event in it:
 * - acked: 2xx, ingest says Kafka has it, so it must be stored exactly once;
 * - refused: an HTTP error (503 when Kafka did not acknowledge) or a connection that was never
 *   accepted; nothing may be stored;
 * - unanswered: the connection broke or timed out after the request was sent; the outcome is unknown
 *   to the client, so it may be stored, but at most once.
 */
export type Outcome = "pending" | "acked" | "refused" | "unanswered";

export interface SentEvent {
  seq: number;
  visitor: number;
  kind: "pageview" | "event";
  /** The event's identity in ClickHouse: a path no other event has. */
  path: string;
  /** Epoch ms, sent as the batch item's `time`; increases with `seq`. */
  time: number;
  outcome: Outcome;
}

export interface RequestRecord {
  firstSeq: number;
  count: number;
  sentAt: number;
  answeredAt: number | undefined;
  outcome: Outcome;
  /** HTTP status, or the network error's code. */
  status: string;
  retryAfter: string | null;
}

export interface DriverOptions {
  /** Read at each request, so a restarted ingest is found again. */
  url: () => string;
  token: string;
  domain: string;
  requestsPerSecond: number;
  batchSize: number;
  /** Distinct clients (IP addresses); event `seq` belongs to visitor `seq % visitors`. */
  visitors: number;
  /** Every n-th request sends custom events instead of page views. */
  eventEvery?: number;
  /** Bytes of tags added to each event, to make a backlog heavy. */
  paddingBytes?: number;
  requestTimeoutMs?: number;
}

const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ipOfVisitor(visitor: number): string {
  return `10.77.${Math.floor(visitor / 250)}.${(visitor % 250) + 1}`;
}

function paddingOf(bytes: number): Record<string, string> | undefined {
  if (bytes <= 0) return undefined;
  const tags: Record<string, string> = {};
  for (let i = 0; i * 500 < bytes && i < 50; i++) tags[`pad${i}`] = "x".repeat(500);
  return tags;
}

function networkCodeOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timeout";
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Sends a known stream of uniquely identifiable events at a steady rate (open loop: a request that
 * hangs does not delay the next one) and records what became of each.
 */
export class Driver {
  readonly events: SentEvent[] = [];
  readonly requests: RequestRecord[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly padding: Record<string, string> | undefined;

  constructor(private readonly options: DriverOptions) {
    this.padding = paddingOf(options.paddingBytes ?? 0);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops sending and resolves once every request sent has been answered or given up on. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Events sent so far by outcome. */
  counts(): Record<Outcome, number> {
    const counts = { pending: 0, acked: 0, refused: 0, unanswered: 0 };
    for (const event of this.events) counts[event.outcome]++;
    return counts;
  }

  private async loop(): Promise<void> {
    const interval = 1000 / this.options.requestsPerSecond;
    const start = Date.now();
    for (let k = 0; !this.stopping; k++) {
      const due = start + k * interval;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (this.stopping) break;
      const sending = this.send(k, Math.round(due)).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  private async send(k: number, due: number): Promise<void> {
    const { batchSize, visitors, domain, eventEvery = 4 } = this.options;
    const kind = k % eventEvery === eventEvery - 1 ? "event" : "pageview";
    const batch: SentEvent[] = [];
    for (let i = 0; i < batchSize; i++) {
      const seq = k * batchSize + i;
      batch.push({ seq, visitor: seq % visitors, kind, path: `/e/${seq}`, time: due + i, outcome: "pending" });
    }
    this.events.push(...batch);
    const body = batch.map((e) => ({
      url: `https://${domain}${e.path}`,
      ip: ipOfVisitor(e.visitor),
      user_agent: UA,
      time: new Date(e.time).toISOString(),
      ...(this.padding ? { tags: this.padding } : {}),
      ...(kind === "event" ? { event_name: "fault-check", event_meta: { seq: e.seq } } : {}),
    }));
    const record: RequestRecord = {
      firstSeq: batch[0]!.seq,
      count: batch.length,
      sentAt: Date.now(),
      answeredAt: undefined,
      outcome: "pending",
      status: "",
      retryAfter: null,
    };
    this.requests.push(record);
    try {
      const response = await fetch(`${this.options.url()}/api/v1/${kind === "event" ? "event" : "hit"}/batch`, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.options.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
      await response.text();
      record.status = String(response.status);
      record.retryAfter = response.headers.get("retry-after");
      record.outcome = response.ok ? "acked" : "refused";
    } catch (error) {
      record.status = networkCodeOf(error);
      // A connection that was never accepted carried nothing; anything else may have been read.
      record.outcome = record.status === "ECONNREFUSED" ? "refused" : "unanswered";
    }
    record.answeredAt = Date.now();
    for (const event of batch) event.outcome = record.outcome;
  }
}
