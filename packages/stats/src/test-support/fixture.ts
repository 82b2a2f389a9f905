/**
 * The hits behind src/engine.it.test.ts, as people would have made them. Every figure the test
 * asserts is worked out by hand from these tables (see the comment blocks in the test).
 *
 * A visitor id is a hash of (site, IP, user agent) with a salt that changes every UTC day, so the
 * same person on two UTC days is two visitors. Below, "A@03-03" is person A on UTC day 2025-03-03.
 */

export const SITES = {
  /** The site most figures are about; days and hours are Berlin's (UTC+1 until 2025-03-30, then +2). */
  alpha: { hostname: "alpha.example", timezone: "Europe/Berlin" },
  /** A busy neighbour with the same paths: any figure that leaked across sites would show it. */
  beta: { hostname: "beta.example", timezone: "UTC" },
  /** Hits made while the test runs, for the realtime counters (see liveSessions). */
  live: { hostname: "live.example", timezone: "UTC" },
} as const;
export type SiteName = keyof typeof SITES;

const UA = {
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
} as const;

export interface Person {
  ip: string;
  userAgent: string;
  acceptLanguage?: string;
  screenWidth?: number;
}

/**
 * Who visits. Country from geoip-lite, browser/OS/platform from ua-parser-js, screen class from the width.
 *
 *      IP               country (region, city)   browser / OS / platform         language  screen
 *  A   81.2.69.142      GB (ENG, St Albans)      Firefox 120.0 / Linux / desktop en        XL
 *  B   8.8.8.8          US                       Chrome 122.0 / Windows / desktop en       L
 *  C   85.214.132.117   DE (BE, Berlin)          Safari 17.3 / iOS / mobile      de        XS
 *  D   133.242.0.1      JP (13, Tokyo)           Safari 17.2 / macOS / desktop   ja        L
 *  E   95.216.0.1       FI (18, Helsinki)        Chrome 122.0 / Windows / desktop fi       L
 *  F   81.2.69.160      GB (ENG, St Albans)      Safari 17.3 / iOS / mobile      en        XS
 *  G   62.210.16.6      FR                       Firefox 120.0 / Linux / desktop fr        XL
 *  H   93.184.216.34    US (MA, Norwell)         Safari 17.2 / macOS / desktop   en        XXL
 *  BOT 8.8.4.4          US                       Googlebot (is_bot = 1)
 */
export const PEOPLE = {
  A: { ip: "81.2.69.142", userAgent: UA.firefoxLinux, acceptLanguage: "en-GB,en;q=0.9", screenWidth: 1920 },
  B: { ip: "8.8.8.8", userAgent: UA.chromeWindows, acceptLanguage: "en-US", screenWidth: 1366 },
  C: { ip: "85.214.132.117", userAgent: UA.safariIphone, acceptLanguage: "de-DE,de;q=0.8", screenWidth: 390 },
  D: { ip: "133.242.0.1", userAgent: UA.safariMac, acceptLanguage: "ja", screenWidth: 1440 },
  E: { ip: "95.216.0.1", userAgent: UA.chromeWindows, acceptLanguage: "fi", screenWidth: 1366 },
  F: { ip: "81.2.69.160", userAgent: UA.safariIphone, acceptLanguage: "en", screenWidth: 390 },
  G: { ip: "62.210.16.6", userAgent: UA.firefoxLinux, acceptLanguage: "fr-FR", screenWidth: 1920 },
  H: { ip: "93.184.216.34", userAgent: UA.safariMac, acceptLanguage: "en-US", screenWidth: 2560 },
  BOT: { ip: "8.8.4.4", userAgent: UA.googlebot },
} satisfies Record<string, Person>;
export type PersonName = keyof typeof PEOPLE;

/** Page titles, and the author tag the blog pages carry. */
export const TITLES: Record<string, string> = {
  "/": "Home",
  "/pricing": "Pricing",
  "/signup": "Sign up",
  "/blog/hello": "Hello",
  "/blog/world": "World",
  "/docs/setup": "Setup",
  "/docs/api": "API",
};
export const AUTHORS: Record<string, string> = { "/blog/hello": "John", "/blog/world": "Jane" };

