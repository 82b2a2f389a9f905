import { BoundedCache } from "./lru.js";

// RFC 9110 qvalue: 0 to 1 with at most three decimals.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
// Only ISO 639-1 (two letters): "*", "i-klingon", "x-private" and three-letter codes are not a language we can name.
const ISO_639_1 = /^[a-z]{2}$/;
const SUBTAG_SEPARATOR = /[-_]/;

// A few dozen distinct headers make up nearly all traffic; parsing one splits and tests several strings.
const cache = new BoundedCache<string, string>(5_000);

/** The visitor's preferred language from Accept-Language as a lowercase ISO 639-1 code ("de-DE,de;q=0.9" → "de"), or "". */
export function languageOf(acceptLanguage: string | undefined): string {
  if (acceptLanguage === undefined || acceptLanguage === "") return "";
  // Browsers send a handful of entries; anything much longer is junk not worth the work.
  const header = acceptLanguage.slice(0, 1024);
  let language = cache.get(header);
  if (language === undefined) {
    language = parse(header);
    cache.set(header, language);
  }
  return language;
}

function parse(acceptLanguage: string): string {
  let best = "";
  let bestQ = 0;
  for (const entry of acceptLanguage.split(",")) {
    const [rawTag = "", ...params] = entry.split(";");
    let q = 1;
    for (const param of params) {
      const [name = "", value = ""] = param.split("=");
      if (name.trim().toLowerCase() !== "q") continue;
      const trimmed = value.trim();
      q = QVALUE.test(trimmed) ? Number(trimmed) : Number.NaN;
    }
    // q=0 means "not acceptable"; an unreadable q is ignored rather than guessed.
    if (!(q > bestQ)) continue;
    const tag = rawTag.trim();
    const cut = tag.search(SUBTAG_SEPARATOR);
    const primary = (cut === -1 ? tag : tag.slice(0, cut)).toLowerCase();
    if (!ISO_639_1.test(primary)) continue;
    best = primary;
    bestQ = q;
  }
  return best;
}
