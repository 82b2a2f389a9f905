import type { ClickHouseClient } from "@pulse/clickhouse";
import {
  cumulativeShares,
  DEVICES,
  EVENTS,
  HOUR_WEIGHTS,
  LANGUAGES,
  PAGES,
  PLACES,
  SECTIONS,
  SOURCES,
  TOP_PAGES,
  TOP_TITLES,
  type Weighted,
  WORDS,
} from "./distributions.js";

export interface DatasetSpec {
  siteId: string;
  domain: string;
  /** Rows of `events` to write (page views, custom events and keep-alives together). */
  events: number;
  /** The data ends here: sessions start over the 90 days before, and nothing is later. */
  now: Date;
  seed: number;
  /** Written into kafka_topic, so ingest_progress fills as in production. */
  topic: string;
}

const DAY_MS = 86_400_000;
export const DAYS = 90;
/** Bounced sessions (one page view) and the mean extra pages of the others decide rows per session. */
const BOUNCE_SHARE = 0.45;
const EVENT_SHARE = 0.12;
const KEEP_ALIVE_SHARE = 0.05;
const BOT_SHARE = 0.02;
/** Of every 4 consecutive sessions, the last 3 are each a returning visit of the first's visitor this often. */
const RETURN_SHARE = 0.3;
/** Rows per generated session on average (page views, events and keep-alives, bots and sessions cut by `now` included). */
const ROWS_PER_SESSION = 2.7;
/** A little low on purpose: the last range always has rows enough for its LIMIT to cut. */
const ROWS_PER_SESSION_LOW = 2.3;

/** A range of session numbers; `limit` keeps only the first rows of it. */
export interface SessionRange {
  from: number;
  count: number;
  limit?: number;
}

/**
 * Ranges of sessions for `streams` statements run at once: the first ones of about events/streams
 * rows each, the last one open-ended, cut by LIMIT to the rows still missing (known once the first
 * ones are counted). Every range is a function of the spec alone, so the rows are the same every run.
 */
export function sessionRanges(events: number, streams: number): SessionRange[] {
  const total = Math.ceil(events / ROWS_PER_SESSION_LOW) + 100;
  const each = Math.floor(events / ROWS_PER_SESSION / streams);
  const ranges = Array.from({ length: streams - 1 }, (_, i) => ({ from: i * each, count: each }));
  const from = (streams - 1) * each;
  return [...ranges, { from, count: total - from }];
}

/** Parallel arrays (one per column, plus the cumulative shares) of a weighted table, as query parameters. */
export function tableParams(prefix: string, table: Weighted<readonly string[]>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  table.columns.forEach((column, i) => {
    params[`${prefix}_${column}`] = table.rows.map((row) => row[i]);
  });
  params[`${prefix}_cdf`] = cumulativeShares(table.rows.map((row) => row.at(-1) as number));
  return params;
}

/** A uniform draw in [0, 1) from the seed and the given integer expressions: the same inputs, the same draw. */
const u = (...parts: (string | number)[]) => `(cityHash64({seed:UInt64}, ${parts.join(", ")}) / 18446744073709551616)`;

/** 1-based index of a weighted table's row for the draw `draw`. */
const pick = (prefix: string, draw: string) => `arrayFirstIndex(c -> c > ${draw}, {${prefix}_cdf:Array(Float64)})`;
const col = (prefix: string, column: string, index: string) => `{${prefix}_${column}:Array(String)}[${index}]`;

/** Zipf-like (density ∝ 1/rank) page rank in 0..PAGES-1 for a draw. */
const rankOf = (draw: string) => `least(${PAGES - 1}, toUInt32(floor(exp(${draw} * log(${PAGES + 1})))) - 1)`;
const wordOf = (index: string) => `{words:Array(String)}[(${index}) % ${WORDS.length} + 1]`;
const pathOf = (rank: string) =>
  `if(${rank} < ${TOP_PAGES.length}, {top_pages:Array(String)}[${rank} + 1], ` +
  `concat('/', {sections:Array(String)}[${rank} % ${SECTIONS.length} + 1], '/', ${wordOf(`${rank} * 11`)}, '-', ${wordOf(`intDiv(${rank}, ${WORDS.length})`)}, '-', toString(${rank})))`;
