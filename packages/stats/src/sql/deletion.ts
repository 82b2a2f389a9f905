import type { Period } from "../model/date-range.js";
import type { DeletionKind } from "../model/deletion.js";
import { clickhouseTimeOf, type CompiledQuery, Params } from "./params.js";

/**
 * The mutations that delete a site's sessions that started in the period, or only their custom
 * events. Removing the events of a session also zeroes its event count in `sessions`, which
 * decides bounces; since every event of such a session is deleted, 0 is exact. `time >= start`
 * repeats what session_start implies so that ClickHouse skips older partitions of `events`.
 */
export function compileDeletion(siteId: string, period: Period, kind: DeletionKind): CompiledQuery[] {
  const params = new Params();
  const site = params.named("site", "String", siteId);
  const start = params.named("start", "DateTime64(3, 'UTC')", clickhouseTimeOf(period.start));
  const end = params.named("end", "DateTime64(3, 'UTC')", clickhouseTimeOf(period.end));
  const sessions = `site_id = ${site} AND session_start >= ${start} AND session_start < ${end}`;
  const rows = `${sessions} AND time >= ${start}`;
  const statements =
    kind === "all"
      ? [`ALTER TABLE events DELETE WHERE ${rows}`, `ALTER TABLE sessions DELETE WHERE ${sessions}`]
      : [`ALTER TABLE events DELETE WHERE ${rows} AND kind = 'event'`, `ALTER TABLE sessions UPDATE events = 0 WHERE ${sessions}`];
  const all = params.all;
  return statements.map((sql) => ({ sql, params: all }));
}
