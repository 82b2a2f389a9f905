import type { MetricValues, ResultRow, SessionHit, SessionSummary, TimeInterval } from "@pulse/stats";

const n = (value: number | undefined) => value ?? 0;

/** The engine's metrics under Pirsch's names (views, cr, ...), only those present. */
export function pirschMetrics(m: MetricValues): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (name: string, value: number | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  put("visitors", m.visitors);
  put("views", m.pageviews);
  put("sessions", m.sessions);
  put("bounces", m.bounces);
  put("bounce_rate", m.bounce_rate);
  put("cr", m.conversion_rate);
  put("custom_metric_avg", m.custom_metric_avg);
  put("custom_metric_total", m.custom_metric_total);
  return out;
}

/** relative_visitors, relative_views, ... of a breakdown row. */
export function pirschRelative(row: ResultRow, names: readonly ("visitors" | "views" | "sessions")[] = ["visitors"]): Record<string, number> {
  const of = { visitors: row.relative?.visitors, views: row.relative?.pageviews, sessions: row.relative?.sessions };
  return Object.fromEntries(names.map((name) => [`relative_${name}`, n(of[name])]));
}

/** Pirsch's time fields: the one of the scale set to the bucket's start, the others null. */
export function timeFields(label: string | number, scale: TimeInterval): Record<"day" | "week" | "month" | "year", string | null> {
  const iso = `${String(label).slice(0, 10)}T00:00:00Z`;
  return { day: scale === "day" ? iso : null, week: scale === "week" ? iso : null, month: scale === "month" ? iso : null, year: scale === "year" ? iso : null };
}

const platformOf = (platform: string) => ({ desktop: platform === "desktop", mobile: platform === "mobile" });

/**
 * A session of session/list with Pirsch's field names. session_id is our UUID (a number at Pirsch);
 * `extended` counts the keep-alives that extended it.
 */
export function sessionView(s: SessionSummary) {
  return {
    visitor_id: s.visitor_id,
    session_id: s.session_id,
    time: s.end,
    start: s.start,
    duration_seconds: s.duration_seconds,
    entry_path: s.entry_path,
    exit_path: s.exit_path,
    page_views: s.pageviews,
    is_bounce: s.is_bounce,
    entry_title: s.entry_title,
    exit_title: s.exit_title,
    language: s.language,
    country_code: s.country.toLowerCase(),
    city: s.city,
    referrer: s.referrer,
    referrer_name: s.referrer_name,
    referrer_icon: "",
    os: s.os,
    os_version: s.os_version,
    browser: s.browser,
    browser_version: s.browser_version,
    ...platformOf(s.platform),
    screen_class: s.screen_class,
    utm_source: s.utm_source,
    utm_medium: s.utm_medium,
    utm_campaign: s.utm_campaign,
    utm_content: s.utm_content,
    utm_term: s.utm_term,
    extended: s.keep_alives,
  };
}

/** One entry of session/details: a page view or an event, the other null. */
export function sessionStepView(hit: SessionHit, sessionId: string) {
  const common = {
    visitor_id: hit.visitor_id,
    session_id: sessionId,
    time: hit.time,
    duration_seconds: hit.duration_seconds,
    path: hit.path,
    title: hit.title,
    language: hit.language,
    country_code: hit.country.toLowerCase(),
    city: hit.city,
    referrer: hit.referrer,
    referrer_name: hit.referrer_name,
    referrer_icon: "",
    os: hit.os,
    os_version: hit.os_version,
    browser: hit.browser,
    browser_version: hit.browser_version,
    ...platformOf(hit.platform),
    screen_class: hit.screen_class,
    utm_source: hit.utm_source,
    utm_medium: hit.utm_medium,
    utm_campaign: hit.utm_campaign,
    utm_content: hit.utm_content,
    utm_term: hit.utm_term,
  };
  if (hit.kind === "event") {
    const { duration_seconds, ...rest } = common;
    return {
      page_view: null,
      event: {
        ...rest,
        name: hit.event_name,
        meta_keys: Object.keys(hit.event_meta),
        meta_values: Object.values(hit.event_meta),
        duration_seconds,
      },
    };
  }
  return { page_view: { ...common, tag_keys: Object.keys(hit.tags), tag_values: Object.values(hit.tags) }, event: null };
}
