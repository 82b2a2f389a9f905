import { type HitRecord, hitRecordOf } from "@pulse/hits";

/**
 * A small world of hits shared by the Kindmetrics and Krafter tests (their figures are worked out in
 * kindmetrics.it.test.ts and krafter.it.test.ts). Countries come from the
 * geo database, browsers from the user agent, referrer names and channels from enrichment.
 *
 *      IP               country  browser / OS
 *  A   81.2.69.142      GB       Firefox / Linux
 *  B   8.8.8.8          US       Chrome / Windows
 *  C   85.214.132.117   DE       Safari / iOS
 *  D   133.242.0.1      JP       Safari / macOS
 *  E   95.216.0.1       FI       Chrome / Windows   (live: a minute before the test runs)
 *  BOT 66.249.66.1      -        Googlebot          (never counts)
 */
export const PEOPLE = {
  A: { ip: "81.2.69.142", user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0" },
  B: { ip: "8.8.8.8", user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36" },
  C: {
    ip: "85.214.132.117",
    user_agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
  },
  D: { ip: "133.242.0.1", user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15" },
  E: { ip: "95.216.0.1", user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36" },
  BOT: { ip: "66.249.66.1", user_agent: "Googlebot/2.1 (+http://www.google.com/bot.html)" },
} as const;
type Person = keyof typeof PEOPLE;

export interface Sites {
  /** kind.test, Europe/Berlin: every figure is about it. */
  main: string;
  /** second.test, same account. */
  second: string;
  /** rival.test, another account. */
  rival: string;
}

const at = (utc: string) => Date.parse(`${utc}Z`);

function page(site: string, host: string, who: Person, time: number, path: string, referrer?: string): HitRecord {
  const body = { ...PEOPLE[who], url: `https://${host}${path}`, ...(referrer === undefined ? {} : { referrer }) };
  return hitRecordOf("pageview", body, { siteId: site, time, receivedAt: time });
}

function event(site: string, host: string, who: Person, time: number, path: string, name: string, meta: Record<string, string | number>): HitRecord {
  const body = { ...PEOPLE[who], url: `https://${host}${path}`, event_name: name, event_meta: meta };
  return hitRecordOf("event", body, { siteId: site, time, receivedAt: time });
}

/**
 *  site    who  UTC time             Berlin day  hit
 *  main    A    2026-03-10 10:00     03-10       /          referrer https://www.google.com/search?q=pulse
 *  main    A    2026-03-10 10:01     03-10       /pricing
 *  main    A    2026-03-10 10:02     03-10       event Signup {plan: pro} on /pricing
 *  main    A    2026-03-10 10:03     03-10       event Purchase {revenue: 49.5} on /pricing
 *  main    B    2026-03-10 10:30     03-10       /          referrer https://www.indiehackers.com/post/launch/
 *  main    C    2026-03-10 11:00     03-10       /blog      direct
 *  main    C    2026-03-10 11:01     03-10       /pricing
 *  main    C    2026-03-10 11:02     03-10       event Signup {plan: free} on /pricing
 *  main    BOT  2026-03-10 11:30     03-10       /          (a bot: never counts)
 *  main    D    2026-03-11 09:00     03-11       /docs?utm_source=newsletter&utm_medium=email&utm_campaign=launch
 *  second  B    2026-03-10 10:00     -           /other     (same account, another site)
 *  rival   A    2026-03-10 10:00     -           /secret    referrer Google (another account)
 *  main    E    now - 60 s           today       /live
 */
export function fixture(sites: Sites, now: number): HitRecord[] {
  const main = (who: Person, utc: string, path: string, referrer?: string) => page(sites.main, "kind.test", who, at(utc), path, referrer);
  return [
    main("A", "2026-03-10T10:00:00", "/", "https://www.google.com/search?q=pulse"),
    main("A", "2026-03-10T10:01:00", "/pricing"),
    event(sites.main, "kind.test", "A", at("2026-03-10T10:02:00"), "/pricing", "Signup", { plan: "pro" }),
    event(sites.main, "kind.test", "A", at("2026-03-10T10:03:00"), "/pricing", "Purchase", { revenue: 49.5 }),
    main("B", "2026-03-10T10:30:00", "/", "https://www.indiehackers.com/post/launch/"),
    main("C", "2026-03-10T11:00:00", "/blog"),
    main("C", "2026-03-10T11:01:00", "/pricing"),
    event(sites.main, "kind.test", "C", at("2026-03-10T11:02:00"), "/pricing", "Signup", { plan: "free" }),
    main("BOT", "2026-03-10T11:30:00", "/"),
    main("D", "2026-03-11T09:00:00", "/docs?utm_source=newsletter&utm_medium=email&utm_campaign=launch"),
    page(sites.second, "second.test", "B", at("2026-03-10T10:00:00"), "/other"),
    page(sites.rival, "rival.test", "A", at("2026-03-10T10:00:00"), "/secret", "https://www.google.com/"),
    page(sites.main, "kind.test", "E", now - 60_000, "/live"),
  ];
}

/**
 * Strings that would break a query built by concatenation, a ClickHouse parameter placeholder, a
 * LIKE pattern or a regular expression; each must reach the engine as a value. None is blank (a
 * blank form field means "not given") and none is longer than the 2048 characters a filter takes.
 */
export const INJECTIONS = [
  "'",
  "\\",
  "\\'",
  "'; DROP TABLE events; --",
  "\" OR \"1\"=\"1",
  "') OR ('1'='1",
  ".*",
  "^/secret$",
  "(a|b)[c]{1}+?$",
  "/secret",
  "%",
  "_",
  // Placeholders of ClickHouse's parameter syntax, and comments.
  "{site_id:String}",
  "') OR site_id != {site_id:String} --",
  "x' /* comment */ OR '1'='1",
  "*/ OR 1=1 /*",
  "#' OR 1=1",
  // Control characters, other quotes, escapes.
  "\0",
  "a\0' OR 1=1 --",
  "a\n' OR 1=1 --\r\n",
  "`id`",
  "\\\\'\\",
  "\\x27 OR 1=1",
  // Unicode: other scripts, emoji, a right-to-left override, a letter whose lower case is longer.
  "Ünïcödé ✓ 日本語 🙂",
  "\u202E/terces",
  "İ",
  // Regular expression and LIKE metacharacters.
  "(a+)+$",
  "[[:alpha:]]{1,65535}",
  "\\Q.*\\E|^",
  "%_%\\%",
  // Long values.
  "x".repeat(2000),
  "'".repeat(1000),
];