export interface EventSpec {
  event: string;
  meta?: Record<string, string | number>;
  duration?: number;
}
/**
 * [seconds after the session's start, path] is a page view; with an EventSpec it is an event on
 * that page; [seconds, KEEP_ALIVE] is a session keep-alive.
 */
export const KEEP_ALIVE = "keep-alive";
export type Hit = readonly [number, string] | readonly [number, string, EventSpec];

export interface Session {
  /** A name for the comment blocks of the test. */
  name: string;
  site: SiteName;
  who: PersonName | Person;
  /** UTC. */
  start: string;
  /** Referer header of the first hit. */
  referrer?: string;
  /** Query string of the landing page (UTM parameters). */
  landingQuery?: string;
  hits: readonly Hit[];
}

const G = "https://www.google.com/";

/**
 * Site alpha. Berlin is UTC+1 in these weeks; "Berlin day" is the day the test's figures use.
 *
 * name who start (UTC)        Berlin day  source                          hits (seconds: page, event, keep-alive)
 * P1   A   02-24 09:00:00     Mon 02-24   direct                          0 /, 30 /pricing
 * P2   B   02-25 10:00:00     Tue 02-25   direct                          0 /blog/hello
 * P3   C   02-26 10:00:00     Wed 02-26   direct                          0 /
 * P4   D   03-02 23:30:00     Mon 03-03   direct                          0 /pricing
 * S1   A   03-03 09:00:00     Mon 03-03   Google                          0 /, 60 /pricing, 180 /signup, 200 Signup{plan pro, amount 49}
 * S2   B   03-03 14:00:00     Mon 03-03   utm newsletter/email/spring     0 /blog/hello, 45 /blog/world
 * S6   A   03-03 18:00:00     Mon 03-03   direct                          0 /blog/hello
 * S3   C   03-04 23:30:00     Wed 03-05   Hacker News                     0 /blog/hello
 * S4   D   03-05 10:00:00     Wed 03-05   direct                          0 /, 20 /pricing, 50 Signup{plan basic, amount 19} on /pricing, 80 /docs/setup
 * S5   E   03-05 10:05:00     Wed 03-05   Google                          0 /pricing
 * BOT  BOT 03-05 11:00:00     Wed 03-05   Google                          0 /, 5 /pricing                  (a crawler: never counted)
 * S7   F   03-06 08:00:00     Thu 03-06   direct                          0 /docs/setup, 1200 keep-alive, 2400 keep-alive,
 *                                                                          2500 /docs/api, 2520 Download{file guide.pdf} (12 s)
 * S8   G   03-07 12:00:00     Fri 03-07   utm google/cpc/launch           0 /, 10 /pricing, 25 Signup{plan pro, amount 99.5} on /pricing (6 s)
 * S9   H   03-08 22:59:00     Sat 03-08   direct                          0 /, 90 /blog/world (23:00:30 UTC = Sun 00:00:30 in Berlin)
 * S11  B   03-09 20:00:00     Sun 03-09   Bing                            0 /pricing, 30 Outbound Link Click{url https://github.com}
 * S12  E   03-09 23:30:00     Mon 03-10   direct                          0 /                              (after the week in Berlin)
 * S13  E   03-30 00:30:00     Sun 03-30   direct                          0 /  (01:30 CET)
 * S14  G   03-30 01:30:00     Sun 03-30   direct                          0 /  (03:30 CEST: the clocks skipped 02:00-03:00)
 */
