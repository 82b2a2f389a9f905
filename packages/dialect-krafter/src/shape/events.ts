import type { ResultRow } from "@pulse/stats";

export interface KrafterEvent {
  event_name: string;
  total: number;
  unique_count: number;
  revenue: number | null;
}

/** Custom events: how often, by how many visitors, and their revenue (null when none was tracked). */
export function eventsOf(rows: readonly ResultRow[]): KrafterEvent[] {
  return rows.map((row) => {
    const revenue = row.metrics.revenue ?? 0;
    return {
      event_name: String(row.dimensions["event"] ?? ""),
      total: row.metrics.events ?? 0,
      unique_count: row.metrics.event_visitors ?? 0,
      // A sum of nothing is 0; Krafter says null when an event carries no revenue.
      revenue: revenue === 0 ? null : revenue,
    };
  });
}
