import { EnrichmentError } from "@pulse/enrichment";
import type { HitRecord } from "@pulse/hits";
import type { DeadLetter } from "./batch-processor.js";
import { dimensionsOf } from "./enrich-record.js";

export interface Enriched {
  record: HitRecord;
  offset: string;
  dimensions: ReturnType<typeof dimensionsOf>;
}

/**
 * Each record with its dimensions (user agent, geo, referrer, channel, ...); a record enrichment
 * refuses becomes a dead letter of `source`. Any other error is a bug and is thrown.
 */
export function enrichedOf(
  records: readonly { record: HitRecord; offset: string }[],
  hostnamesOf: (siteId: string) => string[],
  source: { topic: string; partition: number },
): { enriched: Enriched[]; letters: DeadLetter[] } {
  const enriched: Enriched[] = [];
  const letters: DeadLetter[] = [];
  // A batch is mostly one site's: its hostnames are looked up once.
  const hostnamesBySite = new Map<string, string[]>();
  for (const item of records) {
    try {
      const siteId = item.record.site_id;
      let hostnames = hostnamesBySite.get(siteId);
      if (hostnames === undefined) {
        hostnames = hostnamesOf(siteId);
        hostnamesBySite.set(siteId, hostnames);
      }
      enriched.push({ record: item.record, offset: item.offset, dimensions: dimensionsOf(item.record, hostnames) });
    } catch (error) {
      if (!(error instanceof EnrichmentError)) throw error;
      letters.push({ ...source, offset: item.offset, value: null, reason: `enrichment: ${error.message}` });
    }
  }
  return { enriched, letters };
}