const ALPHA: Session[] = [
  { name: "P1", site: "alpha", who: "A", start: "2025-02-24T09:00:00Z", hits: [[0, "/"], [30, "/pricing"]] },
  { name: "P2", site: "alpha", who: "B", start: "2025-02-25T10:00:00Z", hits: [[0, "/blog/hello"]] },
  { name: "P3", site: "alpha", who: "C", start: "2025-02-26T10:00:00Z", hits: [[0, "/"]] },
  { name: "P4", site: "alpha", who: "D", start: "2025-03-02T23:30:00Z", hits: [[0, "/pricing"]] },
  {
    name: "S1",
    site: "alpha",
    who: "A",
    start: "2025-03-03T09:00:00Z",
    referrer: G,
    hits: [[0, "/"], [60, "/pricing"], [180, "/signup"], [200, "/signup", { event: "Signup", meta: { plan: "pro", amount: 49 } }]],
  },
  {
    name: "S2",
    site: "alpha",
    who: "B",
    start: "2025-03-03T14:00:00Z",
    landingQuery: "utm_source=newsletter&utm_medium=email&utm_campaign=spring",
    hits: [[0, "/blog/hello"], [45, "/blog/world"]],
  },
  { name: "S6", site: "alpha", who: "A", start: "2025-03-03T18:00:00Z", hits: [[0, "/blog/hello"]] },
  { name: "S3", site: "alpha", who: "C", start: "2025-03-04T23:30:00Z", referrer: "https://news.ycombinator.com/item?id=1", hits: [[0, "/blog/hello"]] },
  {
    name: "S4",
    site: "alpha",
    who: "D",
    start: "2025-03-05T10:00:00Z",
    hits: [[0, "/"], [20, "/pricing"], [50, "/pricing", { event: "Signup", meta: { plan: "basic", amount: 19 } }], [80, "/docs/setup"]],
  },
  { name: "S5", site: "alpha", who: "E", start: "2025-03-05T10:05:00Z", referrer: G, hits: [[0, "/pricing"]] },
  { name: "BOT", site: "alpha", who: "BOT", start: "2025-03-05T11:00:00Z", referrer: G, hits: [[0, "/"], [5, "/pricing"]] },
  {
    name: "S7",
    site: "alpha",
    who: "F",
    start: "2025-03-06T08:00:00Z",
    hits: [
      [0, "/docs/setup"],
      [1200, KEEP_ALIVE],
      [2400, KEEP_ALIVE],
      [2500, "/docs/api"],
      [2520, "/docs/api", { event: "Download", meta: { file: "guide.pdf" }, duration: 12 }],
    ],
  },
  {
    name: "S8",
    site: "alpha",
    who: "G",
    start: "2025-03-07T12:00:00Z",
    landingQuery: "utm_source=google&utm_medium=cpc&utm_campaign=launch",
    hits: [[0, "/"], [10, "/pricing"], [25, "/pricing", { event: "Signup", meta: { plan: "pro", amount: 99.5 }, duration: 6 }]],
  },
  { name: "S9", site: "alpha", who: "H", start: "2025-03-08T22:59:00Z", hits: [[0, "/"], [90, "/blog/world"]] },
  {
    name: "S11",
    site: "alpha",
    who: "B",
    start: "2025-03-09T20:00:00Z",
    referrer: "https://www.bing.com/",
    hits: [[0, "/pricing"], [30, "/pricing", { event: "Outbound Link Click", meta: { url: "https://github.com" } }]],
  },
  { name: "S12", site: "alpha", who: "E", start: "2025-03-09T23:30:00Z", hits: [[0, "/"]] },
  { name: "S13", site: "alpha", who: "E", start: "2025-03-30T00:30:00Z", hits: [[0, "/"]] },
  { name: "S14", site: "alpha", who: "G", start: "2025-03-30T01:30:00Z", hits: [[0, "/"]] },
];

/**
 * Site beta: 60 people (GB, Firefox), one a minute from 2025-03-05 12:00 UTC, each
 * 0 /, 30 /pricing, 40 Signup{plan pro, amount 10} on /pricing. Same paths and event as alpha.
 */
export const BETA_CROWD = 60;
const BETA: Session[] = Array.from({ length: BETA_CROWD }, (_, i) => ({
  name: `beta-${i}`,
  site: "beta",
  who: { ip: `81.2.69.${100 + i}`, userAgent: UA.firefoxLinux, acceptLanguage: "en" },
  start: new Date(Date.UTC(2025, 2, 5, 12, i)).toISOString(),
  hits: [[0, "/"], [30, "/pricing"], [40, "/pricing", { event: "Signup", meta: { plan: "pro", amount: 10 } }]],
}));

export const FIXTURE: readonly Session[] = [...ALPHA, ...BETA];

/** Three people on site live a minute before `now`: two on /live (GB, US), one on /other (US). */
export function liveSessions(now: number): Session[] {
  const start = new Date(now - 60_000).toISOString();
  return [
    { name: "L1", site: "live", who: "A", start, hits: [[0, "/live"]] },
    { name: "L2", site: "live", who: "B", start, hits: [[0, "/live"]] },
    { name: "L3", site: "live", who: "H", start, hits: [[0, "/other"]] },
  ];
}
