import type { HitBody } from "@pulse/hits";

/**
 * Realistic tracking bodies: pools of a few hundred distinct URLs, referrers, user agents and IPs,
 * combined at random (seeded, so every run sends the same traffic). A visitor is an (IP, user agent)
 * pair, so the pool also yields a realistic mix of returning and new visitors.
 */

/** Placeholder for a batch item's `time`; the load generator stamps the send time into it. */
export const TIME_PLACEHOLDER = "__TIME__";

/** mulberry32: small, fast, good enough to pick from pools. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const WORDS = [
  "analytics", "privacy", "clickhouse", "kafka", "pricing", "release", "guide", "setup", "migration", "dashboard",
  "events", "sessions", "funnels", "goals", "retention", "cookies", "gdpr", "performance", "scaling", "tracking",
  "api", "sdk", "webhooks", "exports", "teams", "billing", "security", "changelog", "roadmap", "integrations",
];
const SECTIONS = ["blog", "docs", "guides", "changelog", "customers", "integrations", "help"];
const TOP_PAGES = ["/", "/pricing", "/features", "/about", "/contact", "/signup", "/login", "/privacy", "/terms", "/careers"];
const CAMPAIGNS = ["spring_launch", "newsletter_42", "retargeting", "brand", "black_friday", "webinar"];
const UTM_SOURCES = [
  ["newsletter", "email"],
  ["google", "cpc"],
  ["twitter", "social"],
  ["linkedin", "social"],
  ["partner", "referral"],
] as const;

function urls(random: () => number, domain: string, count: number): string[] {
  const out = new Set<string>(TOP_PAGES.map((p) => `https://${domain}${p}`));
  while (out.size < count) {
    const section = pick(random, SECTIONS);
    const slug = `${pick(random, WORDS)}-${pick(random, WORDS)}${random() < 0.3 ? `-${int(random, 2, 2026)}` : ""}`;
    let url = `https://${random() < 0.15 ? "www." : ""}${domain}/${section}/${slug}`;
    if (random() < 0.12) {
      const [source, medium] = pick(random, UTM_SOURCES);
      url += `?utm_source=${source}&utm_medium=${medium}&utm_campaign=${pick(random, CAMPAIGNS)}`;
    } else if (random() < 0.05) {
      url += `?ref=${pick(random, WORDS)}`;
    }
    out.add(url);
  }
  return [...out];
}

const SEARCH = ["https://www.google.com/", "https://www.google.de/", "https://www.bing.com/", "https://duckduckgo.com/", "https://search.yahoo.com/", "https://www.ecosia.org/"];
const SOCIAL = ["https://t.co/", "https://www.facebook.com/", "https://l.facebook.com/", "https://www.linkedin.com/", "https://www.reddit.com/r/", "https://news.ycombinator.com/item?id=", "https://lobste.rs/s/", "https://mastodon.social/@"];
const OTHER = ["https://github.com/", "https://dev.to/", "https://medium.com/@", "https://stackoverflow.com/questions/", "https://www.producthunt.com/posts/", "android-app://com.slack/"];

function referrers(random: () => number, domain: string, count: number): string[] {
  const out = new Set<string>(SEARCH);
  while (out.size < count) {
    const r = random();
    if (r < 0.35) out.add(`${pick(random, SOCIAL)}${int(random, 1000, 9_999_999)}`);
    else if (r < 0.65) out.add(`${pick(random, OTHER)}${pick(random, WORDS)}-${pick(random, WORDS)}`);
    else if (r < 0.85) out.add(`https://${domain}/${pick(random, SECTIONS)}/${pick(random, WORDS)}`);
    else out.add(`https://${pick(random, WORDS)}${pick(random, WORDS)}.${pick(random, ["com", "io", "dev", "net", "org"])}/`);
  }
  return [...out];
}

function userAgents(random: () => number, count: number): string[] {
  const out = new Set<string>();
  const templates: (() => string)[] = [
    () => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${int(random, 118, 131)}.0.${int(random, 5000, 6800)}.${int(random, 10, 200)} Safari/537.36`,
    () => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${int(random, 118, 131)}.0.0.0 Safari/537.36`,
    () => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${int(random, 118, 131)}.0.0.0 Safari/537.36`,
    () => `Mozilla/5.0 (Linux; Android ${int(random, 10, 15)}; ${pick(random, ["SM-S918B", "Pixel 8", "Pixel 7a", "SM-A546B", "M2101K6G", "CPH2451"])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${int(random, 118, 131)}.0.0.0 Mobile Safari/537.36`,
    () => `Mozilla/5.0 (iPhone; CPU iPhone OS ${int(random, 15, 18)}_${int(random, 0, 6)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${int(random, 15, 18)}.${int(random, 0, 6)} Mobile/15E148 Safari/604.1`,
    () => `Mozilla/5.0 (iPad; CPU OS ${int(random, 15, 18)}_${int(random, 0, 6)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${int(random, 15, 18)}.0 Mobile/15E148 Safari/604.1`,
    () => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${int(random, 15, 18)}.${int(random, 0, 6)} Safari/605.1.15`,
    () => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${int(random, 115, 133)}.0) Gecko/20100101 Firefox/${int(random, 115, 133)}.0`,
    () => `Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:${int(random, 115, 133)}.0) Gecko/20100101 Firefox/${int(random, 115, 133)}.0`,
    () => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${int(random, 118, 131)}.0.0.0 Safari/537.36 Edg/${int(random, 118, 131)}.0.${int(random, 1000, 2900)}.${int(random, 10, 99)}`,
    () => `Mozilla/5.0 (Linux; Android ${int(random, 10, 14)}; SAMSUNG SM-G${int(random, 900, 999)}B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${int(random, 20, 26)}.0 Chrome/${int(random, 110, 125)}.0.0.0 Mobile Safari/537.36`,
  ];
  // About 3% of real traffic is crawlers; the enrichment flags them.
  const bots = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "curl/8.5.0",
  ];
  for (const bot of bots) out.add(bot);
  while (out.size < count) out.add(pick(random, templates)());
  return [...out];
}

// First octets of blocks allocated to RIRs for public use, so the geo lookup finds countries.
const PUBLIC_FIRST_OCTETS = [
  2, 5, 24, 31, 37, 46, 50, 62, 66, 68, 71, 73, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93,
  94, 95, 98, 104, 109, 110, 112, 114, 118, 121, 124, 151, 176, 178, 185, 188, 189, 190, 193, 194, 195, 200, 201,
  203, 210, 212, 213, 217, 218, 220,
];

function ips(random: () => number, count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    if (random() < 0.1) {
      const prefix = pick(random, ["2a02:8108", "2003:e2", "2601:646", "2a01:cb00", "2600:1700", "2406:da14"]);
      out.add(`${prefix}:${int(random, 1, 0xffff).toString(16)}:${int(random, 1, 0xffff).toString(16)}::${int(random, 1, 0xffff).toString(16)}`);
    } else {
      out.add(`${pick(random, PUBLIC_FIRST_OCTETS)}.${int(random, 0, 255)}.${int(random, 0, 255)}.${int(random, 1, 254)}`);
    }
  }
  return [...out];
}

const LANGUAGES = ["en-US,en;q=0.9", "de-DE,de;q=0.9,en;q=0.8", "fr-FR,fr;q=0.9", "en-GB,en;q=0.9", "es-ES,es;q=0.9", "pt-BR,pt;q=0.9", "ja-JP,ja;q=0.9", "nl-NL,nl;q=0.9,en;q=0.8"];
const SCREENS = [
  [1920, 1080],
  [1536, 864],
  [1440, 900],
  [2560, 1440],
  [390, 844],
  [414, 896],
  [360, 800],
  [768, 1024],
] as const;

export interface BodyPool {
  urls: string[];
  referrers: string[];
  userAgents: string[];
  ips: string[];
}

/** Pools of distinct values for a site's traffic: 300 URLs, 120 referrers, 300 user agents, 400 IPs by default. */
export function bodyPool(domain: string, seed = 7, sizes = { urls: 300, referrers: 120, userAgents: 300, ips: 400 }): BodyPool {
  const random = rng(seed);
  return {
    urls: urls(random, domain, sizes.urls),
    referrers: referrers(random, domain, sizes.referrers),
    userAgents: userAgents(random, sizes.userAgents),
    ips: ips(random, sizes.ips),
  };
}

