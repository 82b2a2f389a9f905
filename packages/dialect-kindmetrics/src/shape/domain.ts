import type { Site } from "@pulse/metadata";
import type { MetricValues } from "@pulse/stats";
import { bounceOf } from "./percentage.js";

/** Our tracker, where Kindmetrics pointed at its kind.js. */
export function trackSnippetOf(domain: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  // A stored domain is a validated hostname, but the snippet is HTML: escape it all the same.
  const escaped = domain.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<script defer data-domain="${escaped}" src="${base}/js/script.js"></script>`;
}

/** GET /api/domains: id and address. Our ids are strings where Kindmetrics' were numbers. */
export function domainListItemOf(site: Site): { id: string; address: string } {
  return { id: site.id, address: site.domain };
}

export interface DomainStats {
  address: string;
  visitors: number;
  pageviews: number;
  bounce: number;
  track_snippet: string;
}

/** GET /api/domains/:id and the answer to creating one. */
export function domainStatsOf(site: Site, metrics: MetricValues, baseUrl: string): DomainStats {
  return {
    address: site.domain,
    visitors: metrics.visitors ?? 0,
    pageviews: metrics.pageviews ?? 0,
    bounce: bounceOf(metrics.bounce_rate),
    track_snippet: trackSnippetOf(site.domain, baseUrl),
  };
}
