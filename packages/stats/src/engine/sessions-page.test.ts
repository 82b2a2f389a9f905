import { describe, expect, it } from "vitest";
import { resolveRange } from "../model/date-range.js";
import { statsQuery } from "../model/query.js";
import type { CompiledQuery } from "../sql/params.js";
import { listSessions } from "./sessions-page.js";

// The page search with a fake ClickHouse: sessions one every 6 hours over the period; a window's
// page holds those that started at `since` or later, newest first, paged by LIMIT/OFFSET.

const NOW = new Date("2025-04-02T10:00:00Z");
const DAY = 86_400_000;

function fakeRun(starts: readonly number[]) {
  const sinces: string[] = [];
  let totals = 0;
  let details = 0;
  const run = async <T>(compiled: CompiledQuery): Promise<T[]> => {
    const values = Object.values(compiled.params);
    if (compiled.sql.startsWith("SELECT count() AS total_rows")) {
      totals++;
      return [{ total_rows: String(starts.length) }] as T[];
    }
    if (compiled.sql.includes("keep_alives")) {
      details++;
      return (values.find(Array.isArray) as string[]).map((session) => ({ session })) as T[];
    }
    // pageSince: its own bound is the last DateTime64 parameter; LIMIT and OFFSET the last two values.
    const since = String(values.at(-3));
    sinces.push(since);
    const [limit, offset] = values.slice(-2) as number[];
    const from = Date.parse(`${since.replace(" ", "T")}Z`);
    const rows = starts
      .filter((t) => t >= from)
      .sort((a, b) => b - a)
      .slice(offset, offset! + limit!)
      .map((t) => ({ session: `s${t}`, started_at: new Date(t).toISOString().replace("T", " ").slice(0, 23), ended_at: new Date(t).toISOString().replace("T", " ").slice(0, 23) }));
    return rows as T[];
  };
  return { run, sinces, counts: () => ({ totals, details }) };
}

function inputOf(limit: number, offset: number) {
  const query = statsQuery.parse({ site_id: "s", date_range: "30d", timezone: "UTC", limit, offset });
  return { query, period: resolveRange(query.date_range, query.timezone, NOW) };
}

describe("listSessions", () => {
  const { period } = inputOf(1, 0);
  const starts = Array.from({ length: 30 * 4 }, (_, i) => period.start.getTime() + i * 6 * 3_600_000).filter((t) => t < NOW.getTime());

  it("reads the last day first and stops there when the page is full", async () => {
    const { query } = inputOf(2, 0);
    const fake = fakeRun(starts);
    const page = await listSessions(fake.run, query, period);
    expect(fake.sinces).toHaveLength(1);
    expect(Date.parse(`${fake.sinces[0]!.replace(" ", "T")}Z`)).toBe(period.end.getTime() - DAY);
    expect(page.rows.map((r) => r["session"])).toEqual([`s${starts.at(-1)}`, `s${starts.at(-2)}`]);
    expect(page).toMatchObject({ total_rows: starts.length });
    expect(fake.counts()).toEqual({ totals: 1, details: 1 });
  });

  it("widens the window until the page is full, or to the whole period", async () => {
    const deep = fakeRun(starts);
    const { query } = inputOf(5, 40);
    const page = await listSessions(deep.run, query, period);
    // 1 day, then 8: 40 + 5 sessions are 11+ days back, so 64 days, cut to the period's start.
    expect(deep.sinces.map((s) => (period.end.getTime() - Date.parse(`${s.replace(" ", "T")}Z`)) / DAY)).toEqual([1, 8, 30]);
    expect(page.rows.map((r) => r["session"])).toEqual(
      [...starts].sort((a, b) => b - a).slice(40, 45).map((t) => `s${t}`),
    );

    const past = fakeRun(starts);
    const beyond = await listSessions(past.run, inputOf(5, 500).query, period);
    expect(beyond).toEqual({ rows: [], total_rows: 0 });
    expect(past.counts().details).toBe(0);
  });
});
