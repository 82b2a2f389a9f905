/**
 * What kind of site a traffic source is, in the terms of Google Analytics' default channel rules
 * ("email" is ours: webmail and newsletter platforms). "" is any other site.
 */
export type SourceCategory = "search" | "social" | "video" | "shopping" | "email" | "";

export interface KnownSource {
  readonly name: string;
  readonly category: SourceCategory;
}

interface Entry {
  name: string;
  category: SourceCategory;
  /** Hostnames without "www."; subdomains match too. Android package names (android-app:// referrers) go here as well. */
  hosts: readonly string[];
  /** Brands that own many country domains: "google" covers google.de, google.co.uk, google.com.br, ... */
  brand?: string;
  /** Other spellings seen in utm_source / ref. */
  aliases?: readonly string[];
}

// X, not Twitter: t.co, twitter.com and x.com all lead to the same product, and "X" is its current name.
const ENTRIES: readonly Entry[] = [
  // Search
  {
    name: "Google",
    category: "search",
    hosts: ["google.com", "com.google.android.googlequicksearchbox", "com.google.android.apps.searchlite"],
    brand: "google",
  },
  { name: "Bing", category: "search", hosts: ["bing.com"], brand: "bing" },
  { name: "DuckDuckGo", category: "search", hosts: ["duckduckgo.com", "duck.com"], aliases: ["ddg"] },
  { name: "Yahoo!", category: "search", hosts: ["yahoo.com"], brand: "yahoo", aliases: ["yahoo"] },
  { name: "Yandex", category: "search", hosts: ["yandex.ru", "yandex.com", "ya.ru"], brand: "yandex" },
  { name: "Baidu", category: "search", hosts: ["baidu.com"], brand: "baidu" },
  { name: "Ecosia", category: "search", hosts: ["ecosia.org"] },
  { name: "Brave Search", category: "search", hosts: ["search.brave.com"], aliases: ["brave"] },
  { name: "Qwant", category: "search", hosts: ["qwant.com"] },
  { name: "Startpage", category: "search", hosts: ["startpage.com"] },
  { name: "Kagi", category: "search", hosts: ["kagi.com"] },
  { name: "Naver", category: "search", hosts: ["naver.com"] },
  { name: "Seznam", category: "search", hosts: ["seznam.cz"] },
  { name: "Sogou", category: "search", hosts: ["sogou.com"] },
  { name: "Daum", category: "search", hosts: ["daum.net"] },
  { name: "Ask", category: "search", hosts: ["ask.com"] },
  { name: "AOL", category: "search", hosts: ["aol.com"] },
  // Social
  {
    name: "Facebook",
    category: "social",
    hosts: ["facebook.com", "fb.com", "fb.me", "messenger.com", "com.facebook.katana", "com.facebook.orca"],
    aliases: ["fb"],
  },
  { name: "Instagram", category: "social", hosts: ["instagram.com", "com.instagram.android"], aliases: ["ig"] },
  { name: "X", category: "social", hosts: ["x.com", "twitter.com", "t.co", "com.twitter.android"], aliases: ["twitter"] },
  { name: "LinkedIn", category: "social", hosts: ["linkedin.com", "lnkd.in", "com.linkedin.android"] },
  { name: "Reddit", category: "social", hosts: ["reddit.com", "redd.it", "com.reddit.frontpage"] },
  { name: "Pinterest", category: "social", hosts: ["pinterest.com", "pin.it", "com.pinterest"], brand: "pinterest" },
  { name: "TikTok", category: "social", hosts: ["tiktok.com", "com.zhiliaoapp.musically"] },
  { name: "Hacker News", category: "social", hosts: ["news.ycombinator.com"], aliases: ["hn", "hackernews"] },
  // Federated: only the largest instances; others show as their own host.
  {
    name: "Mastodon",
    category: "social",
    hosts: [
      "mastodon.social",
      "mastodon.online",
      "mastodon.world",
      "mstdn.social",
      "mas.to",
      "fosstodon.org",
      "hachyderm.io",
      "infosec.exchange",
      "org.joinmastodon.android",
    ],
  },
  { name: "Bluesky", category: "social", hosts: ["bsky.app"], aliases: ["bsky"] },
  { name: "Threads", category: "social", hosts: ["threads.net", "threads.com"] },
  { name: "Tumblr", category: "social", hosts: ["tumblr.com"] },
  { name: "Quora", category: "social", hosts: ["quora.com"] },
  { name: "VK", category: "social", hosts: ["vk.com"] },
  { name: "Weibo", category: "social", hosts: ["weibo.com"] },
  { name: "Xing", category: "social", hosts: ["xing.com"] },
  { name: "Telegram", category: "social", hosts: ["t.me", "telegram.org", "org.telegram.messenger"] },
  { name: "WhatsApp", category: "social", hosts: ["whatsapp.com", "wa.me", "com.whatsapp"] },
  { name: "Discord", category: "social", hosts: ["discord.com", "discordapp.com", "discord.gg", "com.discord"] },
  { name: "Slack", category: "social", hosts: ["slack.com", "com.slack"] },
  { name: "Snapchat", category: "social", hosts: ["snapchat.com"] },
  { name: "Product Hunt", category: "social", hosts: ["producthunt.com"] },
  { name: "Lobsters", category: "social", hosts: ["lobste.rs"] },
  { name: "Medium", category: "social", hosts: ["medium.com"] },
  // Video
  {
    name: "YouTube",
    category: "video",
    hosts: ["youtube.com", "youtu.be", "com.google.android.youtube"],
    aliases: ["yt"],
  },
  { name: "Vimeo", category: "video", hosts: ["vimeo.com"] },
  { name: "Twitch", category: "video", hosts: ["twitch.tv"] },
  { name: "Dailymotion", category: "video", hosts: ["dailymotion.com"] },
  // Shopping
  { name: "Amazon", category: "shopping", hosts: ["amazon.com"], brand: "amazon" },
  { name: "eBay", category: "shopping", hosts: ["ebay.com"], brand: "ebay" },
  { name: "Etsy", category: "shopping", hosts: ["etsy.com"] },
  { name: "AliExpress", category: "shopping", hosts: ["aliexpress.com"] },
  { name: "Walmart", category: "shopping", hosts: ["walmart.com"] },
  { name: "Shopify", category: "shopping", hosts: ["shopify.com"] },
  // Email: webmail and newsletter platforms
  { name: "Gmail", category: "email", hosts: ["mail.google.com", "com.google.android.gm"] },
  {
    name: "Outlook",
    category: "email",
    hosts: ["outlook.live.com", "outlook.office.com", "outlook.office365.com", "outlook.com", "com.microsoft.office.outlook"],
  },
  { name: "Yahoo! Mail", category: "email", hosts: ["mail.yahoo.com"] },
  { name: "Proton Mail", category: "email", hosts: ["mail.proton.me"] },
  { name: "GMX", category: "email", hosts: ["gmx.net", "gmx.de", "gmx.com"] },
  { name: "WEB.DE", category: "email", hosts: ["web.de"] },
  { name: "Mailchimp", category: "email", hosts: ["mailchi.mp", "campaign-archive.com", "list-manage.com"] },
  { name: "Substack", category: "email", hosts: ["substack.com"] },
  { name: "Beehiiv", category: "email", hosts: ["beehiiv.com"] },
  { name: "Kit", category: "email", hosts: ["kit.com", "convertkit.com", "ck.page"], aliases: ["convertkit"] },
  { name: "Buttondown", category: "email", hosts: ["buttondown.email", "buttondown.com"] },
  // Other well-known referrers (Google's rules count AI assistants as referrals, too)
  { name: "ChatGPT", category: "", hosts: ["chatgpt.com", "chat.openai.com"] },
  { name: "Perplexity", category: "", hosts: ["perplexity.ai"] },
  { name: "Claude", category: "", hosts: ["claude.ai"] },
  { name: "Gemini", category: "", hosts: ["gemini.google.com"] },
  { name: "Copilot", category: "", hosts: ["copilot.microsoft.com"] },
  { name: "Google News", category: "", hosts: ["news.google.com"] },
  { name: "Google Docs", category: "", hosts: ["docs.google.com"] },
  { name: "GitHub", category: "", hosts: ["github.com"] },
  { name: "Stack Overflow", category: "", hosts: ["stackoverflow.com"] },
  { name: "Wikipedia", category: "", hosts: ["wikipedia.org"] },
];