const titleOf = (rank: string) =>
  `if(${rank} < ${TOP_PAGES.length}, {top_titles:Array(String)}[${rank} + 1], ` +
  `concat(initcap(${wordOf(`${rank} * 11`)}), ' ', ${wordOf(`intDiv(${rank}, ${WORDS.length})`)}, ' ', toString(${rank})))`;
/** Milliseconds from page i of session s to its next page: 8 s at least, about a minute on average, 15 minutes at most. */
const gapMs = (i: string) => `(8000 + least(900000, toUInt64(floor(-log(${u("s", i, 14)} + 1e-12) * 50000))))`;

/**
 * A UUIDv7 (RFC 9562) whose first 48 bits are `ms`: session ids must be, since the engine bounds a
 * session's rows by the time in its id. The other bits come from `hash`.
 */
const uuidV7Of = (ms: string, hash: string) => {
  const ts = `leftPad(lower(hex(toUInt64(${ms}))), 12, '0')`;
  const r = `leftPad(lower(hex(${hash})), 16, '0')`;
  return (
    `toUUID(concat(substring(${ts}, 1, 8), '-', substring(${ts}, 9, 4), '-7', substring(${r}, 1, 3), '-', ` +
    `['8', '9', 'a', 'b'][(${hash} % 4) + 1], substring(${r}, 4, 3), '-', substring(${r}, 7, 10), substring(${r}, 1, 2)))`
  );
};

/** Columns of `events` in the order the statement selects them (migrations/0001_events.sql). */
const COLUMNS = [
  "site_id", "time", "id", "kind", "visitor_id", "session_id", "session_start", "hostname", "path", "title",
  "previous_path", "seconds_since_previous", "referrer", "referrer_name", "channel", "utm_source", "utm_medium",
  "utm_campaign", "utm_content", "utm_term", "language", "country_code", "region", "city", "browser",
  "browser_version", "os", "os_version", "platform", "screen_class", "event_name", "event_duration", "event_meta",
  "tags", "is_bot", "received_at", "kafka_topic", "kafka_partition", "kafka_offset",
];

/**
 * The rows of one range of sessions as a SELECT of the events columns: sessions first (start,
 * visitor, where they came from, what they use), then one row per page view, custom event and
 * keep-alive of each. Everything is a function of the seed and the session's number, so a run
 * writes the same rows for the same `now`. Sessions start over the 90 days before `now`, busier in
 * the afternoon (UTC), on weekdays and towards the end; rows after `now` (sessions still going on)
 * are dropped.
 */
