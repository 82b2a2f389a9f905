import { type HitRecord, hitRecord } from "@pulse/hits";

export type Decoded =
  | { ok: true; record: HitRecord }
  /** `index` is the item's place in a bundle; `value` what to dead-letter (the item alone, for a bundle). */
  | { ok: false; reason: string; value: Buffer | null; index?: number };

/**
 * The records of one Kafka message: a single record (a JSON object), or a bundle of them (a JSON
 * array, as ingest's BatchingProducer packs one partition's share of a produce call), in order.
 * A bundle's bad items are refused one by one; the rest of it still counts.
 */
export function recordsOfMessage(value: Buffer | null): Decoded[] {
  if (value === null) return [{ ok: false, reason: "empty message", value }];
  let json: unknown;
  try {
    json = JSON.parse(value.toString("utf8"));
  } catch {
    return [{ ok: false, reason: "not JSON", value }];
  }
  if (!Array.isArray(json)) return [recordOf(json, value)];
  if (json.length === 0) return [{ ok: false, reason: "empty bundle", value }];
  return json.map((item, index) => {
    const decoded = recordOf(item, null);
    if (decoded.ok) return decoded;
    return { ...decoded, reason: `bundle item ${index}: ${decoded.reason}`, value: Buffer.from(JSON.stringify(item)), index };
  });
}

function recordOf(json: unknown, value: Buffer | null): Decoded {
  const parsed = hitRecord.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `invalid record: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, value };
}