const byHost = new Map<string, KnownSource>();
const byBrand = new Map<string, KnownSource>();
const byName = new Map<string, KnownSource>();
for (const { name, category, hosts, brand, aliases = [] } of ENTRIES) {
  const source: KnownSource = Object.freeze({ name, category });
  for (const host of hosts) byHost.set(host, source);
  if (brand !== undefined) byBrand.set(brand, source);
  for (const key of [name.toLowerCase(), ...aliases, ...(brand === undefined ? [] : [brand])]) byName.set(key, source);
}
// "producthunt" in ?ref=producthunt means producthunt.com; short labels ("t" of t.co) would be ambiguous.
for (const { hosts } of ENTRIES) {
  for (const host of hosts) {
    const labels = host.split(".");
    const [label] = labels;
    if (labels.length === 2 && label !== undefined && label.length >= 4 && !byName.has(label)) {
      byName.set(label, byHost.get(host)!);
    }
  }
}

// Second-level labels under which country registries sell domains: google.co.uk, amazon.com.au.
const COUNTRY_SECOND_LEVELS = new Set(["co", "com", "net", "org", "ne", "or", "ac", "gov", "edu"]);

/** The known source behind a lowercase hostname (without "www."), or undefined. */
export function knownSourceOfHost(host: string): KnownSource | undefined {
  for (let rest = host; ; ) {
    const source = byHost.get(rest);
    if (source !== undefined) return source;
    const dot = rest.indexOf(".");
    // Stop before the bare TLD: "com" names nothing.
    if (dot === -1 || rest.indexOf(".", dot + 1) === -1) break;
    rest = rest.slice(dot + 1);
  }
  const labels = host.split(".");
  let tld = labels.length - 1;
  if (labels.length >= 3 && labels[tld]?.length === 2 && COUNTRY_SECOND_LEVELS.has(labels[tld - 1] ?? "")) tld -= 1;
  const brand = labels[tld - 1];
  return brand === undefined ? undefined : byBrand.get(brand);
}

/** The known source named by a utm_source / ref value ("fb", "Twitter", "news.ycombinator.com"), or undefined. */
export function knownSourceOfName(name: string): KnownSource | undefined {
  const key = name.trim().toLowerCase();
  return byName.get(key) ?? (key.includes(".") ? knownSourceOfHost(stripWww(key)) : undefined);
}

export function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}