function rowsStatement(spec: DatasetSpec, range: SessionRange): { sql: string; params: Record<string, unknown> } {
  const nowMs = spec.now.getTime();
  const firstDayMs = Math.floor(nowMs / DAY_MS) * DAY_MS - (DAYS - 1) * DAY_MS;
  // ISO day of the week (1 = Monday) of the first day: 1970-01-01 was a Thursday.
  const firstDow = ((Math.floor(firstDayMs / DAY_MS) + 3) % 7) + 1;
  const params: Record<string, unknown> = {
    seed: spec.seed,
    site: spec.siteId,
    domain: spec.domain,
    topic: spec.topic,
    session_from: range.from,
    session_count: range.count,
    first_day_ms: firstDayMs,
    first_dow: firstDow,
    now_ms: nowMs,
    hour_cdf: cumulativeShares(HOUR_WEIGHTS),
    top_pages: TOP_PAGES,
    top_titles: TOP_TITLES,
    sections: SECTIONS,
    words: WORDS,
    plans: ["free", "pro", "team"],
    ...tableParams("src", SOURCES),
    ...tableParams("geo", PLACES),
    ...tableParams("dev", DEVICES),
    ...tableParams("lang", LANGUAGES),
    ...tableParams("ev", EVENTS),
  };

  const day = `toUInt32(floor(${DAYS} * if(${u("person", 3)} < 0.5, ${u("person", 2)}, sqrt(${u("person", 2)}))))`;
  const sessions =
    "SELECT s, person, is_bot, L, start_ms, src, geo, dev, lang, www, " +
    `cityHash64({seed:UInt64}, person, intDiv(start_ms, ${DAY_MS}), 40) AS visitor_id ` +
    "FROM (SELECT number AS s, " +
    `if(s % 4 != 0 AND ${u("s", 1)} < ${RETURN_SHARE}, s - s % 4, s) AS person, ` +
    `${day} AS d0, ` +
    // Fewer sessions at weekends: some of them move to a weekday of the same week (dow 0 is Monday).
    `({first_dow:UInt8} - 1 + d0) % 7 AS dow, ` +
    `if(dow >= 5 AND d0 >= dow AND ${u("person", 4)} < 0.35, d0 - dow + toUInt32(floor(${u("person", 25)} * 5)), d0) AS d, ` +
    `arrayFirstIndex(c -> c > ${u("person", 5)}, {hour_cdf:Array(Float64)}) - 1 AS hour, ` +
    `toInt64({first_day_ms:Int64} + d * ${DAY_MS} + hour * 3600000 + floor(${u("person", 6)} * 3600000) ` +
    `+ (s - person) * (1800000 + floor(${u("s", 7)} * 14400000))) AS start_ms, ` +
    `${u("s", 10)} < ${BOT_SHARE} AS is_bot, ` +
    `if(is_bot OR ${u("s", 8)} < ${BOUNCE_SHARE}, 1, 2 + least(18, toUInt32(floor(-log(${u("s", 9)} + 1e-12) / 0.5)))) AS L, ` +
    `if(is_bot, 1, ${pick("src", u("s", 20))}) AS src, ` +
    `${pick("geo", u("person", 21))} AS geo, ${pick("dev", u("person", 22))} AS dev, ${pick("lang", u("person", 23))} AS lang, ` +
    `${u("person", 24)} < 0.1 AS www ` +
    "FROM numbers({session_from:UInt64}, {session_count:UInt64})) WHERE start_ms <= {now_ms:Int64}";

  const slots =
    `arrayFilter(j -> j % 3 = 0 OR (j % 3 = 1 AND NOT is_bot AND ${u("s", "intDiv(j, 3)", 11)} < ${EVENT_SHARE}) ` +
    `OR (j % 3 = 2 AND intDiv(j, 3) = L - 1 AND NOT is_bot AND ${u("s", 12)} < ${KEEP_ALIVE_SHARE}), range(L * 3))`;
  const rank = rankOf(u("s", "page", 13));
  const previousRank = rankOf(u("s", "page - 1", 13));
  const rows =
    "SELECT s, person, is_bot, L, start_ms, src, geo, dev, lang, www, visitor_id, slot, " +
    "intDiv(slot, 3) AS page, slot % 3 AS sub, " +
    `${rank} AS rank, ` +
    `start_ms + arraySum(arrayMap(i -> ${gapMs("i")}, range(page))) + ` +
    `multiIf(sub = 0, 0, sub = 1, 1000 + floor(${u("s", "page", 15)} * 5000), 30000 + floor(${u("s", 16)} * 240000)) AS time_ms, ` +
    `sub = 0 AND page > 0 AS has_previous, ` +
    `if(has_previous, ${pathOf(previousRank)}, '') AS previous, ` +
    `if(has_previous, intDiv(${gapMs("page - 1")}, 1000), 0) AS since_previous, ` +
    `${pick("ev", u("s", "page", 18))} AS ev ` +
    `FROM (${sessions}) ARRAY JOIN ${slots} AS slot`;

  // The session's source shows on the rows of its landing page; later pages are internal navigation.
  const landing = "page = 0 AND sub != 2";
  const keepAlive = "sub = 2";
  const select = [
    "{site:String}",
    "fromUnixTimestamp64Milli(toInt64(time_ms), 'UTC')",
    uuidV7Of("time_ms", `cityHash64({seed:UInt64}, s, slot, 50)`),
    "multiIf(sub = 0, 'pageview', sub = 1, 'event', 'session')",
    "visitor_id",
    uuidV7Of("start_ms", `cityHash64({seed:UInt64}, s, 51)`),
    "fromUnixTimestamp64Milli(start_ms, 'UTC')",
    `if(${keepAlive}, '', if(www, concat('www.', {domain:String}), {domain:String}))`,
    pathOf("rank"),
    `if(${keepAlive}, '', ${titleOf("rank")})`,
    "previous",
    "since_previous",
    `if(${landing}, ${col("src", "referrer", "src")}, '')`,
    `if(${landing}, ${col("src", "referrer_name", "src")}, '')`,
    `if(${keepAlive}, '', if(${landing}, ${col("src", "channel", "src")}, 'Direct'))`,
    `if(${landing}, ${col("src", "utm_source", "src")}, '')`,
    `if(${landing}, ${col("src", "utm_medium", "src")}, '')`,
    `if(${landing}, ${col("src", "utm_campaign", "src")}, '')`,
    "''",
    "''",
    col("lang", "language", "lang"),
    col("geo", "country_code", "geo"),
    col("geo", "region", "geo"),
    col("geo", "city", "geo"),
    col("dev", "browser", "dev"),
    col("dev", "browser_version", "dev"),
    col("dev", "os", "dev"),
    col("dev", "os_version", "dev"),
    col("dev", "platform", "dev"),
    `if(${keepAlive}, '', ${col("dev", "screen_class", "dev")})`,
    `if(sub = 1, ${col("ev", "event_name", "ev")}, '')`,
    "0",
    `mapFilter((k, v) -> sub = 1, map(${col("ev", "meta_key", "ev")}, {plans:Array(String)}[s % 3 + 1]))`,
    `mapFilter((k, v) -> sub = 0 AND ${u("s", "page", 17)} < 0.05, map('author', ${wordOf("s")}, 'plan', {plans:Array(String)}[s % 3 + 1]))`,
    "is_bot",
    `fromUnixTimestamp64Milli(toInt64(time_ms + 50 + floor(${u("s", "slot", 19)} * 450)), 'UTC')`,
    "{topic:String}",
    "toUInt32(s % 6)",
    "s * 64 + slot",
  ];
  const sql = `SELECT ${select.join(", ")} FROM (${rows}) WHERE time_ms <= {now_ms:Int64}`;
  return { sql, params };
}

