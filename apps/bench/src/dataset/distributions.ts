/**
 * The shape of scenario 4's generated traffic: weighted tables the generator draws from inside
 * ClickHouse. Every row is a value the production pipeline would write for such a visit (the
 * enrichment's names for referrers, channels, browsers; normalized referrer URLs; ISO codes).
 */

/** A table of alternatives, each a tuple of column values, drawn with probability weight / total. */
export interface Weighted<T extends readonly string[]> {
  columns: { [K in keyof T]: string };
  rows: readonly (readonly [...T, number])[];
}

/** Cumulative shares (last one exactly 1) of a table's weights, for an inverse-CDF draw. */
export function cumulativeShares(weights: readonly number[]): number[] {
  if (weights.length === 0 || weights.some((w) => !(w > 0))) throw new Error("weights must be positive");
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  return weights.map((w, i) => {
    running += w;
    return i === weights.length - 1 ? 1 : running / total;
  });
}

/** Sessions (UTC hour of the day) peak in the European afternoon, which is the American morning. */
export const HOUR_WEIGHTS = [2, 1.5, 1.2, 1, 1, 1.2, 1.8, 2.8, 4, 5, 5.5, 5.8, 5.8, 5.9, 6, 6.2, 6.3, 6, 5.5, 5, 4.5, 4, 3.4, 2.7];

/** Where a session came from: the first hit's referrer, its name and channel, and UTM tags of the landing URL. */
export const SOURCES: Weighted<[string, string, string, string, string, string]> = {
  columns: ["referrer", "referrer_name", "channel", "utm_source", "utm_medium", "utm_campaign"],
  rows: [
    ["", "", "Direct", "", "", "", 38],
    ["https://google.com", "Google", "Organic Search", "", "", "", 24],
    ["https://google.de", "Google", "Organic Search", "", "", "", 4],
    ["https://bing.com", "Bing", "Organic Search", "", "", "", 3],
    ["https://duckduckgo.com", "DuckDuckGo", "Organic Search", "", "", "", 2],
    ["https://ecosia.org", "Ecosia", "Organic Search", "", "", "", 0.5],
    ["https://t.co", "X", "Organic Social", "", "", "", 2.5],
    ["https://news.ycombinator.com/item", "Hacker News", "Organic Social", "", "", "", 3],
    ["https://reddit.com/r/programming", "Reddit", "Organic Social", "", "", "", 2],
    ["https://linkedin.com", "LinkedIn", "Organic Social", "", "", "", 1.5],
    ["https://github.com", "github.com", "Referral", "", "", "", 3],
    ["https://dev.to", "dev.to", "Referral", "", "", "", 1],
    ["https://stackoverflow.com/questions", "stackoverflow.com", "Referral", "", "", "", 1.5],
    ["https://producthunt.com/posts", "Product Hunt", "Organic Social", "", "", "", 0.5],
    ["", "", "Email", "newsletter", "email", "newsletter_42", 3],
    ["https://google.com", "Google", "Paid Search", "google", "cpc", "brand", 2],
    ["https://linkedin.com", "LinkedIn", "Paid Social", "linkedin", "paid_social", "spring_launch", 1],
    ["", "", "Referral", "partner", "referral", "webinar", 1],
  ],
};

/** Country, region and city (the geo lookup's values) of a visitor. */
export const PLACES: Weighted<[string, string, string]> = {
  columns: ["country_code", "region", "city"],
  rows: [
    ["US", "CA", "San Francisco", 5],
    ["US", "NY", "New York", 5],
    ["US", "TX", "Austin", 3],
    ["US", "WA", "Seattle", 3],
    ["US", "", "", 6],
    ["DE", "BE", "Berlin", 5],
    ["DE", "BY", "Munich", 3],
    ["DE", "HH", "Hamburg", 2],
    ["DE", "", "", 3],
    ["GB", "ENG", "London", 5],
    ["GB", "", "", 3],
    ["FR", "IDF", "Paris", 4],
    ["FR", "", "", 2],
    ["IN", "KA", "Bengaluru", 3],
    ["IN", "", "", 3],
    ["CA", "ON", "Toronto", 2],
    ["CA", "", "", 1.5],
    ["NL", "NH", "Amsterdam", 2.5],
    ["BR", "SP", "São Paulo", 2],
    ["ES", "MD", "Madrid", 2],
    ["IT", "", "", 1.8],
    ["PL", "", "", 1.6],
    ["SE", "AB", "Stockholm", 1.4],
    ["AU", "NSW", "Sydney", 1.4],
    ["JP", "13", "Tokyo", 1.3],
    ["CH", "ZH", "Zurich", 1.2],
    ["AT", "9", "Vienna", 1.1],
    ["BE", "", "", 0.9],
    ["DK", "", "", 0.8],
    ["NO", "", "", 0.7],
    ["FI", "", "", 0.7],
    ["CZ", "", "", 0.6],
    ["PT", "", "", 0.6],
    ["IE", "L", "Dublin", 0.6],
    ["IL", "", "", 0.5],
    ["SG", "", "Singapore", 0.5],
    ["KR", "", "", 0.5],
    ["MX", "", "", 0.5],
    ["AR", "", "", 0.4],
    ["TR", "", "", 0.4],
    ["UA", "", "", 0.4],
    ["RO", "", "", 0.4],
    ["ZA", "", "", 0.3],
    ["NZ", "", "", 0.3],
    ["GR", "", "", 0.3],
    ["HU", "", "", 0.3],
    ["ID", "", "", 0.3],
    ["VN", "", "", 0.3],
    ["CN", "", "", 0.2],
    ["", "", "", 1],
  ],
};

