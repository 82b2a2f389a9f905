import { type HitKind, type HitRecord, hitRecordOf, retryableIdOf, timeProblemOf } from "@pulse/hits";
import { ValidationError, valueWithin } from "@pulse/service";
import type { Context } from "hono";
import type { IdempotencyStore, RecordSink, SiteDirectory } from "./ports.js";

export interface AcceptDeps {
  sites: SiteDirectory;
  sink: RecordSink;
  idempotency: IdempotencyStore;
  now: () => number;
  /**
   * The records' deadline, `ack_by` (INGEST_ACK_TIMEOUT_MS), and how long past it to wait for
   * Kafka's answer (INGEST_ACK_GRACE_MS). Absent: no deadline; wait as long as the producer does.
   */
  ack?: { timeoutMs: number; graceMs: number };
}

/** What accept needs of a validated body; the rest travels along into the record. */
export type Item = { ip: string; user_agent: string; url?: string; time?: string };

function pathOf(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

/** What a traffic filter may look at; the path is parsed only if a filter asks (most sites have none). */
class Traits {
  constructor(
    readonly ip: string,
    readonly userAgent: string,
    private readonly url: string | undefined,
  ) {}

  get path(): string {
    return pathOf(this.url);
  }
}

/** The records to send for validated items; a bad `time` anywhere refuses the whole batch. */
function recordsOf(kind: HitKind, items: Item[], siteId: string, deps: AcceptDeps, idempotencyKey: string | undefined) {
  const now = deps.now();
  const times: number[] = [];
  const problems: { field: string; message: string }[] = [];
  items.forEach((item, index) => {
    if (item.time === undefined) {
      times.push(now);
      return;
    }
    const time = Date.parse(item.time);
    const problem = timeProblemOf(time, now);
    if (problem) problems.push({ field: `${index}.time`, message: `time ${problem}` });
    times.push(time);
  });
  if (problems.length > 0) throw new ValidationError("Invalid request body", problems);
  const records: HitRecord[] = [];
  items.forEach((item, index) => {
    if (deps.sites.isFiltered(siteId, new Traits(item.ip, item.user_agent, item.url))) return;
    const id = idempotencyKey === undefined ? undefined : retryableIdOf(siteId, idempotencyKey, kind, index);
    records.push(hitRecordOf(kind, item as never, { siteId, time: times[index]!, receivedAt: now, id }));
  });
  return { records, filtered: items.length - records.length };
}

/**
 * Sends validated items to Kafka and answers 202 only once Kafka acknowledged them; 503 with
 * Retry-After when it could not. With an Idempotency-Key, a repeat of a completed request gets the
 * first answer again and sends nothing, and every attempt gives the events the same ids.
 */
export async function accept(c: Context, kind: HitKind, items: Item[], siteId: string, deps: AcceptDeps) {
  const idempotencyKey = c.req.header("idempotency-key");
  if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
    throw new ValidationError("Invalid Idempotency-Key header", [{ field: "Idempotency-Key", message: "must be 1 to 255 characters" }]);
  }
  const { records, filtered } = recordsOf(kind, items, siteId, deps, idempotencyKey);
  const body = { accepted: records.length, filtered };
  if (idempotencyKey !== undefined) {
    const claim = await deps.idempotency.claim(siteId, idempotencyKey);
    if (claim.state === "done") return c.json(claim.response as typeof body, 202);
    if (claim.state === "pending") return c.json({ error: "A request with this Idempotency-Key is in progress" }, 409);
  }
  try {
    await send(deps, records);
  } catch {
    if (idempotencyKey !== undefined) await deps.idempotency.release(siteId, idempotencyKey).catch(() => {});
    c.header("Retry-After", "5");
    // A copy Kafka appends after the deadline is dropped by the consumer (ack_by). Left: Kafka failing
    // after it appended (or answering after the grace); a retry with the same Idempotency-Key carries
    // the same event ids, so even then the events count once.
    return c.json({ error: "The event pipeline did not acknowledge the request in time, so it was not stored; retry later (with the same Idempotency-Key to be safe from counting twice)" }, 503);
  }
  if (idempotencyKey !== undefined) await deps.idempotency.complete(siteId, idempotencyKey, body).catch(() => {});
  return c.json(body, 202);
}

/**
 * Resolves once Kafka acknowledged the records in a way the consumer will count; rejects otherwise.
 * The consumer drops a record the broker appended after its `ack_by`, so the answer follows the same
 * rule: appended by the deadline (the broker's own time, from its answer) is stored; appended later,
 * or no answer within the grace, is not. Both sides compare the same two numbers, so clocks that
 * disagree move the cut-off but never make ingest and consumer decide differently.
 */
async function send(deps: AcceptDeps, records: HitRecord[]) {
  if (records.length === 0) return;
  if (deps.ack === undefined) return void (await deps.sink.send(records));
  const { timeoutMs, graceMs } = deps.ack;
  const ackBy = deps.now() + timeoutMs;
  for (const record of records) record.ack_by = ackBy;
  const answer = await valueWithin(deps.sink.send(records), timeoutMs + graceMs);
  if (answer === undefined) throw new Error("Kafka did not answer in time");
  // Without the broker's time (a topic keeping the producer's times), ingest's own clock decides.
  if ((answer.value ?? deps.now()) > ackBy) throw new Error("Kafka appended the records after their deadline");
}
