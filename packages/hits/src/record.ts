import { z } from "zod";
import { eventBody, hitBody, sessionBody } from "./wire.js";

/**
 * One accepted hit as it travels through Kafka: the wire fields plus what ingest knows.
 * `v` lets the consumer refuse records of a format it does not understand (to the dead-letter topic).
 */
const envelope = z.object({
  v: z.literal(1),
  /** UUIDv7: unique and time-ordered, assigned at ingest. */
  id: z.uuid(),
  site_id: z.string().min(1),
  /** Epoch milliseconds: when the hit happened (batch `time`) or was received. */
  time: z.number().int().nonnegative(),
  received_at: z.number().int().nonnegative(),
  /**
   * Epoch milliseconds: ingest answers 503 if Kafka has not acknowledged the record by then. A copy
   * the broker appended later (a frozen broker resuming) is dropped by the consumer. Absent in
   * records of older versions, which are never dropped for lateness.
   */
  ack_by: z.number().int().nonnegative().optional(),
});

// Compiled, as the wire schemas are (see wire.ts): the consumer checks every record it reads.
export const hitRecord = z.compile(
  z.discriminatedUnion("kind", [
    envelope.extend(hitBody.shape).extend({ kind: z.literal("pageview") }),
    envelope.extend(eventBody.shape).extend({ kind: z.literal("event") }),
    envelope.extend(sessionBody.shape).extend({ kind: z.literal("session") }),
  ]),
);

export type HitRecord = z.infer<typeof hitRecord>;
export type HitKind = HitRecord["kind"];
