/** Epoch ms as ClickHouse's DateTime64(3) text, e.g. "2026-01-02 14:15:32.000" (UTC). */
export function clickhouseTimeOf(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}
