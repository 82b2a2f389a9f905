export interface Utm {
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
}

// Stored values are dimensions, not payloads: a cap keeps one odd link from bloating a column.
const MAX_LENGTH = 200;
// Shorter tags that link builders use for the source (Plausible and Pirsch read `ref`, too).
const SOURCE_FALLBACKS = ["ref", "source", "via"] as const;

/** The campaign parameters of a page URL; utm_source falls back to `ref`, `source`, then `via`. */
export function utmOf(url: URL): Utm {
  const params = url.searchParams;
  let utmSource = paramOf(params, "utm_source");
  for (const name of SOURCE_FALLBACKS) {
    if (utmSource !== "") break;
    utmSource = paramOf(params, name);
  }
  return {
    utmSource,
    utmMedium: paramOf(params, "utm_medium"),
    utmCampaign: paramOf(params, "utm_campaign"),
    utmContent: paramOf(params, "utm_content"),
    utmTerm: paramOf(params, "utm_term"),
  };
}

function paramOf(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? "").trim().slice(0, MAX_LENGTH);
}
