import type { Period } from "../model/date-range.js";
import type { StatsQuery } from "../model/query.js";
import type { CompiledQuery } from "../sql/params.js";
import { compileSessionsListQueries, type SessionsPageIds } from "../sql/sessions-list.js";
import type { RawRow } from "./rows.js";

/** Runs a compiled statement and returns its rows (the engine's rowsOf, or a benchmark's). */
export type RowsRunner = <T>(compiled: CompiledQuery) => Promise<T[]>;

const DAY_MS = 86_400_000;
/** Each window of the page search reaches this many times further back than the one before. */
const WIDEN = 8;

/**
 * One page of the sessions list: the rows of compileSessionsList and its total. The page is looked
 * for among the sessions of the period's last day first, then of the last 8, 64, ... days, until it
 * is full or the window is the whole period, so a dashboard's first pages read the newest days
 * only, whatever the period's length. The total is counted at the same time; like the single
 * statement's, it is 0 on a page past the end.
 */
export async function listSessions(run: RowsRunner, query: StatsQuery, period: Period): Promise<{ rows: RawRow[]; total_rows: number }> {
  const { pageSince, total, detailsOf } = compileSessionsListQueries(query, period);
  const counted = run<{ total_rows: string | number }>(total);
  // Awaited below; without this a failing page would leave its rejection unhandled.
  counted.catch(() => undefined);
  let ids: SessionsPageIds[] = [];
  for (let days = 1; ; days *= WIDEN) {
    const since = new Date(Math.max(period.start.getTime(), period.end.getTime() - days * DAY_MS));
    ids = await run<SessionsPageIds>(pageSince(since));
    if (ids.length >= query.limit || since.getTime() <= period.start.getTime()) break;
  }
  const [rows, [count]] = await Promise.all([ids.length === 0 ? [] : run<RawRow>(detailsOf(ids)), counted]);
  return { rows, total_rows: ids.length === 0 ? 0 : Number(count?.total_rows ?? 0) };
}