/** INSERT of one range's rows (the first `range.limit` of them when set). */
export function insertStatement(spec: DatasetSpec, range: SessionRange): { sql: string; params: Record<string, unknown> } {
  const { sql, params } = rowsStatement(spec, range);
  if (range.limit === undefined) return { sql: `INSERT INTO events (${COLUMNS.join(", ")}) ${sql}`, params };
  return { sql: `INSERT INTO events (${COLUMNS.join(", ")}) ${sql} LIMIT {limit:UInt64}`, params: { ...params, limit: range.limit } };
}

/** How many rows one range holds (ClickHouse computes only what the count needs). */
export function countStatement(spec: DatasetSpec, range: SessionRange): { sql: string; params: Record<string, unknown> } {
  const { sql, params } = rowsStatement(spec, range);
  return { sql: `SELECT count() AS n FROM (${sql})`, params };
}

async function countOf(client: ClickHouseClient, statement: { sql: string; params: Record<string, unknown> }): Promise<number> {
  const result = await client.query({ query: statement.sql, query_params: statement.params, format: "JSONEachRow" });
  const [row] = await result.json<{ n: number | string }>();
  return Number(row?.n ?? 0);
}

/**
 * Writes the dataset into `client`'s database with `streams` INSERT ... SELECT statements at once
 * and checks that exactly `spec.events` rows arrived. Each statement is single-threaded, so the
 * last one's LIMIT keeps the same first rows every run.
 */
export async function generateDataset(client: ClickHouseClient, spec: DatasetSpec, streams = 2): Promise<void> {
  const ranges = sessionRanges(spec.events, Math.max(1, streams));
  const last = ranges.at(-1)!;
  const counts = await Promise.all(ranges.slice(0, -1).map((range) => countOf(client, countStatement(spec, range))));
  const before = counts.reduce((sum, n) => sum + n, 0);
  if (before >= spec.events) throw new Error(`the first ranges already hold ${before} rows of ${spec.events}`);
  const statements = [...ranges.slice(0, -1), { ...last, limit: spec.events - before }].map((range) => insertStatement(spec, range));
  await Promise.all(
    statements.map(({ sql, params }) =>
      client.command({
        query: sql,
        query_params: params,
        clickhouse_settings: { max_threads: 1, max_insert_threads: "1", max_execution_time: 1800 },
      }),
    ),
  );
  const written = await countOf(client, {
    sql: "SELECT count() AS n FROM events WHERE site_id = {site:String}",
    params: { site: spec.siteId },
  });
  if (written !== spec.events) throw new Error(`the generator wrote ${written} events, ${spec.events} were asked for`);
}
