/**
 * Kissmetrics writes instants to the second in UTC, accounts with "Z" ("2013-10-04T04:56:57Z"),
 * everything else with "+00:00" ("2013-10-04T05:01:07+00:00"); both forms are kept per resource.
 */
export function kmTime(iso: string, suffix: "Z" | "+00:00" = "+00:00"): string {
  return `${new Date(iso).toISOString().slice(0, 19)}${suffix}`;
}

/** A row version (microseconds since the epoch, set by the store on each write) as an instant. */
export function kmTimeOfVersion(version: number, suffix: "Z" | "+00:00" = "+00:00"): string {
  return kmTime(new Date(Math.floor(version / 1000)).toISOString(), suffix);
}

/** An engine bucket label of a UTC query ("2026-03-10 10:02:00") as an instant. */
export function kmTimeOfUtcLabel(label: string): string {
  return `${label.slice(0, 10)}T${label.slice(11, 19)}+00:00`;
}