/** A visitor's browser, OS and device class, as the user-agent parser names them. */
export const DEVICES: Weighted<[string, string, string, string, string, string]> = {
  columns: ["browser", "browser_version", "os", "os_version", "platform", "screen_class"],
  rows: [
    ["Chrome", "131.0", "Windows", "10", "desktop", "XL", 14],
    ["Chrome", "130.0", "Windows", "10", "desktop", "L", 6],
    ["Chrome", "131.0", "macOS", "10.15.7", "desktop", "L", 9],
    ["Chrome", "131.0", "Linux", "", "desktop", "XL", 3],
    ["Safari", "18.1", "macOS", "10.15.7", "desktop", "L", 5],
    ["Firefox", "133.0", "Windows", "10", "desktop", "XL", 4],
    ["Firefox", "133.0", "Linux", "", "desktop", "XL", 2],
    ["Edge", "131.0", "Windows", "10", "desktop", "XL", 4],
    ["Safari", "18.1", "iOS", "18.1", "mobile", "XS", 16],
    ["Safari", "17.6", "iOS", "17.6", "mobile", "XS", 4],
    ["Chrome", "131.0", "Android", "14", "mobile", "XS", 15],
    ["Samsung Internet", "26.0", "Android", "14", "mobile", "XS", 3],
    ["Safari", "18.1", "iPadOS", "18.1", "tablet", "S", 2.5],
    ["Chrome", "131.0", "Android", "13", "tablet", "S", 1],
    ["Chrome", "131.0", "Windows", "11", "desktop", "", 1.5],
  ],
};

export const LANGUAGES: Weighted<[string]> = {
  columns: ["language"],
  rows: [["en", 55], ["de", 14], ["fr", 7], ["es", 5], ["pt", 3], ["ja", 2], ["nl", 3], ["it", 2], ["pl", 2], ["", 7]],
};

/** Custom events: name and the metadata key each carries. */
export const EVENTS: Weighted<[string, string]> = {
  columns: ["event_name", "meta_key"],
  rows: [
    ["signup", "plan", 15],
    ["newsletter_subscribe", "list", 20],
    ["download", "file", 25],
    ["play_video", "video", 15],
    ["outbound_click", "url", 25],
  ],
};

/** The top pages by rank (Zipf rank 0 is the home page); beyond them pages are /<section>/<word>-<word>-<rank>. */
export const TOP_PAGES = ["/", "/pricing", "/features", "/docs", "/blog", "/signup", "/about", "/login", "/contact", "/changelog"];
export const TOP_TITLES = ["Home", "Pricing", "Features", "Docs", "Blog", "Sign up", "About", "Log in", "Contact", "Changelog"];
export const SECTIONS = ["blog", "docs", "guides", "changelog", "customers", "integrations", "help"];
export const WORDS = [
  "analytics", "privacy", "clickhouse", "kafka", "pricing", "release", "guide", "setup", "migration", "dashboard",
  "events", "sessions", "funnels", "goals", "retention", "cookies", "gdpr", "performance", "scaling", "tracking",
  "api", "sdk", "webhooks", "exports", "teams", "billing", "security", "changelog", "roadmap", "integrations",
];

/** Distinct pages the Zipf draw ranges over. */
export const PAGES = 3000;