function titleOf(url: string): string {
  const path = new URL(url).pathname;
  const last = path.split("/").filter(Boolean).at(-1) ?? "home";
  return last.replace(/-/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

/** `count` single-hit bodies (POST /api/v1/hit) drawn from the pool. */
export function hitBodies(pool: BodyPool, count: number, seed = 11): HitBody[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const url = pick(random, pool.urls);
    const body: HitBody = { url, ip: pick(random, pool.ips), user_agent: pick(random, pool.userAgents) };
    // About 40% of page views come without a referrer (direct, or stripped by the browser).
    if (random() < 0.6) body.referrer = pick(random, pool.referrers);
    if (random() < 0.9) body.title = titleOf(url);
    if (random() < 0.8) body.accept_language = pick(random, LANGUAGES);
    if (random() < 0.7) {
      const [w, h] = pick(random, SCREENS);
      body.screen_width = w;
      body.screen_height = h;
    }
    if (random() < 0.05) body.tags = { author: pick(random, WORDS), plan: pick(random, ["free", "pro", "team"]) };
    return body;
  });
}

/** `count` batch bodies (POST /api/v1/hit/batch) of `size` items each, with `time` left as a placeholder. */
export function batchBodies(pool: BodyPool, count: number, size: number, seed = 13): (HitBody & { time: string })[][] {
  const items = hitBodies(pool, count * size, seed);
  return Array.from({ length: count }, (_, i) =>
    items.slice(i * size, (i + 1) * size).map((item) => ({ ...item, time: TIME_PLACEHOLDER })),
  );
}
