/** A DateTime64(3, 'UTC') query parameter: "2026-11-24 10:43:21.123". */
export function clickhouseTimeOf(at: Date | number): string {
  return new Date(at).toISOString().replace("T", " ").replace("Z", "");
}
